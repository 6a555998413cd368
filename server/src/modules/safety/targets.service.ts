/**
 * 平安建设联创: each village's targets for a year (the county's list), evaluated on every read —
 * computed targets from the village's matters through the dashboard's counters and the KPI formulas,
 * attested ones from the town's statement and the district's review (core/domain/safety/targets.ts).
 * Authorization: `dispatch.convene` (center leaders) over their subtree; a town states, the district
 * reviews; a village or statement out of sight answers 404 like a missing one.
 */
import { randomUUID } from 'node:crypto';
import type { SafetyTargetsView } from '../../../../core/contracts/safety';
import { chinaDateOf } from '../../../../core/domain/dispatch/model';
import { emptyMatterCounters } from '../../../../core/domain/kpi/measures';
import { maskIdentityInText } from '../../../../core/domain/masking';
import {
  type Attestation,
  evaluateTarget,
  type TargetStatus,
  targetStatuses,
  targetStatusLabels,
  villageStatus,
} from '../../../../core/domain/safety/targets';
import { AppError } from '../../../../core/errors';
import { canSee, requirePermission } from '../../authz';
import type { Actor, Deps, RequestCtx } from '../../context';
import { countySafetyTargets } from '../config/safety-targets.service';
import { villageYearCounters } from '../dashboard/dashboard.service';
import { recordEvent } from '../events/events.service';
import { toOrgRef } from '../orgs/orgs.presenter';
import { getOrgRow, orgRowsByIds } from '../orgs/orgs.service';
import * as repo from './safety.repo';

type Placed = Actor & { orgId: string; orgPath: string };

function leaderOf(ctx: RequestCtx): Placed {
  const actor = requirePermission(ctx, 'dispatch.convene');
  if (!actor.orgId || !actor.orgPath) throw new AppError('FORBIDDEN');
  return actor as Placed;
}

const yearOf = (now: Date) => Number(chinaDateOf(now).slice(0, 4));

export async function villageTargets(deps: Deps, ctx: RequestCtx, year?: number): Promise<SafetyTargetsView> {
  const actor = leaderOf(ctx);
  const db = deps.database.db;
  const now = deps.clock.now();
  const y = year ?? yearOf(now);
  const [defs, villages, attestations] = await Promise.all([
    countySafetyTargets(db, actor.countyCode),
    repo.villagesUnder(db, actor.countyCode, actor.orgPath),
    repo.attestationsOf(db, actor.countyCode, actor.orgPath, y),
  ]);
  const counters = await villageYearCounters(
    deps,
    actor.countyCode,
    villages.map((v) => v.id),
    y,
  );
  const parents = await orgRowsByIds(
    deps,
    villages.map((v) => v.path.split('/').filter(Boolean).at(-2) ?? ''),
  );
  const byKey = new Map(attestations.map((a) => [`${a.villageId}:${a.targetCode}`, a]));
  const yearOver = yearOf(now) > y;
  const summary = Object.fromEntries(targetStatuses.map((s) => [s, 0])) as Record<TargetStatus, number>;
  const out = villages.map((v) => {
    const c = counters.get(v.id) ?? emptyMatterCounters();
    const targets = defs.map((d) => {
      const a = byKey.get(`${v.id}:${d.code}`);
      const r = evaluateTarget(d, c, a ? ({ state: a.state } as Attestation) : null, yearOver);
      const attested = d.rule.kind === 'attested';
      return {
        code: d.code,
        label: d.label,
        computed: !attested,
        status: r.status,
        statusLabel: targetStatusLabels[r.status],
        figure: r.figure,
        smallSample: r.smallSample,
        attestation: a
          ? {
              id: a.id,
              state: a.state as 'attested' | 'approved' | 'rejected',
              evidence: maskIdentityInText(a.evidence),
              attestedAt: a.attestedAt.toISOString(),
              reviewNote: a.reviewNote === null ? null : maskIdentityInText(a.reviewNote),
            }
          : null,
        mayAttest: attested && actor.orgKind === 'town' && a?.state !== 'approved',
        mayReview: attested && actor.orgKind === 'district' && a?.state === 'attested',
      };
    });
    const status = villageStatus(targets);
    summary[status]++;
    const townId = v.path.split('/').filter(Boolean).at(-2);
    const town = townId ? parents.get(townId) : undefined;
    return {
      village: toOrgRef({ ...v, divisionCode: v.division_code }),
      town: town ? toOrgRef(town) : null,
      status,
      statusLabel: targetStatusLabels[status],
      targets,
    };
  });
  return { year: y, villages: out, summary };
}

/** The town states an attested target of one of its villages (again, after a rejection). */
export async function attestTarget(
  deps: Deps,
  ctx: RequestCtx,
  villageId: string,
  code: string,
  body: { year: number; evidence: string },
) {
  const actor = leaderOf(ctx);
  const village = await getOrgRow(deps, villageId);
  if (village?.kind !== 'village' || !canSee(actor, village.countyCode, village.path))
    throw new AppError('NOT_FOUND');
  if (actor.orgKind !== 'town') throw new AppError('FORBIDDEN', '平安建设目标由镇（街道）填报，区级审核。');
  const def = (await countySafetyTargets(deps.database.db, actor.countyCode)).find((d) => d.code === code);
  if (!def) throw new AppError('NOT_FOUND', '没有这项平安建设目标。');
  if (def.rule.kind !== 'attested')
    throw new AppError('UNPROCESSABLE', '该目标由系统按事项数据计算，无需填报。', {
      reason: 'TARGET_COMPUTED',
    });
  const now = deps.clock.now();
  await deps.database.transaction(async (tx) => {
    const a = await repo.attestationFor(tx, village.countyCode, village.id, body.year, code);
    if (a?.state === 'approved')
      throw new AppError('TRANSITION_REFUSED', '该目标已通过区级审核，不能再修改。', {
        reason: 'ALREADY_APPROVED',
      });
    const id = a?.id ?? randomUUID();
    const set = {
      state: 'attested',
      evidence: body.evidence,
      attestedBy: actor.userId,
      attestedAt: now,
      reviewedBy: null,
      reviewedAt: null,
      reviewNote: null,
    };
    if (a) await repo.updateAttestation(tx, a.countyCode, a.id, set);
    else
      await repo.insertAttestation(tx, {
        countyCode: village.countyCode,
        id,
        villageId: village.id,
        villagePath: village.path,
        year: body.year,
        targetCode: code,
        ...set,
      });
    await recordEvent(tx, ctx, deps.clock, {
      countyCode: village.countyCode,
      action: 'safety.target_attested',
      objectType: 'safety_attestation',
      objectId: id,
      reason: body.evidence,
      before: a ? { state: a.state } : null,
      after: { state: 'attested', villageId: village.id, year: body.year, targetCode: code },
    });
  });
  deps.kickSealer();
  return villageTargets(deps, ctx, body.year);
}

/** The district approves (达标) or rejects (未达标, with its reason) a town's statement. */
export async function reviewAttestation(
  deps: Deps,
  ctx: RequestCtx,
  id: string,
  body: { approve: boolean; note: string },
) {
  const actor = leaderOf(ctx);
  const now = deps.clock.now();
  let year = 0;
  await deps.database.transaction(async (tx) => {
    const a = await repo.attestationById(tx, actor.countyCode, id, true);
    if (!a || !canSee(actor, a.countyCode, a.villagePath)) throw new AppError('NOT_FOUND');
    if (actor.orgKind !== 'district') throw new AppError('FORBIDDEN', '平安建设目标由区级审核。');
    if (a.state !== 'attested')
      throw new AppError('TRANSITION_REFUSED', '该目标不在待核状态。', { reason: 'NOT_ATTESTED' });
    if (!body.approve && body.note.length < 2)
      throw new AppError('VALIDATION_FAILED', '不通过时请写明理由。', { fields: { note: '请写明理由' } });
    year = a.year;
    const state = body.approve ? 'approved' : 'rejected';
    await repo.updateAttestation(tx, a.countyCode, a.id, {
      state,
      reviewedBy: actor.userId,
      reviewedAt: now,
      reviewNote: body.note || null,
    });
    await recordEvent(tx, ctx, deps.clock, {
      countyCode: a.countyCode,
      action: body.approve ? 'safety.target_approved' : 'safety.target_rejected',
      objectType: 'safety_attestation',
      objectId: a.id,
      reason: body.note || null,
      before: { state: a.state },
      after: { state, villageId: a.villageId, year: a.year, targetCode: a.targetCode },
    });
  });
  deps.kickSealer();
  return villageTargets(deps, ctx, year);
}
