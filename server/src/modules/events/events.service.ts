/**
 * The event log: every write appends who, role, org, action, object, before/after, when and the
 * request id, in the writer's own transaction (docs/CONVENTIONS.md 5).
 *
 * Tamper evidence (docs/SECURITY.md G12) without a county-wide lock: writers insert plain rows; the
 * sealer, right behind them, takes rows whose transactions have all finished, in (tx id, id) order,
 * and appends to each county's chain a seal row with prev_hash and row_hash = SHA-256(prev_hash ‖
 * canonical JSON of the event). Only the sealer takes a lock (an advisory lock among sealers), so
 * intake never waits for another intake. verifyChain walks every chain and names the first broken row.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { ChainVerify } from '../../../../core/contracts/events';
import { canonicalJson } from '../../../../core/domain/canonical-json';
import { AppError } from '../../../../core/errors';
import type { Clock, RequestCtx } from '../../context';
import type { Database, Executor } from '../../db/client';
import type { Checkpoint, Checkpoints } from './checkpoints';
import * as repo from './events.repo';

export const GENESIS_HASH = '0'.repeat(64);

export interface EventInput {
  countyCode: string;
  action: string;
  objectType: string;
  objectId?: string | null;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
  result?: 'ok' | 'denied' | 'failed';
}

export async function recordEvent(
  ex: Executor,
  ctx: RequestCtx,
  clock: Clock,
  input: EventInput,
): Promise<repo.EventRow> {
  return repo.insertEvent(ex, eventRowOf(ctx, clock, input));
}

/** The event row recordEvent writes (intake writes it in its one statement, intake-persist.ts). */
export function eventRowOf(ctx: RequestCtx, clock: Clock, input: EventInput): repo.NewEvent {
  const a = ctx.actor;
  return {
    countyCode: input.countyCode,
    at: clock.now(),
    actorId: a?.userId ?? null,
    actorName: a?.displayName ?? null,
    actorRole: a ? a.roles.join(',') : null,
    actorOrgId: a?.orgId ?? null,
    action: input.action,
    objectType: input.objectType,
    objectId: input.objectId ?? null,
    result: input.result ?? 'ok',
    before: input.before ?? null,
    after: input.after ?? null,
    reason: input.reason ?? null,
    requestId: ctx.requestId,
    ip: ctx.ip,
  };
}

export function eventHash(prevHash: string, e: repo.EventRow): string {
  const body = canonicalJson({
    countyCode: e.countyCode,
    id: e.id,
    txId: e.txId,
    at: e.at.toISOString(),
    actorId: e.actorId,
    actorName: e.actorName,
    actorRole: e.actorRole,
    actorOrgId: e.actorOrgId,
    action: e.action,
    objectType: e.objectType,
    objectId: e.objectId,
    result: e.result,
    before: e.before,
    after: e.after,
    reason: e.reason,
    requestId: e.requestId,
    ip: e.ip,
  });
  return createHash('sha256').update(prevHash).update(body).digest('hex');
}

/**
 * Seals up to `limit` ready events of each county, county by county (each chain has its own lock and
 * watermark, migration 0043, so every statement stays on the county's shard); returns how many it
 * sealed (a county whose sealer is busy elsewhere is skipped this time).
 */
export async function sealBatch(database: Database, clock: Clock, limit = 1000): Promise<number> {
  let total = 0;
  for (const county of await repo.countyCodes(database.db)) {
    total += await database.transaction(async (tx) => {
      if (!(await repo.trySealerLock(tx, county))) return 0;
      const ready = await repo.unsealedReady(tx, county, limit);
      if (ready.length === 0) return 0;
      const last = await repo.lastSeal(tx, county);
      let head = { chainNo: last?.chainNo ?? 0, hash: last?.rowHash ?? GENESIS_HASH };
      const seals: repo.SealInput[] = [];
      for (const e of ready) {
        const rowHash = eventHash(head.hash, e);
        seals.push({
          countyCode: county,
          chainNo: head.chainNo + 1,
          eventId: e.id,
          prevHash: head.hash,
          rowHash,
        });
        head = { chainNo: head.chainNo + 1, hash: rowHash };
      }
      await repo.appendSeals(tx, county, seals, clock.now());
      return seals.length;
    });
  }
  return total;
}

/** Seals until nothing is ready (scripts, tests, shutdown). */
export async function sealAll(database: Database, clock: Clock): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await sealBatch(database, clock);
    total += n;
    if (n === 0) return total;
  }
}

/**
 * Verifies one county's chain (an auditor sees only their own), or every chain (the command line),
 * and holds each to the signed checkpoints given (checkpoints.ts): a chain shorter than a checkpoint
 * counted lost its tail; a different hash at a checkpoint's number was rewritten.
 */
export async function verifyChain(
  database: Database,
  countyCode?: string,
  checkpoints?: Checkpoints,
): Promise<ChainVerify> {
  const ex = database.db;
  const inScope = (c: string) => !countyCode || c === countyCode;
  const forged = checkpoints?.bad.find((b) => inScope(b.countyCode));
  if (forged) {
    return {
      ok: false,
      checked: 0,
      unsealed: 0,
      firstBroken: {
        countyCode: forged.countyCode,
        chainNo: forged.chainNo,
        eventId: null,
        problem: `检查点文件 ${path.basename(forged.file)} 第 ${forged.line} 行的签名不符（检查点被伪造或改动）`,
      },
    };
  }
  const marks = new Map<string, Checkpoint[]>();
  for (const c of checkpoints?.valid ?? []) {
    if (inScope(c.countyCode)) marks.set(c.countyCode, [...(marks.get(c.countyCode) ?? []), c]);
  }
  const counties = [...new Set([...(await repo.chainCounties(ex, countyCode)), ...marks.keys()])].sort();
  let checked = 0;
  for (const county of counties) {
    const ofCounty = marks.get(county) ?? [];
    // By chain number: a long chain meets each checkpoint in one lookup.
    const atNo = new Map<number, Checkpoint[]>();
    for (const c of ofCounty) atNo.set(c.chainNo, [...(atNo.get(c.chainNo) ?? []), c]);
    let expectedNo = 1;
    let prev = GENESIS_HASH;
    let after = 0;
    for (;;) {
      const page = await repo.chainPage(ex, county, after, 2000);
      if (page.length === 0) break;
      for (const { seal, event } of page) {
        const broken = (problem: string): ChainVerify => ({
          ok: false,
          checked,
          unsealed: 0,
          firstBroken: { countyCode: county, chainNo: seal.chainNo, eventId: String(seal.eventId), problem },
        });
        if (seal.chainNo !== expectedNo)
          return broken(`链序号缺失：应为 ${expectedNo}，实为 ${seal.chainNo}（封存记录被删除）`);
        if (seal.prevHash !== prev) return broken('前一哈希不符（封存记录被改动或删除）');
        if (!event) return broken(`事件 ${seal.eventId} 已不存在（被删除）`);
        if (eventHash(prev, event) !== seal.rowHash)
          return broken(`事件 ${seal.eventId} 的内容与封存哈希不符（被改动）`);
        const differs = atNo.get(seal.chainNo)?.find((c) => c.headHash !== seal.rowHash);
        if (differs)
          return broken(
            `与 ${differs.at} 的签名检查点不符：链在此之前被改写（有事件被插入、删除或替换后重算了哈希）`,
          );
        prev = seal.rowHash;
        expectedNo += 1;
        after = seal.chainNo;
        checked += 1;
      }
    }
    const length = expectedNo - 1;
    const longest = ofCounty.reduce<Checkpoint | null>(
      (m, c) => (c.chainNo > (m?.chainNo ?? length) ? c : m),
      null,
    );
    if (longest) {
      return {
        ok: false,
        checked,
        unsealed: 0,
        firstBroken: {
          countyCode: county,
          chainNo: length + 1,
          eventId: null,
          problem: `链尾被截断：${longest.at} 的签名检查点记录链上已有 ${longest.chainNo} 条，现在只有 ${length} 条`,
        },
      };
    }
  }
  let unsealed = 0;
  for (const county of countyCode ? [countyCode] : await repo.chainCounties(ex)) {
    unsealed += await repo.countUnsealed(ex, county);
  }
  return { ok: true, checked, unsealed, firstBroken: null };
}

export async function listEvents(
  database: Database,
  countyCode: string,
  q: { page: number; pageSize: number } & repo.EventFilter,
) {
  if (q.pageSize > 200) throw new AppError('VALIDATION_FAILED');
  return repo.listEvents(database.db, { ...q, countyCode }, q.pageSize, (q.page - 1) * q.pageSize);
}
