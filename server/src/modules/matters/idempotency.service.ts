/**
 * Idempotency-Key (draft-ietf-httpapi-idempotency-key-header-07; docs/SECURITY.md §3.4): a retry of a
 * completed request gets the first answer; the same key while the first is in flight gets 409; the
 * same key with another body gets 422. Keys are scoped by who sends them, so nobody can read
 * another sender's answer.
 */
import { createHash } from 'node:crypto';
import { AppError } from '../../../../core/errors';
import type { Deps } from '../../context';
import * as repo from './idempotency.repo';

export interface Replayable {
  status: number;
  body: unknown;
}

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
  const hash = createHash('sha256')
    .update(JSON.stringify(requestBody ?? null))
    .digest('hex');
  const claimed = await repo.claim(deps.database.db, scope, key, hash, deps.clock.now());
  if (!claimed) {
    const row = await repo.find(deps.database.db, scope, key);
    if (!row) throw new AppError('CONFLICT', '请求正在处理，请稍后重试。');
    if (row.requestHash !== hash) {
      throw new AppError('UNPROCESSABLE', '同一个 Idempotency-Key 不能用于不同的请求内容。');
    }
    if (row.status !== 'done') throw new AppError('CONFLICT', '相同的请求正在处理，请稍后重试。');
    return { status: row.responseStatus ?? 200, body: row.responseBody };
  }
  try {
    const result = await run();
    await repo.complete(deps.database.db, scope, key, result.status, result.body);
    return result;
  } catch (err) {
    if (err instanceof AppError && err.status < 500) {
      // A refusal is an answer too: the retry gets the same one.
      await repo.complete(deps.database.db, scope, key, err.status, {
        code: err.code,
        message: err.userMessage,
        details: err.details,
      });
    } else {
      await repo.release(deps.database.db, scope, key);
    }
    throw err;
  }
}
