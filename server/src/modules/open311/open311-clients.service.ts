/**
 * API keys of Open311 clients: issued, listed and revoked by the system administrator of the county
 * (every issue and revocation is in the event log), checked on each Open311 call, and rate-limited
 * per key. A key is shown once at issue; only its SHA-256 is stored.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { CreateOpen311ClientBody, Open311Client } from '../../../../core/contracts/open311';
import { AppError } from '../../../../core/errors';
import { requirePermission } from '../../authz';
import type { Deps, RequestCtx } from '../../context';
import { requireStepUp } from '../auth/two-factor.service';
import { write } from '../events/write';
import * as repo from './open311-clients.repo';

const KEY_PREFIX = 'o311_';

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key.trim()).digest('hex');
}

function present(c: repo.ClientRow): Open311Client {
  return {
    id: c.id,
    name: c.name,
    contact: c.contact,
    keyPrefix: c.keyPrefix,
    rateLimitPerMinute: c.rateLimitPerMinute,
    active: c.revokedAt === null,
    createdAt: c.createdAt.toISOString(),
    revokedAt: c.revokedAt?.toISOString() ?? null,
    lastUsedAt: c.lastUsedAt?.toISOString() ?? null,
  };
}

export async function listClients(deps: Deps, ctx: RequestCtx): Promise<Open311Client[]> {
  const actor = requirePermission(ctx, 'open311.manage');
  return (await repo.clientsOf(deps.database.db, actor.countyCode)).map(present);
}

export async function createClient(deps: Deps, ctx: RequestCtx, body: CreateOpen311ClientBody) {
  const actor = requirePermission(ctx, 'open311.manage');
  await requireStepUp(deps, ctx);
  const now = deps.clock.now();
  const apiKey = `${KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
  const row = {
    countyCode: actor.countyCode,
    id: randomUUID(),
    name: body.name,
    contact: body.contact ?? null,
    keyPrefix: apiKey.slice(0, KEY_PREFIX.length + 6),
    keyHash: hashApiKey(apiKey),
    rateLimitPerMinute: body.rateLimitPerMinute ?? 60,
    createdBy: actor.userId,
    createdAt: now,
    revokedBy: null,
    revokedAt: null,
    lastUsedAt: null,
  };
  await write(deps, ctx, async ({ tx, event }) => {
    await repo.insertClient(tx, row);
    await event({
      countyCode: actor.countyCode,
      action: 'open311.client_created',
      objectType: 'open311_client',
      objectId: row.id,
      after: { name: row.name, keyPrefix: row.keyPrefix, rateLimitPerMinute: row.rateLimitPerMinute },
    });
  });
  return { client: present(row), apiKey };
}

export async function revokeClient(deps: Deps, ctx: RequestCtx, id: string): Promise<Open311Client> {
  const actor = requirePermission(ctx, 'open311.manage');
  const now = deps.clock.now();
  const out = await write(deps, ctx, async ({ tx, event }) => {
    const c = await repo.clientById(tx, actor.countyCode, id);
    if (!c) throw new AppError('NOT_FOUND');
    if (c.revokedAt) throw new AppError('CONFLICT', `该密钥已于 ${c.revokedAt.toISOString()} 吊销。`);
    const revoked = (await repo.revoke(tx, actor.countyCode, id, actor.userId, now))!;
    await event({
      countyCode: actor.countyCode,
      action: 'open311.client_revoked',
      objectType: 'open311_client',
      objectId: id,
      before: { active: true },
      after: { active: false, name: c.name, keyPrefix: c.keyPrefix },
    });
    return revoked;
  });
  return present(out);
}

/** Fixed one-minute windows per key, on the injected clock. Per process, like the other limits. */
const windows = new WeakMap<Deps, Map<string, { start: number; count: number }>>();

function withinRate(deps: Deps, c: repo.ClientRow): boolean {
  let perKey = windows.get(deps);
  if (!perKey) {
    perKey = new Map();
    windows.set(deps, perKey);
  }
  const now = deps.clock.now().getTime();
  const w = perKey.get(c.id);
  if (!w || now - w.start >= 60_000) {
    perKey.set(c.id, { start: now, count: 1 });
    return true;
  }
  w.count += 1;
  return w.count <= c.rateLimitPerMinute;
}

export interface Open311Caller {
  clientId: string;
  clientName: string;
  countyCode: string;
}

/**
 * The client a key belongs to, for the county asked about. A wrong, revoked or other county's key all
 * answer the same 403, so keys cannot be probed; a key over its limit gets 429.
 */
export async function authenticateKey(
  deps: Deps,
  apiKey: string,
  countyCode: string,
): Promise<Open311Caller> {
  const c = await repo.clientByKeyHash(deps.database.db, countyCode, hashApiKey(apiKey));
  if (!c || c.revokedAt || c.countyCode !== countyCode) {
    throw new AppError('FORBIDDEN', 'api_key 无效、已吊销或不属于该辖区。', { reason: 'invalid_api_key' });
  }
  if (!withinRate(deps, c)) {
    throw new AppError('RATE_LIMITED', `该 api_key 每分钟最多调用 ${c.rateLimitPerMinute} 次，请稍后再试。`, {
      reason: 'rate_limited',
    });
  }
  await repo.touch(deps.database.db, c.countyCode, c.id, deps.clock.now());
  return { clientId: c.id, clientName: c.name, countyCode: c.countyCode };
}
