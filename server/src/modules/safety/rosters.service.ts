/**
 * 社会治安联防: a town center's leader (`dispatch.convene`) makes a shared patrol roster for a week or a
 * month; each shift names a unit of the county (inside the town's tree or a district department) and
 * the people on it. The unit's working staff (`dispatch.act`) see their shifts in their queue and report
 * each done or missed (core/domain/safety/patrol-shift.ts); the sweep marks shifts nobody reported.
 * A roster or shift out of sight answers 404 like a missing one.
 */
import { randomUUID } from 'node:crypto';
import type { NewRoster } from '../../../../core/contracts/safety';
import { chinaDateOf } from '../../../../core/domain/dispatch/model';
import {
  decideShiftReport,
  isUnreported,
  rosterEnd,
  type ShiftOutcome,
  type ShiftStatus,
  shiftInstants,
} from '../../../../core/domain/safety/patrol-shift';
import { AppError } from '../../../../core/errors';
import { canSee, requirePermission } from '../../authz';
import type { Actor, Deps, RequestCtx } from '../../context';
import { markOverdueEach, type OverdueSweepOutcome, perCounty } from '../../overdue-sweep';
import { getTask, listTasks } from '../dispatch/tasks.service';
import { recordEvent } from '../events/events.service';
import { toOrgRef } from '../orgs/orgs.presenter';
import { orgRowsByIds } from '../orgs/orgs.service';
import { isOnShift, toRosterSummary, toShiftView } from './safety.presenter';
import * as repo from './safety.repo';

type Placed = Actor & { orgId: string; orgPath: string };

/** A leader of a town (or district) center: the level that runs 联防 across its villages. */
function plannerOf(ctx: RequestCtx): Placed {
  const actor = requirePermission(ctx, 'dispatch.convene');
  if (!actor.orgId || !actor.orgPath) throw new AppError('FORBIDDEN');
  if (actor.orgKind !== 'town' && actor.orgKind !== 'district') {
    throw new AppError('FORBIDDEN', '联防排班由镇（街道）或区综治中心制定。');
  }
  return actor as Placed;
}

function workerOf(ctx: RequestCtx): Placed {
  const actor = requirePermission(ctx, 'dispatch.act');
  if (!actor.orgId || !actor.orgPath) throw new AppError('FORBIDDEN');
  return actor as Placed;
}

export async function unitOptions(deps: Deps, ctx: RequestCtx) {
  const actor = plannerOf(ctx);
  const got = await repo.unitOptions(deps.database.db, actor.countyCode, actor.orgPath);
  return {
    items: got.map((o) => ({
      org: toOrgRef({ ...o, divisionCode: o.division_code }),
      inside: o.path.startsWith(actor.orgPath),
    })),
  };
}

async function jointTaskRef(deps: Deps, ctx: RequestCtx, id: string | null) {
  if (!id) return null;
  try {
    const t = await getTask(deps, ctx, id);
    return { id: t.id, title: t.title, mechanism: t.mechanism };
  } catch (e) {
    if (e instanceof AppError && e.code === 'NOT_FOUND') return null;
    throw e;
  }
}

export async function createRoster(deps: Deps, ctx: RequestCtx, body: NewRoster) {
  const actor = plannerOf(ctx);
  const now = deps.clock.now();
  const endDate = rosterEnd(body.period, body.startDate);
  const task = await jointTaskRef(deps, ctx, body.jointTaskId);
  if (body.jointTaskId && task?.mechanism !== 'public_security') {
    throw new AppError('VALIDATION_FAILED', '只能关联本中心交办的“社会治安联防”联合任务。', {
      fields: { jointTaskId: '请选择社会治安联防任务' },
    });
  }
  const options = await repo.callableUnits(deps.database.db, actor.countyCode, actor.orgPath, [
    ...new Set(body.shifts.flatMap((s) => [s.unitOrgId, ...s.villageIds])),
  ]);
  const unitById = new Map(options.map((o) => [o.id, o]));
  const fields: Record<string, string> = {};
  const shifts: repo.ShiftRow[] = body.shifts.map((s, i) => {
    const unit = unitById.get(s.unitOrgId);
    if (!unit) fields[`shifts.${i}.unitOrgId`] = '巡逻单位不在可选范围内';
    for (const v of s.villageIds) {
      const o = unitById.get(v);
      if (o?.kind !== 'village' || !o.path.startsWith(actor.orgPath))
        fields[`shifts.${i}.villageIds`] = '巡逻区域应为本辖区的村（社区）';
    }
    if (s.date < body.startDate || s.date > endDate)
      fields[`shifts.${i}.date`] = `班次日期应在 ${body.startDate} 至 ${endDate} 之间`;
    const { startsAt, endsAt } = shiftInstants(s.date, s.from, s.to);
    return {
      countyCode: actor.countyCode,
      id: randomUUID(),
      rosterId: '',
      rosterOrgId: actor.orgId,
      rosterPath: actor.orgPath,
      seq: i + 1,
      shiftDate: s.date,
      startsAt,
      endsAt,
      villageIds: [...new Set(s.villageIds)],
      route: s.route,
      unitOrgId: s.unitOrgId,
      unitPath: unit?.path ?? '',
      members: s.members,
      status: 'scheduled',
      note: null,
      reportedBy: null,
      reportedAt: null,
      overdueAt: null,
      createdAt: now,
    };
  });
  if (Object.keys(fields).length > 0) {
    throw new AppError('VALIDATION_FAILED', Object.values(fields)[0]!, { fields });
  }
  const id = randomUUID();
  for (const s of shifts) s.rosterId = id;
  await deps.database.transaction(async (tx) => {
    await repo.insertRoster(
      tx,
      {
        countyCode: actor.countyCode,
        id,
        orgId: actor.orgId,
        orgPath: actor.orgPath,
        title: body.title,
        period: body.period,
        startDate: body.startDate,
        endDate,
        jointTaskId: body.jointTaskId,
        createdBy: actor.userId,
        createdAt: now,
      },
      shifts,
    );
    await recordEvent(tx, ctx, deps.clock, {
      countyCode: actor.countyCode,
      action: 'safety.roster_created',
      objectType: 'patrol_roster',
      objectId: id,
      after: {
        title: body.title,
        period: body.period,
        startDate: body.startDate,
        jointTaskId: body.jointTaskId,
        shifts: shifts.length,
        units: [...new Set(shifts.map((s) => s.unitOrgId))],
      },
    });
  });
  deps.kickSealer();
  return getRoster(deps, ctx, id);
}

async function presentShifts(
  deps: Deps,
  actor: Actor,
  shifts: repo.ShiftRow[],
  rosters: Map<string, repo.RosterRow>,
) {
  const orgs = await orgRowsByIds(
    deps,
    shifts.flatMap((s) => [s.rosterOrgId, s.unitOrgId, ...s.villageIds]),
  );
  const now = deps.clock.now();
  return shifts.map((s) => toShiftView(s, rosters.get(s.rosterId), orgs, actor, now));
}

export async function listRosters(deps: Deps, ctx: RequestCtx, q: { page: number; pageSize: number }) {
  const actor = plannerOf(ctx);
  const db = deps.database.db;
  const { items, total } = await repo.listRosters(db, actor.countyCode, actor.orgPath, {
    limit: q.pageSize,
    offset: (q.page - 1) * q.pageSize,
  });
  const shifts = await repo.shiftsOfRosters(
    db,
    actor.countyCode,
    items.map((r) => r.id),
  );
  const orgs = await orgRowsByIds(
    deps,
    items.map((r) => r.orgId),
  );
  const out = [];
  for (const r of items) {
    const t = await jointTaskRef(deps, ctx, r.jointTaskId);
    out.push(
      toRosterSummary(
        r,
        orgs,
        shifts.filter((s) => s.rosterId === r.id),
        t && { id: t.id, title: t.title },
      ),
    );
  }
  return { items: out, total, page: q.page, pageSize: q.pageSize };
}

export async function getRoster(deps: Deps, ctx: RequestCtx, id: string) {
  const actor = plannerOf(ctx);
  const r = await repo.rosterById(deps.database.db, actor.countyCode, id);
  if (!r || !canSee(actor, r.countyCode, r.orgPath)) throw new AppError('NOT_FOUND');
  const shifts = await repo.shiftsOfRosters(deps.database.db, r.countyCode, [r.id]);
  const orgs = await orgRowsByIds(deps, [r.orgId]);
  const t = await jointTaskRef(deps, ctx, r.jointTaskId);
  return {
    ...toRosterSummary(r, orgs, shifts, t && { id: t.id, title: t.title }),
    shifts: await presentShifts(deps, actor, shifts, new Map([[r.id, r]])),
  };
}

async function rostersOf(deps: Deps, shifts: repo.ShiftRow[]) {
  const m = new Map<string, repo.RosterRow>();
  for (const s of shifts) {
    if (m.has(s.rosterId)) continue;
    const r = await repo.rosterById(deps.database.db, s.countyCode, s.rosterId);
    if (r) m.set(s.rosterId, r);
  }
  return m;
}

/** The China day `now` falls in, as [start, end) instants. */
function todayOf(now: Date): { from: Date; until: Date } {
  const from = new Date(`${chinaDateOf(now)}T00:00:00+08:00`);
  return { from, until: new Date(from.getTime() + 86_400_000) };
}

/** The unit's queue: its own shifts (its subtree's), open ones by default. */
export async function listShifts(
  deps: Deps,
  ctx: RequestCtx,
  q: { scope: 'open' | 'today' | 'all'; page: number; pageSize: number },
) {
  const actor = workerOf(ctx);
  const scope = q.scope === 'open' ? { open: true } : q.scope === 'today' ? todayOf(deps.clock.now()) : {};
  const { items, total } = await repo.shiftsForUnit(
    deps.database.db,
    actor.countyCode,
    actor.orgPath,
    scope,
    {
      limit: q.pageSize,
      offset: (q.page - 1) * q.pageSize,
    },
  );
  return {
    items: await presentShifts(deps, actor, items, await rostersOf(deps, items)),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
}

async function shiftView(deps: Deps, actor: Actor, id: string) {
  const s = await repo.shiftById(deps.database.db, actor.countyCode, id);
  if (!s) throw new AppError('NOT_FOUND');
  const [v] = await presentShifts(deps, actor, [s], await rostersOf(deps, [s]));
  return v!;
}

/** The unit on the shift reports it done or missed, with what happened. */
export async function reportShift(
  deps: Deps,
  ctx: RequestCtx,
  id: string,
  body: { outcome: ShiftOutcome; note: string },
) {
  const actor = workerOf(ctx);
  const now = deps.clock.now();
  await deps.database.transaction(async (tx) => {
    const s = await repo.shiftById(tx, actor.countyCode, id, true);
    if (!s || !isOnShift(actor, s)) throw new AppError('NOT_FOUND');
    const d = decideShiftReport(s as { status: ShiftStatus; startsAt: Date }, body.outcome, now);
    if (!d.ok) throw new AppError(d.code, d.message, { reason: d.reason });
    await repo.updateShift(tx, s.countyCode, s.id, {
      status: d.to,
      note: body.note,
      reportedBy: actor.userId,
      reportedAt: now,
    });
    await recordEvent(tx, ctx, deps.clock, {
      countyCode: s.countyCode,
      action: body.outcome === 'done' ? 'safety.shift_done' : 'safety.shift_missed',
      objectType: 'patrol_shift',
      objectId: s.id,
      reason: body.note,
      before: { status: s.status },
      after: { status: d.to, rosterId: s.rosterId, late: s.endsAt <= now },
    });
  });
  deps.kickSealer();
  return shiftView(deps, actor, id);
}

/** The sweep's part: a shift still scheduled once its end has passed is marked unreported, once. */
export async function sweepShifts(deps: Deps, limit = 500): Promise<OverdueSweepOutcome> {
  const now = deps.clock.now();
  const candidates = await perCounty(deps, (county) =>
    repo.unreportedShiftCandidates(deps.database.db, county, now, limit),
  );
  return markOverdueEach(
    deps,
    candidates,
    (c) => `联防班次 ${c.shiftDate} #${c.seq}`,
    async (tx, c, now, ctx) => {
      const s = await repo.shiftById(tx, c.countyCode, c.id, true);
      if (!s || s.overdueAt || !isUnreported(s as { status: ShiftStatus; endsAt: Date }, now)) return false;
      await repo.updateShift(tx, s.countyCode, s.id, { status: 'unreported', overdueAt: now });
      await recordEvent(tx, ctx, deps.clock, {
        countyCode: s.countyCode,
        action: 'safety.shift_unreported',
        objectType: 'patrol_shift',
        objectId: s.id,
        before: { status: s.status },
        after: { status: 'unreported', unitOrgId: s.unitOrgId, rosterId: s.rosterId },
      });
      return true;
    },
  );
}

/** The workbench tile: the unit's open joint tasks and its patrol shifts starting today. */
export async function safetyToday(deps: Deps, ctx: RequestCtx) {
  const actor = workerOf(ctx);
  const today = todayOf(deps.clock.now());
  const db = deps.database.db;
  const [tasks, shifts, open] = await Promise.all([
    listTasks(deps, ctx, { status: 'open', page: 1, pageSize: 1 }),
    repo.shiftsForUnit(db, actor.countyCode, actor.orgPath, today, { limit: 1, offset: 0 }),
    repo.shiftsForUnit(
      db,
      actor.countyCode,
      actor.orgPath,
      { ...today, open: true },
      { limit: 1, offset: 0 },
    ),
  ]);
  return { openJointTasks: tasks.total, shiftsToday: shifts.total, openShiftsToday: open.total };
}
