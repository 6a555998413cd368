/**
 * Linked mediation (联动调解, core/domain/mediation/linked-routes.ts): the 警调 handoff from a 派出所
 * to the people's mediation committee of the place, the station's record of what came of it, the
 * lifecycle hook that fixes each mediation's route and writes its outcome back, and the per-route
 * figures of the dashboard. The mediation itself is the ordinary one (modules/matters, modules/mediation).
 */
import type {
  LinkedFigures,
  PoliceReferral,
  PoliceReferralBody,
} from '../../../../core/contracts/linked-mediation';
import { linkedRouteFigures } from '../../../../core/domain/kpi/linked-mediation';
import type { MatterState } from '../../../../core/domain/matters/model';
import {
  committeeForPlace,
  isPoliceStation,
  type LinkedOutcome,
  type LinkedRoute,
  linkedRouteLabels,
  outcomeOfEvent,
  professionalFieldOf,
  routeOfMediation,
} from '../../../../core/domain/mediation/linked-routes';
import {
  addCalendarDays,
  parseLocalDate,
  startOfLocalDay,
} from '../../../../core/domain/time-limits/local-date';
import { AppError } from '../../../../core/errors';
import { requirePermission } from '../../authz';
import type { Deps, RequestCtx } from '../../context';
import type { Tx } from '../../db/client';
import { recordEvent } from '../events/events.service';
import { intakeForDecision } from '../matters/intake.service';
import { partyNamesOf } from '../matters/query.service';
import { committeesUnder, getOrgRow, territorialOrgs } from '../orgs/orgs.service';
import { presentReferral } from './linked.presenter';
import * as repo from './linked.repo';

/** The path of the org one level up from `path` ('/d/t/u/' → '/d/t/'). */
function parentPathOf(path: string): string {
  return path.replace(/[^/]+\/$/, '');
}

/**
 * 警调: a 派出所 registers a civil dispute it met on a call and hands it to the mediation committee of
 * the village where it happened, else of its town (人民调解法 art. 18). The matter is the committee's
 * from the start, so it sits in the committee's queue; the link row keeps the station and its 警情 number.
 */
export async function referFromPolice(
  deps: Deps,
  ctx: RequestCtx,
  body: PoliceReferralBody,
): Promise<{ matterId: string; code: string; committee: { id: string; name: string } }> {
  const actor = requirePermission(ctx, 'linked.police_refer');
  const station = actor.orgId ? await getOrgRow(deps, actor.orgId) : undefined;
  if (!station || !isPoliceStation(station)) {
    throw new AppError('FORBIDDEN', '只有派出所的民警可以登记警调移交。');
  }
  const village = await getOrgRow(deps, body.villageId);
  // A station hands over disputes of its own town only (its parent's subtree).
  if (
    village?.kind !== 'village' ||
    village.countyCode !== station.countyCode ||
    !village.path.startsWith(parentPathOf(station.path))
  ) {
    throw new AppError('VALIDATION_FAILED', '请选择本所辖区内纠纷发生的村（社区）。', { field: 'villageId' });
  }
  const town = village.parentId ? await getOrgRow(deps, village.parentId) : undefined;
  if (!town) throw new AppError('VALIDATION_FAILED', '该村（社区）不属于任何镇（街道）。');
  const candidates = [
    ...(await committeesUnder(deps.database.db, village)),
    ...(await committeesUnder(deps.database.db, town)),
  ];
  const committee = committeeForPlace(candidates, { villageId: village.id, townId: town.id });
  if (!committee) {
    throw new AppError('NOT_FOUND', `${town.name}及该村（社区）尚未设立人民调解委员会，无法移交调解。`);
  }
  const out = await intakeForDecision(
    deps,
    ctx,
    committee,
    {
      kind: 'dispute',
      channel: 'referral',
      categoryCode: body.categoryCode,
      title: body.title,
      description: `${station.name}出警时发现的民间纠纷，移交人民调解（警情编号 ${body.policeRecordNo}）：${body.description}`,
      place: { villageId: village.id },
      parties: body.parties,
      receivedAt: body.calledAt,
      receiptEvidence: `警情编号 ${body.policeRecordNo}`,
    },
    async (tx, { matterId }) => {
      const now = deps.clock.now();
      await repo.insert(tx, {
        countyCode: station.countyCode,
        matterId,
        route: 'police',
        sourceOrgId: station.id,
        sourceOrgPath: station.path,
        policeRecordNo: body.policeRecordNo,
        orgId: committee.id,
        orgPath: committee.path,
        createdAt: now,
      });
      await recordEvent(tx, ctx, deps.clock, {
        countyCode: station.countyCode,
        action: 'linked.police_referred',
        objectType: 'matter',
        objectId: matterId,
        reason: null,
        before: null,
        after: {
          route: 'police',
          policeRecordNo: body.policeRecordNo,
          stationId: station.id,
          committeeId: committee.id,
        },
      });
    },
  );
  return { matterId: out.matterId, code: out.code, committee: { id: committee.id, name: committee.name } };
}

/**
 * The station's record: each dispute it handed over (or the stations under the caller's org), where it
 * went, and what the mediation came to; and, for a station, the villages of its town it may hand over
 * from (a station's own jurisdiction holds no village, so the form could not search them).
 */
export async function policeReferrals(
  deps: Deps,
  ctx: RequestCtx,
): Promise<{ items: PoliceReferral[]; villages: { id: string; name: string }[] }> {
  const actor = requirePermission(ctx, 'linked.police_refer');
  if (!actor.orgPath || !actor.orgId) throw new AppError('FORBIDDEN');
  const rows = await repo.policeReferrals(deps.database.db, actor.countyCode, actor.orgPath);
  const names = await partyNamesOf(
    deps,
    actor.countyCode,
    rows.map((r) => r.link.matterId),
  );
  const station = await getOrgRow(deps, actor.orgId);
  const villages =
    station && isPoliceStation(station)
      ? (await territorialOrgs(deps.database.db, actor.countyCode))
          .filter((o) => o.kind === 'village' && o.parentId === station.parentId)
          .map((o) => ({ id: o.id, name: o.name }))
      : [];
  return { items: rows.reverse().map((r) => presentReferral(r, names)), villages };
}

/**
 * Called by the lifecycle after every decision, in its transaction: a mediation that starts gets its
 * route (unless a 警调 handoff fixed it), and one that ends writes its outcome, which is how the
 * result returns to the 派出所's record and to the dashboard.
 */
export async function afterLinkedMediationDecision(
  deps: Deps,
  tx: Tx,
  m: { countyCode: string; id: string; state: MatterState },
  event: { name: string; data: Record<string, unknown> },
): Promise<void> {
  const now = deps.clock.now();
  const outcome: LinkedOutcome | undefined = outcomeOfEvent(event.name);
  if (event.name !== 'matter.mediation_started' && !outcome) return;
  const row = await repo.byMatter(tx, m.countyCode, m.id);
  if (outcome) {
    if (row) await repo.update(tx, m.countyCode, m.id, { outcome, outcomeAt: now });
    return;
  }
  const consent = (event.data.consent as { channel: string; on: string } | undefined) ?? null;
  const consentFact = consent ? { channel: consent.channel, at: consent.on } : null;
  if (row) {
    await repo.update(tx, m.countyCode, m.id, {
      startedAt: now,
      outcome: null,
      outcomeAt: null,
      ...(consentFact ? { consent: consentFact } : {}),
    });
    return;
  }
  const org = await getOrgRow(deps, m.state.owner.id, tx);
  if (!org) return;
  const route: LinkedRoute = routeOfMediation({
    kind: m.state.kind,
    fromCourt: Boolean(m.state.court),
    mediatingOrg: org,
  });
  await repo.insert(tx, {
    countyCode: m.countyCode,
    matterId: m.id,
    route,
    orgId: org.id,
    orgPath: org.path,
    field: route === 'professional' ? professionalFieldOf(org) : null,
    consent: consentFact,
    startedAt: now,
    createdAt: now,
  });
}

/** 警调/访调/诉调/专调/人民调解: per route, count and 调解成功率 (docs/KPI.md "Linked mediation"). */
export async function linkedFigures(
  deps: Deps,
  ctx: RequestCtx,
  q: { from?: string; to?: string },
): Promise<LinkedFigures> {
  const actor = requirePermission(ctx, 'dashboard.view');
  if (!actor.orgPath) throw new AppError('FORBIDDEN');
  const period = {
    from: q.from ? startOfLocalDay(parseLocalDate(q.from)) : null,
    to: q.to ? startOfLocalDay(addCalendarDays(parseLocalDate(q.to), 1)) : null,
  };
  const rows = await repo.records(deps.database.db, actor.countyCode, actor.orgPath, period);
  const figures = linkedRouteFigures(
    rows.map((r) => ({ route: r.route as LinkedRoute, outcome: r.outcome as LinkedOutcome | null })),
  );
  return { routes: figures.map((f) => ({ ...f, label: linkedRouteLabels[f.route] })) };
}
