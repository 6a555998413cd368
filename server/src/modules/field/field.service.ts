/**
 * The grid worker's kit (网格员工作台). Everything here is written by a phone that may have been
 * offline for hours, so every write carries an id the phone made: a report goes through the same
 * Idempotency-Key store as window intake (the retry gets the first answer, never a second matter),
 * a log is keyed by its own id (a retry finds the row it already wrote). The server's word wins on
 * status, owner and jurisdiction: the phone only proposes.
 */

import type {
  FieldHome,
  FieldLog,
  FieldLogBody,
  FieldReportBody,
  FieldReportResult,
} from '../../../../core/contracts/field';
import type { IntakeBody, MatterSummary } from '../../../../core/contracts/matters';
import { can } from '../../../../core/domain/permissions';
import { AppError } from '../../../../core/errors';
import { canSee, requireActor } from '../../authz';
import type { Actor, Deps, RequestCtx } from '../../context';
import type { Tx } from '../../db/client';
import { recordEvent } from '../events/events.service';
import { myGrids, placeOfPoint } from '../grids/grids.service';
import { actOnMatter } from '../matters/actions.service';
import { withIdempotency } from '../matters/idempotency.service';
import { intakeByStaff } from '../matters/intake.service';
import { getMatter, listMatters } from '../matters/query.service';
import { getOrgRow } from '../orgs/orgs.service';
import { followReport } from '../workforce/workforce.service';
import { toFieldLog } from './field.presenter';
import * as repo from './field.repo';

/** States after which nothing is left for the worker to do. */
const finished = new Set([
  'answered',
  'rated',
  'followed_up',
  'archived',
  'voided',
  'merged',
  'not_accepted',
  'channelled',
  'referred_to_court',
]);
const DAY_MS = 86_400_000;
const CST_OFFSET_MS = 8 * 3_600_000;
/** Phone clocks drift; a log dated further ahead than this is refused rather than trusted. */
const FUTURE_SLACK_MS = 10 * 60_000;

function gridWorker(ctx: RequestCtx): Actor & { orgId: string; orgPath: string } {
  const actor = requireActor(ctx);
  if (!can(actor.roles, 'field.work') || !actor.orgId || !actor.orgPath) {
    throw new AppError('FORBIDDEN', '网格员工作台仅供网格员使用。');
  }
  return actor as Actor & { orgId: string; orgPath: string };
}

function notInFuture(at: Date, now: Date, what: string): void {
  if (at.getTime() > now.getTime() + FUTURE_SLACK_MS) {
    throw new AppError('VALIDATION_FAILED', `${what}晚于服务器当前时间，请检查手机的日期和时间。`, [
      { path: ['happenedAt'], message: `${what}不能晚于当前时间` },
    ]);
  }
}

/**
 * Made on the phone while the worker belonged to another org (moved since, the phone not yet told):
 * refused, because it may name people and places outside the worker's jurisdiction now. The phone
 * keeps the refusal for the worker to see (never a silent drop) and the content leaves the phone.
 */
async function sameOrgAsMade(deps: Deps, actor: Actor & { orgId: string }, madeIn?: string): Promise<void> {
  if (!madeIn || madeIn === actor.orgId) return;
  const then = await getOrgRow(deps, madeIn);
  const now = await getOrgRow(deps, actor.orgId);
  throw new AppError(
    'UNPROCESSABLE',
    `这条记录是在“${then?.name ?? '原单位'}”任职期间保存的，您现属“${now?.name ?? '新单位'}”，服务器未接收。` +
      '请将情况告知原村（社区）补录。',
    { reason: 'ORG_CHANGED' },
  );
}

/** The local day (China Standard Time) around `now`, as UTC instants. */
function localDay(now: Date): { from: Date; to: Date } {
  const start = Math.floor((now.getTime() + CST_OFFSET_MS) / DAY_MS) * DAY_MS - CST_OFFSET_MS;
  return { from: new Date(start), to: new Date(start + DAY_MS) };
}

function dueOf(m: MatterSummary): number {
  return m.nextDue?.dueAt ? Date.parse(m.nextDue.dueAt) : Number.POSITIVE_INFINITY;
}

export async function fieldHome(deps: Deps, ctx: RequestCtx): Promise<FieldHome> {
  const actor = gridWorker(ctx);
  const now = deps.clock.now();
  const org = await getOrgRow(deps, actor.orgId);
  if (!org) throw new AppError('FORBIDDEN', '网格员工作台仅供网格员使用。');
  const grids = await myGrids(deps, ctx);
  const page = await listMatters(deps, ctx, { page: 1, pageSize: 200, queue: 'org' });
  const tasks = page.items.filter((m) => !finished.has(m.status)).sort((a, b) => dueOf(a) - dueOf(b));
  const day = localDay(now);
  const counts = await repo.countLogsBetween(
    deps.database.db,
    actor.countyCode,
    actor.userId,
    day.from,
    day.to,
  );
  return {
    worker: {
      userId: actor.userId,
      displayName: actor.displayName,
      org: { id: org.id, name: org.name },
    },
    grids,
    tasks,
    today: { patrols: counts.patrol ?? 0, visits: counts.visit ?? 0 },
    serverTime: now.toISOString(),
  };
}

/** 上报: one report, once, whatever the number of retries. */
export async function submitReport(
  deps: Deps,
  ctx: RequestCtx,
  body: FieldReportBody,
): Promise<{ status: number; body: FieldReportResult }> {
  const actor = gridWorker(ctx);
  const res = await withIdempotency(deps, `field:${actor.userId}`, body.clientId, body, async () => {
    // The key's answer can be gone while the report is not: kept 24 hours, or never stored when the
    // first run crashed after its work (the retry then takes the key over). The report's own row
    // says it was received: answer with its matter, never register a second one.
    const received = await repo.reportByClientId(deps.database.db, actor.countyCode, body.clientId);
    if (received?.userId === actor.userId)
      return { status: 201, body: await receivedAnswer(deps, ctx, received) };
    if (received) throw new AppError('UNPROCESSABLE', '该上报编号已被使用，请重新填写上报。');
    notInFuture(new Date(body.madeAt), deps.clock.now(), '上报时间');
    await sameOrgAsMade(deps, actor, body.madeInOrgId);
    const intake: IntakeBody = {
      kind: 'report',
      channel: 'grid',
      categoryCode: body.categoryCode,
      title: body.title,
      description: body.description,
      urgent: body.urgent,
      place: body.place,
      parties: body.parties,
    };
    const out = await intakeByStaff(deps, ctx, intake);
    let onSpotRefusal: string | null = null;
    if (body.solvedOnSpot) {
      // 就地化解 (docs/LEGAL.md §11.4): verify, then handle on the spot. The matter exists either way; a
      // refusal is reported back rather than undoing the report.
      try {
        await actOnMatter(deps, ctx, out.matterId, { action: 'verify' });
        await actOnMatter(deps, ctx, out.matterId, { action: 'self_handle', reason: body.solvedOnSpot });
      } catch (err) {
        if (!(err instanceof AppError) || err.status >= 500) throw err;
        onSpotRefusal = err.userMessage;
      }
    }
    const now = deps.clock.now();
    await deps.database.transaction(async (tx: Tx) => {
      await repo.insertReport(tx, {
        countyCode: actor.countyCode,
        clientId: body.clientId,
        userId: actor.userId,
        matterId: out.matterId,
        madeAt: new Date(body.madeAt),
        solvedOnSpot: body.solvedOnSpot ?? null,
        consentMethod: body.assisted?.method ?? null,
        createdAt: now,
      });
      // The reporter follows the matter in the field until a hand-over passes it on (modules/workforce).
      await followReport(tx, {
        countyCode: actor.countyCode,
        matterId: out.matterId,
        userId: actor.userId,
        since: now,
      });
      await recordEvent(tx, ctx, deps.clock, {
        countyCode: actor.countyCode,
        action: 'field.report_received',
        objectType: 'matter',
        objectId: out.matterId,
        after: {
          clientId: body.clientId,
          madeAt: body.madeAt,
          solvedOnSpot: !!body.solvedOnSpot && onSpotRefusal === null,
          // 代为登记: the resident's consent is part of the record.
          assistedConsent: body.assisted?.method ?? null,
        },
      });
    });
    const matter = await getMatter(deps, ctx, out.matterId);
    return {
      status: 201,
      body: {
        clientId: body.clientId,
        matter: { id: matter.id, code: matter.code, title: matter.title, status: matter.status },
        solvedOnSpot: !!body.solvedOnSpot && onSpotRefusal === null,
        onSpotRefusal,
      },
    };
  });
  return res as { status: number; body: FieldReportResult };
}

/**
 * The answer to a report received before, rebuilt from its row and its matter: solved on the spot
 * when the matter was self-handled; an attempt that was refused is named without the first
 * answer's exact words, which were not kept.
 */
async function receivedAnswer(
  deps: Deps,
  ctx: RequestCtx,
  received: NonNullable<Awaited<ReturnType<typeof repo.reportByClientId>>>,
): Promise<FieldReportResult> {
  const matter = await getMatter(deps, ctx, received.matterId);
  const solvedOnSpot = matter.timeline.some((e) => e.action === 'matter.self_handled');
  return {
    clientId: received.clientId,
    matter: { id: matter.id, code: matter.code, title: matter.title, status: matter.status },
    solvedOnSpot,
    onSpotRefusal:
      received.solvedOnSpot !== null && !solvedOnSpot
        ? '未能就地化解，事项已按上报登记，请在事项中查看。'
        : null,
  };
}

/** 巡查/走访/笔记: append-only, keyed by the phone's id. */
export async function addLog(deps: Deps, ctx: RequestCtx, body: FieldLogBody): Promise<FieldLog> {
  const actor = gridWorker(ctx);
  const now = deps.clock.now();
  const happenedAt = new Date(body.happenedAt);
  notInFuture(happenedAt, now, '记录时间');
  if ((body.lng === undefined) !== (body.lat === undefined)) {
    throw new AppError('VALIDATION_FAILED', '位置须同时有经度和纬度。');
  }
  // The same id again gets the first answer, even after a move; a new one made elsewhere is refused
  // before anything of it is looked at.
  const existing = await repo.logById(deps.database.db, actor.countyCode, body.id);
  if (existing) return replayed(actor, existing, body);
  await sameOrgAsMade(deps, actor, body.madeInOrgId);
  // A note on a matter the worker cannot see is refused like a missing matter.
  if (body.matterId) await getMatter(deps, ctx, body.matterId);
  let gridId: string | null = null;
  if (body.lng !== undefined && body.lat !== undefined) {
    const hit = await placeOfPoint(deps, body.lng, body.lat);
    const village = hit ? await getOrgRow(deps, hit.grid.village.id) : undefined;
    // The grid is named only inside the worker's jurisdiction; the point itself is kept as given.
    if (hit && village && canSee(actor, village.countyCode, village.path)) gridId = hit.grid.id;
  }

  const wrote = await deps.database.transaction(async (tx: Tx) => {
    const inserted = await repo.insertLog(tx, {
      countyCode: actor.countyCode,
      id: body.id,
      userId: actor.userId,
      orgId: actor.orgId,
      orgPath: actor.orgPath,
      kind: body.kind,
      happenedAt,
      lng: body.lng ?? null,
      lat: body.lat ?? null,
      address: body.address ?? null,
      gridId,
      note: body.note,
      matterId: body.matterId ?? null,
      createdAt: now,
    });
    if (inserted) {
      await recordEvent(tx, ctx, deps.clock, {
        countyCode: actor.countyCode,
        action: `field.${body.kind}_logged`,
        objectType: 'field_log',
        objectId: body.id,
        after: { kind: body.kind, happenedAt: body.happenedAt, gridId, matterId: body.matterId ?? null },
      });
    }
    return inserted;
  });
  const row = await repo.logById(deps.database.db, actor.countyCode, body.id);
  if (!row) throw new AppError('INTERNAL');
  return wrote ? toFieldLog(row) : replayed(actor, row, body);
}

/** The same id again: the same log is the first answer; another log under that id is refused. */
function replayed(
  actor: Actor,
  row: NonNullable<Awaited<ReturnType<typeof repo.logById>>>,
  body: FieldLogBody,
) {
  const l = row.log;
  const same =
    l.userId === actor.userId &&
    l.kind === body.kind &&
    l.note === body.note &&
    l.happenedAt.getTime() === new Date(body.happenedAt).getTime();
  if (l.userId !== actor.userId) throw new AppError('CONFLICT', '该记录编号已被占用，请重新保存。');
  if (!same) {
    throw new AppError('UNPROCESSABLE', '同一记录编号已用于另一条内容不同的记录，原记录保持不变。', {
      reason: 'ID_REUSED',
    });
  }
  return toFieldLog(row);
}

export async function myLogs(deps: Deps, ctx: RequestCtx, limit: number): Promise<FieldLog[]> {
  const actor = gridWorker(ctx);
  const rows = await repo.logsOfUser(deps.database.db, actor.countyCode, actor.userId, limit);
  // Logs written under an earlier jurisdiction stay in the record but leave the worker's phone.
  return rows.filter((r) => canSee(actor, actor.countyCode, r.log.orgPath)).map(toFieldLog);
}
