/**
 * 网格员队伍 (docs/WORKFORCE.md): the roster of a town or village, the hand-over of a worker who
 * leaves or goes on leave, and the assessment of each worker against the county's duty standard.
 * Figures and formula are core/domain/workforce's; this module only gathers the rows.
 */

import type {
  AssessmentRow,
  AssessmentView,
  HandoverBody,
  HandoverResult,
  MyRecord,
  RosterEntry,
  TownPointsBody,
} from '../../../../core/contracts/workforce';
import { pathIds } from '../../../../core/domain/jurisdiction';
import { can } from '../../../../core/domain/permissions';
import { assess, rankWithinTown } from '../../../../core/domain/workforce/assessment';
import { handoverRefusal } from '../../../../core/domain/workforce/handover';
import { measurePerformance, reportOutcome } from '../../../../core/domain/workforce/performance';
import { type Period, parsePeriod, previousMonth } from '../../../../core/domain/workforce/period';
import { AppError } from '../../../../core/errors';
import { assertWithin, canSee, jurisdictionOf, requireActor, requirePermission } from '../../authz';
import type { Actor, Deps, RequestCtx } from '../../context';
import type { Executor, Tx } from '../../db/client';
import { piiCipher } from '../../pii/pii-cipher';
import { countyDutyStandard } from '../config/duty-standard.service';
import { recordEvent } from '../events/events.service';
import { getOrgRow } from '../orgs/orgs.service';
import { statusOf, toRosterEntry } from './workforce.presenter';
import * as repo from './workforce.repo';

/** The subtree asked for: the actor's own, or an org inside it (outside answers 404 like a missing one). */
export async function scopeOf(
  deps: Deps,
  actor: Actor,
  orgId?: string,
): Promise<{ countyCode: string; orgPath: string }> {
  const own = jurisdictionOf(actor);
  if (!orgId) return own;
  const org = await getOrgRow(deps, orgId);
  if (!org) throw new AppError('NOT_FOUND');
  assertWithin(actor, org.countyCode, org.path);
  return { countyCode: org.countyCode, orgPath: org.path };
}

async function entries(deps: Deps, ex: Executor, workers: repo.WorkerRow[]): Promise<RosterEntry[]> {
  // Staff phones are stored sealed (docs/SECURITY.md G31): opened here, masked by the presenter.
  const cipher = piiCipher(deps.config);
  const ids = workers.map((w) => w.userId);
  const grids = await repo.gridsOf(ex, ids);
  // County by county (a roster is one county's; each county's follow-ups live on its own shard).
  const follow = (
    await Promise.all(
      [...new Set(workers.map((w) => w.countyCode))].map((county) =>
        repo.openFollowUps(
          ex,
          county,
          workers.filter((w) => w.countyCode === county).map((w) => w.userId),
        ),
      ),
    )
  ).flat();
  const handed = await repo.userNames(
    ex,
    workers.flatMap((w) => (w.handedTo ? [w.handedTo] : [])),
  );
  return workers.map((w) =>
    toRosterEntry(
      { ...w, phone: cipher.open('phone', w.phone) },
      grids.filter((g) => g.userId === w.userId).map(({ id, code, name }) => ({ id, code, name })),
      follow.filter((f) => f.userId === w.userId).length,
      w.handedTo ? (handed.get(w.handedTo) ?? null) : null,
    ),
  );
}

export async function roster(deps: Deps, ctx: RequestCtx, orgId?: string): Promise<RosterEntry[]> {
  const actor = requirePermission(ctx, 'workforce.read');
  const scope = await scopeOf(deps, actor, orgId);
  const db = deps.database.db;
  return entries(deps, db, await repo.workersUnder(db, scope.countyCode, scope.orgPath));
}

/** A worker inside the actor's jurisdiction, or 404 like a missing one. */
async function visibleWorker(ex: Executor, actor: Actor, id: string): Promise<repo.WorkerRow> {
  const w = await repo.workerById(ex, id);
  if (!w || !canSee(actor, w.countyCode, w.orgPath) || (!w.isGridWorker && !w.status)) {
    throw new AppError('NOT_FOUND');
  }
  return w;
}

/** The town above or at the org; a worker hung at the district answers to the district itself. */
export const townOf = (orgPath: string): string | null => pathIds(orgPath)[1] ?? pathIds(orgPath)[0] ?? null;

/**
 * 交接: the worker's grids and his open follow-ups pass to the named colleague, his status becomes
 * on leave or left, and one event says what moved, all in one transaction. A worker who left also
 * loses the grid worker role, so the field kit refuses his account from its next request.
 */
export async function handOver(
  deps: Deps,
  ctx: RequestCtx,
  workerId: string,
  body: HandoverBody,
): Promise<HandoverResult> {
  const actor = requirePermission(ctx, 'workforce.manage');
  await visibleWorker(deps.database.db, actor, workerId);
  const now = deps.clock.now();
  let moved: { grids: string[]; matters: string[] } = { grids: [], matters: [] };
  await deps.database.transaction(async (tx: Tx) => {
    await repo.lockUsers(tx, [workerId, body.toUserId]);
    // Read again under the locks: a hand-over that ran meanwhile is seen here.
    const leaver = await visibleWorker(tx, actor, workerId);
    const colleague = await repo.workerById(tx, body.toUserId);
    if (!colleague || !canSee(actor, colleague.countyCode, colleague.orgPath)) {
      throw new AppError('UNPROCESSABLE', '接收人不在本辖区内。', { reason: 'COLLEAGUE_OUTSIDE' });
    }
    const refusal = handoverRefusal(
      {
        userId: leaver.userId,
        isGridWorker: leaver.isGridWorker,
        status: statusOf(leaver),
        townId: townOf(leaver.orgPath),
      },
      {
        userId: colleague.userId,
        isGridWorker: colleague.isGridWorker,
        status: statusOf(colleague),
        townId: townOf(colleague.orgPath),
      },
    );
    if (refusal) throw new AppError('UNPROCESSABLE', refusal, { reason: 'HANDOVER_REFUSED' });
    moved = {
      grids: await repo.moveGrids(tx, leaver.userId, colleague.userId, now),
      matters: await repo.moveFollowUps(tx, leaver.countyCode, leaver.userId, colleague.userId, now),
    };
    await repo.setStatus(tx, {
      userId: leaver.userId,
      countyCode: leaver.countyCode,
      status: body.status,
      since: now,
      reason: body.reason,
      handedTo: colleague.userId,
      updatedBy: actor.userId,
    });
    if (body.status === 'left') await repo.dropGridWorkerRole(tx, leaver.userId);
    await recordEvent(tx, ctx, deps.clock, {
      countyCode: leaver.countyCode,
      action: 'workforce.handed_over',
      objectType: 'user',
      objectId: leaver.userId,
      before: { status: statusOf(leaver) },
      after: { status: body.status, to: colleague.userId, grids: moved.grids, matters: moved.matters },
      reason: body.reason,
    });
  });
  deps.kickSealer();
  const db = deps.database.db;
  const [leaver, colleague] = await entries(deps, db, [
    (await repo.workerById(db, workerId))!,
    (await repo.workerById(db, body.toUserId))!,
  ]);
  return {
    leaver: leaver!,
    colleague: colleague!,
    gridsHanded: moved.grids.length,
    followUpsHanded: moved.matters.length,
  };
}

/** A grid report's reporter follows it in the field until a hand-over passes it on. */
export async function followReport(
  tx: Tx,
  row: { countyCode: string; matterId: string; userId: string; since: Date },
): Promise<void> {
  await repo.follow(tx, row);
}

function periodOf(key: string): Period {
  const p = parsePeriod(key);
  if (!p) throw new AppError('VALIDATION_FAILED', '考核期应为月份（2026-11）或季度（2026-Q4）。');
  return p;
}

async function assessWorkers(
  deps: Deps,
  countyCode: string,
  workers: repo.WorkerRow[],
  period: Period,
): Promise<{ standard: AssessmentView['standard']; rows: AssessmentRow[] }> {
  const db = deps.database.db;
  const standard = await countyDutyStandard(db, countyCode);
  const ids = workers.map((w) => w.userId);
  const logs = await repo.logsBetween(db, countyCode, ids, period.from, period.to);
  const reports = await repo.reportsBetween(db, countyCode, ids, period.from, period.to);
  const points = new Map((await repo.pointsOf(db, ids, period.key)).map((p) => [p.userId, p]));
  const towns = await repo.orgNames(
    db,
    workers.flatMap((w) => (townOf(w.orgPath) ? [townOf(w.orgPath)!] : [])),
  );
  const scored = workers.map((w) => {
    const performance = measurePerformance(
      standard.standard,
      period,
      logs
        .filter((l) => l.userId === w.userId)
        .map((l) => ({
          kind: l.kind as 'patrol' | 'visit' | 'note',
          happenedAt: l.happenedAt,
          matterId: l.matterId,
        })),
      reports
        .filter((r) => r.userId === w.userId)
        .map((r) => ({ madeAt: r.madeAt, receivedAt: r.receivedAt, outcome: reportOutcome(r.status) })),
    );
    const given = points.get(w.userId);
    const a = assess(performance, given?.points ?? null);
    const townId = townOf(w.orgPath);
    return {
      userId: w.userId,
      displayName: w.displayName,
      name: w.displayName,
      org: { id: w.orgId, name: w.orgName },
      town: townId ? { id: townId, name: towns.get(townId) ?? '' } : null,
      status: statusOf(w),
      performance,
      parts: a.parts,
      total: a.total,
      townAssessed: a.townAssessed,
      townNote: given?.note ?? null,
    };
  });
  const byTown = new Map<string, typeof scored>();
  for (const s of scored) {
    const k = s.town?.id ?? '';
    byTown.set(k, [...(byTown.get(k) ?? []), s]);
  }
  const rows: AssessmentRow[] = [];
  for (const group of byTown.values()) {
    for (const { name: _name, ...r } of rankWithinTown(group)) rows.push({ ...r, rankOf: group.length });
  }
  return { standard, rows };
}

export async function assessment(
  deps: Deps,
  ctx: RequestCtx,
  q: { period: string; orgId?: string },
): Promise<AssessmentView> {
  const actor = requirePermission(ctx, 'workforce.read');
  const period = periodOf(q.period);
  const scope = await scopeOf(deps, actor, q.orgId);
  const workers = await repo.workersUnder(deps.database.db, scope.countyCode, scope.orgPath);
  const { standard, rows } = await assessWorkers(deps, scope.countyCode, workers, period);
  return { period: period.key, from: period.from.toISOString(), to: period.to.toISOString(), standard, rows };
}

/** 镇街评价: the town's own points for one worker and period; a second entry replaces the first. */
export async function setTownPoints(
  deps: Deps,
  ctx: RequestCtx,
  workerId: string,
  body: TownPointsBody,
): Promise<AssessmentRow> {
  const actor = requirePermission(ctx, 'workforce.manage');
  const period = periodOf(body.period);
  const worker = await visibleWorker(deps.database.db, actor, workerId);
  await deps.database.transaction(async (tx: Tx) => {
    const before = await repo.upsertPoints(tx, {
      countyCode: worker.countyCode,
      userId: worker.userId,
      period: period.key,
      points: body.points,
      note: body.note,
      enteredBy: actor.userId,
      enteredAt: deps.clock.now(),
    });
    await recordEvent(tx, ctx, deps.clock, {
      countyCode: worker.countyCode,
      action: 'workforce.town_points_given',
      objectType: 'user',
      objectId: worker.userId,
      before: before ? { period: period.key, points: before.points } : null,
      after: { period: period.key, points: body.points },
      reason: body.note,
    });
  });
  deps.kickSealer();
  const view = await assessment(deps, ctx, {
    period: period.key,
    orgId: townOf(worker.orgPath) ?? worker.orgId,
  });
  const row = view.rows.find((r) => r.userId === worker.userId);
  if (!row) throw new AppError('INTERNAL');
  return row;
}

/** The worker's own record, on /field: his line of the town's assessment (rank among its workers). */
export async function myRecord(deps: Deps, ctx: RequestCtx, periodKey?: string): Promise<MyRecord> {
  const actor = requireActor(ctx);
  if (!can(actor.roles, 'field.work') || !actor.orgPath) {
    throw new AppError('FORBIDDEN', '考核记录仅供网格员本人查看。');
  }
  const period = periodOf(periodKey ?? previousMonth(deps.clock.now()));
  const town = townOf(actor.orgPath);
  const townRow = town ? await getOrgRow(deps, town) : undefined;
  const scopePath = townRow?.path ?? actor.orgPath;
  const workers = await repo.workersUnder(deps.database.db, actor.countyCode, scopePath);
  const { standard, rows } = await assessWorkers(deps, actor.countyCode, workers, period);
  return { period: period.key, standard, row: rows.find((r) => r.userId === actor.userId) ?? null };
}

export type { WorkerRow } from './workforce.repo';

/**
 * Grid workers of the subtree (`inPost`: only those in post, with the role) for other modules, such
 * as training's rolls and due lists, which read the roster but never its tables.
 */
export async function gridWorkersUnder(
  ex: Executor,
  countyCode: string,
  path: string,
  inPost: boolean,
): Promise<repo.WorkerRow[]> {
  const all = await repo.workersUnder(ex, countyCode, path);
  return inPost
    ? all.filter((w) => w.isGridWorker && statusOf(w) === 'active')
    : all.filter((w) => w.isGridWorker);
}
