/**
 * Idempotency-Key (draft-ietf-httpapi-idempotency-key-header-07; docs/SECURITY.md §3.4): a retry of a
 * completed request gets the first answer; the same key while the first is in flight gets 409; the
 * same key with another body gets 422. Keys are scoped by who sends them, so nobody can read
 * another sender's answer.
 *
 * No key sticks (docs/API.md gives the times): a run holds its key for a lease
 * (config.idempotency.leaseMs, 2 minutes by default), so a key left in flight by a crash is taken
 * over by the first retry after it; a completed answer is replayed for the retention time (24 hours),
 * after which the key is as good as new and the periodic purge deletes it. A run that fails
 * (a 5xx, or a refusal that may pass on a retry: 409 CONFLICT, 429) releases its key at once.
 */
import { createHash } from 'node:crypto';
import { AppError } from '../../../../core/errors';
import type { Deps } from '../../context';
import * as repo from './idempotency.repo';

export interface Replayable {
  status: number;
  body: unknown;
}

/** Refusals that say "not now" rather than "not this": a retry of the same request may succeed. */
const transient = new Set(['CONFLICT', 'RATE_LIMITED']);

export async function withIdempotency(
  deps: Deps,
  scope: string,
  key: string | undefined,
  requestBody: unknown,
  run: () => Promise<Replayable>,
): Promise<Replayable> {
  if (key === undefined) return run();
  if (!/^[A-Za-z0-9_.:-]{8,128}$/.test(key)) {
    throw new AppError('VALIDATION_FAILED', 'Idempotency-Key 格式不正确（8–128 位字母、数字或 -_.:）。');
  }
  const { database, clock, config } = deps;
  const hash = createHash('sha256')
    .update(JSON.stringify(requestBody ?? null))
    .digest('hex');
  const now = clock.now();
  const claimId = await repo.claim(
    database.db,
    scope,
    key,
    hash,
    now,
    new Date(now.getTime() + config.idempotency.leaseMs),
  );
  if (!claimId) {
    const row = await repo.find(database.db, scope, key);
    if (!row) throw new AppError('CONFLICT', '请求正在处理，请稍后重试。');
    if (row.requestHash !== hash) {
      throw new AppError('UNPROCESSABLE', '同一个 Idempotency-Key 不能用于不同的请求内容。');
    }
    if (row.status !== 'done') throw new AppError('CONFLICT', '相同的请求正在处理，请稍后重试。');
    return { status: row.responseStatus ?? 200, body: row.responseBody };
  }
  // The answer is kept from when it was given, not from when the run began.
  const keepUntil = () => new Date(clock.now().getTime() + config.idempotency.retentionMs);
  // Freeing the key must not hide the run's own outcome; if even this fails, the lease runs out.
  const release = () => repo.release(database.db, scope, key, claimId).catch(() => {});

  let result: Replayable;
  try {
    result = await run();
  } catch (err) {
    if (err instanceof AppError && err.status < 500 && !transient.has(err.code)) {
      // A refusal is an answer too: the retry gets the same one, unless it cannot be stored.
      const refusal = { code: err.code, message: err.userMessage, details: err.details };
      await repo.complete(database.db, scope, key, claimId, err.status, refusal, keepUntil()).catch(release);
    } else {
      await release();
    }
    throw err;
  }
  // The work is done: if its answer cannot be stored, the client still gets it, and the key is
  // freed rather than left in flight (a retry after a lost answer would register again, as it
  // would with no key at all, but never waits out a lease for a 409).
  await repo
    .complete(database.db, scope, key, claimId, result.status, result.body, keepUntil())
    .catch(release);
  return result;
}

/** Deletes the keys whose lease or replay window ended; run periodically (jobs/idempotency-purge.ts). */
export async function purgeExpiredKeys(deps: Deps): Promise<number> {
  return repo.purgeExpired(deps.database.db, deps.clock.now());
}
