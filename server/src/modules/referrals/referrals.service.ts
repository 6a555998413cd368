/**
 * 转介服务 (issue 17): a matter's party referred to legal aid, counselling, judicial relief, hardship
 * help or administrative mediation; the provider works it by the core table and its outcome comes back
 * onto the matter (an event on the matter's log, a line on the matter page).
 *
 * Authorization: `referral.create` to refer (the matter must lie in the actor's subtree),
 * `referral.provide` to work the queue; a referral is seen by whoever sees its matter or stands above
 * its provider, else 404 like a missing one. What is hidden from whom: referrals.presenter.ts.
 */
import { randomUUID } from 'node:crypto';
import type {
  NewReferral,
  ReferralActionBody,
  ReferralQueueQuery,
} from '../../../../core/contracts/referrals';
import { can } from '../../../../core/domain/permissions';
import {
  concludingOutcomes,
  decideReferral,
  decidesAmount,
  eligibilityBases,
  isEligibilityBasis,
  outcomeLabels,
  type ReferralStatus,
  referralPolicyKeys,
  type ServiceKind,
  serviceKindLabels,
} from '../../../../core/domain/referrals';
import { computeDue } from '../../../../core/domain/time-limits';
import { AppError } from '../../../../core/errors';
import { requireActor, requirePermission } from '../../authz';
import type { Actor, Deps, RequestCtx } from '../../context';
import { workCalendar } from '../calendar/calendar-cache';
import { countyPolicies } from '../config/policies.service';
import { recordEvent } from '../events/events.service';
import { canSeeMatter, type MatterRow, matterRowsByIds } from '../matters/query.service';
import { toOrgRef } from '../orgs/orgs.presenter';
import { getOrgRow, orgRowsByIds } from '../orgs/orgs.service';
import { designatedProviders } from './providers.service';
import { partsOf, toReferralView } from './referrals.presenter';
import * as repo from './referrals.repo';

/** Staff who work referrals on either side. */
function worker(ctx: RequestCtx): Actor & { orgPath: string } {
  const actor = requireActor(ctx);
  if (!can(actor.roles, 'referral.create') && !can(actor.roles, 'referral.provide')) {
    throw new AppError('FORBIDDEN');
  }
  if (!actor.orgPath) throw new AppError('FORBIDDEN');
  return actor as Actor & { orgPath: string };
}

async function matterFor(deps: Deps, actor: Actor, id: string): Promise<MatterRow> {
  const [m] = await matterRowsByIds(deps, actor.countyCode, [id]);
  if (!m || !canSeeMatter(actor, m)) throw new AppError('NOT_FOUND');
  return m;
}

async function present(deps: Deps, actor: Actor, rows: repo.ReferralRow[]) {
  const matters = new Map(
    (
      await matterRowsByIds(
        deps,
        actor.countyCode,
        rows.map((r) => r.matterId),
      )
    ).map((m) => [m.id, m]),
  );
  const orgs = await orgRowsByIds(
    deps,
    rows.flatMap((r) => [r.providerOrgId, r.referrerOrgId]),
  );
  const sessions = await repo.sessionsOf(
    deps.database.db,
    rows.map((r) => r.id),
  );
  const now = deps.clock.now();
  return rows.map((r) => {
    const m = matters.get(r.matterId);
    return toReferralView({
      r,
      matter: { code: m?.code ?? '', ownerOrgId: m?.ownerOrgId ?? '' },
      orgs,
      sessions: sessions.filter((s) => s.referralId === r.id),
      actor,
      now,
    });
  });
}

/** The providers of a service in the county, with the eligibility grounds and outcomes it knows. */
export async function providerOptions(deps: Deps, ctx: RequestCtx, kind: ServiceKind) {
  const actor = requirePermission(ctx, 'referral.create');
  const rows = await designatedProviders(deps.database.db, actor.countyCode, kind);
  return {
    items: rows.map(toOrgRef),
    eligibility: Object.entries(eligibilityBases[kind]).map(([basis, label]) => ({ basis, label })),
    outcomes: concludingOutcomes[kind].map((code) => ({ code, label: outcomeLabels[code] })),
  };
}

function mayRefer(actor: Actor, m: MatterRow): boolean {
  return (
    can(actor.roles, 'referral.create') &&
    !!actor.orgPath &&
    actor.countyCode === m.countyCode &&
    m.ownerPath.startsWith(actor.orgPath)
  );
}

export async function referralsOfMatter(deps: Deps, ctx: RequestCtx, matterId: string) {
  const actor = worker(ctx);
  const m = await matterFor(deps, actor, matterId);
  const rows = await repo.referralsOfMatter(deps.database.db, m.id);
  return { items: await present(deps, actor, rows), mayRefer: mayRefer(actor, m) };
}

export async function refer(deps: Deps, ctx: RequestCtx, matterId: string, body: NewReferral) {
  const actor = requirePermission(ctx, 'referral.create');
  const m = await matterFor(deps, actor, matterId);
  // The org that owns the matter (or one above it) refers; a co-handler or mediator sees it but does not.
  if (!mayRefer(actor, m)) throw new AppError('FORBIDDEN', '只有事项的承办单位可以转介服务。');
  if (!isEligibilityBasis(body.kind, body.eligibilityBasis)) {
    throw new AppError('VALIDATION_FAILED', '请选择该服务的申请依据。', {
      fields: { eligibilityBasis: '请选择该服务的申请依据。' },
    });
  }
  const now = deps.clock.now();
  const id = randomUUID();
  await deps.database.transaction(async (tx) => {
    // Only an org the county designated for this service (config 'referral_providers'), not any of its kind.
    const provider = (await designatedProviders(tx, m.countyCode, body.kind)).find(
      (o) => o.id === body.providerOrgId,
    );
    if (!provider) {
      throw new AppError('VALIDATION_FAILED', `请选择本县提供${serviceKindLabels[body.kind]}的服务机构。`, {
        fields: { providerOrgId: '该单位不提供此项服务。' },
      });
    }
    if (body.partyId && !(await repo.partyOfMatter(tx, m.id, body.partyId))) {
      throw new AppError('VALIDATION_FAILED', '请选择本事项的当事人。', {
        fields: { partyId: '请选择本事项的当事人。' },
      });
    }
    // The county's own rule for this service (local policy, low confidence until the county sets it).
    const rule = (await countyPolicies(tx, m.countyCode)).local[referralPolicyKeys[body.kind]].value;
    const due = computeDue(rule, now, await workCalendar(deps, m.countyCode, tx));
    await repo.insertReferral(tx, {
      countyCode: m.countyCode,
      id,
      matterId: m.id,
      referrerOrgId: m.ownerOrgId,
      referrerPath: m.ownerPath,
      partyId: body.partyId,
      kind: body.kind,
      providerOrgId: provider.id,
      providerPath: provider.path,
      status: 'referred',
      eligibility: { basis: body.eligibilityBasis, note: body.eligibilityNote },
      reason: body.reason,
      rule: { ...rule },
      dueAt: due.dueAt,
      assignee: null,
      appointmentAt: null,
      outcome: null,
      outcomeNote: null,
      amountYuan: null,
      aidInKind: null,
      concludedAt: null,
      overdueAt: null,
      createdBy: actor.userId,
      createdAt: now,
      updatedAt: now,
    });
    const line = `${serviceKindLabels[body.kind]}：转介至${provider.name}`;
    await recordEvent(tx, ctx, deps.clock, {
      countyCode: m.countyCode,
      action: 'referral.created',
      objectType: 'referral',
      objectId: id,
      reason: body.reason,
      after: { matterId: m.id, kind: body.kind, providerOrgId: provider.id, dueAt: due.dueAt.toISOString() },
    });
    await recordEvent(tx, ctx, deps.clock, {
      countyCode: m.countyCode,
      action: 'referral.referred',
      objectType: 'matter',
      objectId: m.id,
      reason: line,
      after: { referralId: id, kind: body.kind, providerOrgId: provider.id },
    });
  });
  deps.kickSealer();
  return getReferral(deps, ctx, id);
}

async function visibleReferral(deps: Deps, actor: Actor, id: string) {
  const r = await repo.referralById(deps.database.db, id);
  if (!r || r.countyCode !== actor.countyCode) throw new AppError('NOT_FOUND');
  if (partsOf(actor, r).length > 0) return r;
  const [m] = await matterRowsByIds(deps, r.countyCode, [r.matterId]);
  if (!m || !canSeeMatter(actor, m)) throw new AppError('NOT_FOUND');
  return r;
}

export async function getReferral(deps: Deps, ctx: RequestCtx, id: string) {
  const actor = worker(ctx);
  const r = await visibleReferral(deps, actor, id);
  const [view] = await present(deps, actor, [r]);
  return view!;
}

/** The provider's queue: referrals addressed to the actor's org or the units under it. */
export async function queue(deps: Deps, ctx: RequestCtx, q: ReferralQueueQuery) {
  const actor = requirePermission(ctx, 'referral.provide');
  if (!actor.orgPath) throw new AppError('FORBIDDEN');
  const { items, total } = await repo.queueOf(deps.database.db, actor.countyCode, actor.orgPath, q.status, {
    limit: q.pageSize,
    offset: (q.page - 1) * q.pageSize,
  });
  return { items: await present(deps, actor, items), total, page: q.page, pageSize: q.pageSize };
}

function invalid(path: string, message: string): AppError {
  return new AppError('VALIDATION_FAILED', message, { fields: { [path]: message } });
}

/** What one step changes on the row, beyond its status; checked against the service. */
function changesOf(kind: ServiceKind, body: ReferralActionBody, now: Date): Partial<repo.ReferralRow> {
  switch (body.action) {
    case 'accept':
      return {};
    case 'decline':
      return { outcome: 'declined', outcomeNote: body.reason, concludedAt: now };
    case 'withdraw':
      return { outcome: 'withdrawn', outcomeNote: body.reason, concludedAt: now };
    case 'assign':
      return { assignee: body.assignee };
    case 'schedule':
      return { appointmentAt: new Date(body.appointmentAt) };
    case 'record_session':
      return {};
    case 'conclude': {
      if (!concludingOutcomes[kind].includes(body.outcome)) {
        throw invalid('outcome', `${serviceKindLabels[kind]}不能以“${outcomeLabels[body.outcome]}”办结。`);
      }
      const granted = decidesAmount(kind) && body.outcome === 'granted';
      if (granted && body.amountYuan === null && !body.aidInKind) {
        throw invalid('amountYuan', '决定给予的，请填写金额或实物帮扶内容。');
      }
      if (!granted && (body.amountYuan !== null || body.aidInKind)) {
        throw invalid('amountYuan', '只有决定给予司法救助或困难帮扶时才填写金额。');
      }
      return {
        outcome: body.outcome,
        outcomeNote: body.note,
        amountYuan: granted ? body.amountYuan : null,
        aidInKind: granted ? body.aidInKind || null : null,
        concludedAt: now,
      };
    }
  }
}

/** Events whose outcome returns onto the matter's own log. */
const matterEventOf: Partial<Record<ReferralActionBody['action'], string>> = {
  accept: 'referral.accepted',
  conclude: 'referral.concluded',
  decline: 'referral.declined',
  withdraw: 'referral.withdrawn',
};

export async function act(deps: Deps, ctx: RequestCtx, id: string, body: ReferralActionBody) {
  const actor = worker(ctx);
  await visibleReferral(deps, actor, id);
  const now = deps.clock.now();
  await deps.database.transaction(async (tx) => {
    const r = await repo.referralById(tx, id, true);
    if (!r) throw new AppError('NOT_FOUND');
    const kind = r.kind as ServiceKind;
    const d = decideReferral(kind, r.status as ReferralStatus, body.action, partsOf(actor, r));
    if (!d.ok) throw new AppError(d.code, d.message, { reason: d.reason });
    const set = changesOf(kind, body, now);
    if (body.action === 'record_session') {
      await repo.insertSession(tx, {
        countyCode: r.countyCode,
        id: randomUUID(),
        referralId: r.id,
        heldAt: new Date(body.heldAt),
        attended: body.attended,
        note: body.note,
        recordedBy: actor.userId,
        createdAt: now,
      });
    }
    await repo.updateReferral(tx, r.id, { ...set, status: d.to, updatedAt: now });
    // Counselling content never goes into the log; amounts neither (personal data, masked in events).
    const confidential = kind === 'counselling';
    const text =
      'reason' in body
        ? body.reason
        : 'note' in body && !confidential
          ? body.note
          : 'assignee' in body
            ? body.assignee
            : null;
    await recordEvent(tx, ctx, deps.clock, {
      countyCode: r.countyCode,
      action: `referral.${body.action}`,
      objectType: 'referral',
      objectId: r.id,
      reason: body.action === 'record_session' ? null : text,
      before: { status: r.status },
      after: {
        status: d.to,
        ...(body.action === 'record_session' ? { attended: body.attended } : {}),
        ...(set.outcome ? { outcome: set.outcome } : {}),
      },
    });
    const onMatter = matterEventOf[body.action];
    if (onMatter) {
      const provider = await getOrgRow(deps, r.providerOrgId, tx);
      const what = set.outcome ? outcomeLabels[set.outcome as keyof typeof outcomeLabels] : '已受理';
      await recordEvent(tx, ctx, deps.clock, {
        countyCode: r.countyCode,
        action: onMatter,
        objectType: 'matter',
        objectId: r.matterId,
        reason: `${serviceKindLabels[kind]}：${what}（${provider?.name ?? '服务机构'}）`,
        after: { referralId: r.id, kind, outcome: set.outcome ?? null },
      });
    }
  });
  deps.kickSealer();
  return getReferral(deps, ctx, id);
}
