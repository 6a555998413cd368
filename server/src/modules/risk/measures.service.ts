/**
 * 治未病 (对症式措施): the measures a leader decides against a risk warning — what, which unit and person,
 * by when, for which villages or groups — tracked to done, swept when late, and their effect measured
 * by the indicator that raised the warning (core/domain/dispatch/measure-effect.ts, docs/KPI.md).
 * Authorization: reading and deciding as for the warning (`dashboard.view` / `dispatch.convene`, the
 * warning inside the leader's subtree); completing by `dispatch.act` staff of the responsible unit or
 * above it, or of the warning's org; out of sight answers 404 like a missing one.
 */

import { randomUUID } from 'node:crypto';
import type { MeasureView, NewMeasure } from '../../../../core/contracts/dispatch';
import {
  EFFECT_WINDOW_DAYS,
  effectSummary,
  measureEffect,
  measuresDoneAt,
} from '../../../../core/domain/dispatch/measure-effect';
import { chinaDateOf, dueInstantOf } from '../../../../core/domain/dispatch/model';
import { maskIdentityInText } from '../../../../core/domain/masking';
import { can } from '../../../../core/domain/permissions';
import {
  type RiskRule,
  riskRuleLabels,
  type WarningGrade,
  warningGradeLabels,
} from '../../../../core/domain/risk/model';
import { AppError } from '../../../../core/errors';
import { canSee, requirePermission } from '../../authz';
import type { Actor, Deps, RequestCtx } from '../../context';
import { markOverdueEach, type OverdueSweepOutcome, perCounty } from '../../overdue-sweep';
import { recordEvent } from '../events/events.service';
import { toOrgRef } from '../orgs/orgs.presenter';
import { type OrgRow, orgRowsByIds } from '../orgs/orgs.service';
import * as repo from './measures.repo';
import * as riskRepo from './risk.repo';

const DAY_MS = 86_400_000;
const unknownOrg = (id: string) => ({
  id,
  name: '（已删除的单位）',
  kind: 'unit',
  level: 'town',
  divisionCode: null,
});

async function visibleWarning(deps: Deps, actor: Actor, id: string) {
  const w = await riskRepo.warningById(deps.database.db, actor.countyCode, id);
  if (!w || !canSee(actor, w.countyCode, w.targetPath)) throw new AppError('NOT_FOUND');
  return w;
}

function toMeasureView(m: repo.MeasureRow, orgs: Map<string, OrgRow>, actor: Actor): MeasureView {
  const ref = (id: string) => toOrgRef(orgs.get(id) ?? unknownOrg(id));
  return {
    id: m.id,
    warningId: m.warningId,
    action: maskIdentityInText(m.action),
    responsible: ref(m.responsibleOrgId),
    responsiblePerson: m.responsiblePerson,
    villages: m.villageIds.map(ref),
    groups: m.groups,
    dueDate: m.dueDate,
    status: m.status as 'open' | 'done',
    statusLabel: m.status === 'done' ? '已落实' : m.overdueAt ? '逾期未落实' : '落实中',
    overdue: !!m.overdueAt && m.status === 'open',
    result: m.result === null ? null : maskIdentityInText(m.result),
    doneAt: m.doneAt?.toISOString() ?? null,
    mayComplete: m.status === 'open' && mayComplete(actor, m),
  };
}

function mayComplete(actor: Actor, m: repo.MeasureRow): boolean {
  return (
    can(actor.roles, 'dispatch.act') &&
    (canSee(actor, m.countyCode, m.responsiblePath) || canSee(actor, m.countyCode, m.warningPath))
  );
}

async function effectOf(deps: Deps, w: riskRepo.WarningRow, measures: repo.MeasureRow[]) {
  const now = deps.clock.now();
  const doneAt = measuresDoneAt(measures);
  const from = new Date(w.createdAt.getTime() - EFFECT_WINDOW_DAYS * DAY_MS);
  const times = await repo.indicatorTimes(deps.database.db, w, from, now);
  const e = measureEffect({ raisedAt: w.createdAt, measuresDoneAt: doneAt, now, matterTimes: times });
  return {
    indicator: `预警区域内同类事项新增件数（${EFFECT_WINDOW_DAYS}日）`,
    windowDays: e.windowDays,
    before: e.before,
    after: e.after,
    afterComplete: e.afterComplete,
    change: e.change,
    summary: effectSummary(e),
  };
}

export async function warningMeasures(deps: Deps, ctx: RequestCtx, warningId: string) {
  const actor = requirePermission(ctx, 'dashboard.view');
  const w = await visibleWarning(deps, actor, warningId);
  const ms = await repo.measuresOf(deps.database.db, w.countyCode, [w.id]);
  const orgs = await orgRowsByIds(
    deps,
    ms.flatMap((m) => [m.responsibleOrgId, ...m.villageIds]),
  );
  return {
    measures: ms.map((m) => toMeasureView(m, orgs, actor)),
    effect: await effectOf(deps, w, ms),
    mayAdd: can(actor.roles, 'dispatch.convene') && w.status !== 'dismissed',
  };
}

export async function addMeasure(deps: Deps, ctx: RequestCtx, warningId: string, body: NewMeasure) {
  const actor = requirePermission(ctx, 'dispatch.convene');
  const w = await visibleWarning(deps, actor, warningId);
  if (w.status === 'dismissed') {
    throw new AppError('TRANSITION_REFUSED', '该预警已排除，无需部署措施。', { reason: 'WARNING_DISMISSED' });
  }
  const now = deps.clock.now();
  if (body.dueDate < chinaDateOf(now)) {
    throw new AppError('VALIDATION_FAILED', '完成时限不能早于今天。', {
      fields: { dueDate: '不能早于今天' },
    });
  }
  const villageIds = [...new Set(body.villageIds)];
  const orgs = await orgRowsByIds(deps, [body.responsibleOrgId, ...villageIds]);
  const resp = orgs.get(body.responsibleOrgId);
  // The responsible unit and the villages are the leader's to direct: inside his subtree.
  if (!resp || !canSee(actor, resp.countyCode, resp.path)) {
    throw new AppError('VALIDATION_FAILED', '责任单位须在本级管辖范围内。', {
      fields: { responsibleOrgId: '须在本级管辖范围内' },
    });
  }
  if (
    villageIds.some(
      (v) => orgs.get(v)?.kind !== 'village' || !canSee(actor, orgs.get(v)!.countyCode, orgs.get(v)!.path),
    )
  ) {
    throw new AppError('VALIDATION_FAILED', '措施针对的村（社区）须在本级管辖范围内。', {
      fields: { villageIds: '须为本级管辖的村（社区）' },
    });
  }
  if (villageIds.length === 0 && body.groups.trim() === '') {
    throw new AppError('VALIDATION_FAILED', '请写明措施针对的村（社区）或人群。', {
      fields: { groups: '请选择村（社区）或填写针对的人群' },
    });
  }
  const id = randomUUID();
  await deps.database.transaction(async (tx) => {
    await repo.insertMeasure(tx, {
      countyCode: w.countyCode,
      id,
      warningId: w.id,
      warningPath: w.targetPath,
      action: body.action,
      responsibleOrgId: resp.id,
      responsiblePath: resp.path,
      responsiblePerson: body.responsiblePerson,
      villageIds,
      groups: body.groups.trim(),
      dueDate: body.dueDate,
      dueAt: dueInstantOf(body.dueDate),
      status: 'open',
      result: null,
      doneAt: null,
      overdueAt: null,
      createdBy: actor.userId,
      createdAt: now,
    });
    await recordEvent(tx, ctx, deps.clock, {
      countyCode: w.countyCode,
      action: 'risk.measure_decided',
      objectType: 'risk_warning',
      objectId: w.id,
      after: { measureId: id, responsibleOrgId: resp.id, villageIds, dueDate: body.dueDate },
    });
  });
  deps.kickSealer();
  return warningMeasures(deps, ctx, warningId);
}

export async function completeMeasure(deps: Deps, ctx: RequestCtx, id: string, result: string) {
  const actor = requirePermission(ctx, 'dispatch.act');
  const seen = await repo.measureById(deps.database.db, actor.countyCode, id);
  if (!seen || !mayComplete(actor, seen)) throw new AppError('NOT_FOUND');
  const now = deps.clock.now();
  await deps.database.transaction(async (tx) => {
    const m = await repo.measureById(tx, actor.countyCode, id, true);
    if (!m) throw new AppError('NOT_FOUND');
    if (m.status !== 'open') {
      throw new AppError('TRANSITION_REFUSED', '该措施已落实，不能重复办结。', { reason: 'MEASURE_DONE' });
    }
    await repo.updateMeasure(tx, m.countyCode, m.id, { status: 'done', result, doneAt: now });
    await recordEvent(tx, ctx, deps.clock, {
      countyCode: m.countyCode,
      action: 'risk.measure_done',
      objectType: 'risk_warning',
      objectId: m.warningId,
      reason: result,
      before: { measureId: m.id, status: 'open' },
      after: { measureId: m.id, status: 'done' },
    });
  });
  deps.kickSealer();
  const m = (await repo.measureById(deps.database.db, actor.countyCode, id))!;
  const orgs = await orgRowsByIds(deps, [m.responsibleOrgId, ...m.villageIds]);
  return toMeasureView(m, orgs, actor);
}

/** For the dashboard: each warning of the area with measures, their progress and the effect. */
export async function measureEffects(deps: Deps, ctx: RequestCtx) {
  const actor = requirePermission(ctx, 'dashboard.view');
  if (!actor.orgPath) throw new AppError('FORBIDDEN');
  const ids = await repo.warningIdsWithMeasures(deps.database.db, actor.countyCode, actor.orgPath);
  const all = await repo.measuresOf(deps.database.db, actor.countyCode, ids);
  const items = [];
  for (const id of ids) {
    const w = await riskRepo.warningById(deps.database.db, actor.countyCode, id);
    if (!w) continue;
    const ms = all.filter((m) => m.warningId === id);
    const orgs = await orgRowsByIds(deps, [w.targetOrgId]);
    items.push({
      warningId: w.id,
      title: `【${warningGradeLabels[w.grade as WarningGrade]}预警】${riskRuleLabels[w.rule as RiskRule]}`,
      targetOrg: toOrgRef(orgs.get(w.targetOrgId) ?? unknownOrg(w.targetOrgId)),
      measures: ms.length,
      done: ms.filter((m) => m.status === 'done').length,
      overdue: ms.filter((m) => m.status === 'open' && m.overdueAt).length,
      effect: await effectOf(deps, w, ms),
    });
  }
  return { items };
}

/** The sweep's part: an open measure past its due day is marked overdue once, with an event. */
export async function sweepMeasures(deps: Deps, limit = 200): Promise<OverdueSweepOutcome> {
  const now = deps.clock.now();
  const candidates = await perCounty(deps, (county) =>
    repo.overdueMeasureCandidates(deps.database.db, county, now, limit),
  );
  return markOverdueEach(
    deps,
    candidates,
    (c) => `治未病措施 ${c.action}`,
    async (tx, c, now, ctx) => {
      const m = await repo.measureById(tx, c.countyCode, c.id, true);
      if (!m || m.overdueAt || m.status !== 'open' || m.dueAt > now) return false;
      await repo.updateMeasure(tx, m.countyCode, m.id, { overdueAt: now });
      await recordEvent(tx, ctx, deps.clock, {
        countyCode: m.countyCode,
        action: 'risk.measure_overdue',
        objectType: 'risk_warning',
        objectId: m.warningId,
        after: { measureId: m.id, dueDate: m.dueDate, responsibleOrgId: m.responsibleOrgId },
      });
      return true;
    },
  );
}
