/**
 * Shapes a referral for its reader. Two things are hidden by who reads (issue 17):
 * - the content of counselling (session notes, and the counsellor's closing words) is read only inside
 *   the provider org itself: the case handler, even the district leader above the center, sees only
 *   attendance and status;
 * - an amount of relief or help is personal data: shown to the provider org and the org that owns the
 *   matter, to nobody else (not to the leaders above them, nor to other viewers of the matter).
 */
import type { ReferralView } from '../../../../core/contracts/referrals';
import { can } from '../../../../core/domain/permissions';
import {
  allowedReferralActions,
  eligibilityBases,
  type OutcomeCode,
  outcomeLabels,
  type ReferralPart,
  type ReferralStatus,
  referralStatusLabels,
  type ServiceKind,
  serviceKindLabels,
} from '../../../../core/domain/referrals';
import type { Actor } from '../../context';
import { toOrgRef } from '../orgs/orgs.presenter';
import type { OrgRow } from '../orgs/orgs.service';
import type { ReferralRow, ReferralSessionRow } from './referrals.repo';

/** The actor's parts in a referral: the provider's staff (and units above it) and the referring side. */
export function partsOf(actor: Actor, r: ReferralRow): ReferralPart[] {
  const path = actor.orgPath;
  if (!path || actor.countyCode !== r.countyCode) return [];
  const parts: ReferralPart[] = [];
  if (r.providerPath.startsWith(path) && can(actor.roles, 'referral.provide')) parts.push('provider');
  if (r.referrerPath.startsWith(path) && can(actor.roles, 'referral.create')) parts.push('referrer');
  return parts;
}

/** Counselling content: only inside the provider org itself. */
export function mayReadNotes(actor: Actor, r: ReferralRow): boolean {
  return !!actor.orgId && actor.orgId === r.providerOrgId;
}

/** Amounts: the provider org and the org that owns the matter now. */
export function mayReadAmount(actor: Actor, r: ReferralRow, matterOwnerOrgId: string): boolean {
  return !!actor.orgId && (actor.orgId === r.providerOrgId || actor.orgId === matterOwnerOrgId);
}

export interface ViewInput {
  r: ReferralRow;
  matter: { code: string; ownerOrgId: string };
  orgs: Map<string, OrgRow>;
  sessions: ReferralSessionRow[];
  actor: Actor;
  now: Date;
}

function orgRef(orgs: Map<string, OrgRow>, id: string) {
  const o = orgs.get(id);
  return toOrgRef(o ?? { id, name: '（已撤销的单位）', kind: 'unit', level: 'district', divisionCode: null });
}

export function toReferralView({ r, matter, orgs, sessions, actor, now }: ViewInput): ReferralView {
  const kind = r.kind as ServiceKind;
  const status = r.status as ReferralStatus;
  const notes = mayReadNotes(actor, r);
  const amount = mayReadAmount(actor, r, matter.ownerOrgId);
  const closed = status === 'concluded' || status === 'declined' || status === 'withdrawn';
  const outcome = r.outcome as OutcomeCode | null;
  return {
    id: r.id,
    matterId: r.matterId,
    matterCode: matter.code,
    partyId: r.partyId,
    kind,
    kindLabel: serviceKindLabels[kind],
    referrer: orgRef(orgs, r.referrerOrgId),
    provider: orgRef(orgs, r.providerOrgId),
    status,
    statusLabel: referralStatusLabels[status],
    eligibilityBasis: r.eligibility.basis,
    eligibilityLabel: eligibilityBases[kind][r.eligibility.basis] ?? r.eligibility.basis,
    eligibilityNote: r.eligibility.note,
    reason: r.reason,
    dueAt: r.dueAt.toISOString(),
    overdue: !closed && r.dueAt < now,
    ruleLabel: `${r.rule.label}：${r.rule.amount}${unitLabel(r.rule.unit)}（${r.rule.citation}）`,
    assignee: r.assignee,
    appointmentAt: r.appointmentAt?.toISOString() ?? null,
    sessions: sessions.map((s) => ({
      heldAt: s.heldAt.toISOString(),
      attended: s.attended,
      note: notes ? s.note : null,
    })),
    outcome,
    outcomeLabel: outcome ? outcomeLabels[outcome] : null,
    // The counsellor's closing words are counselling content too.
    outcomeNote: kind === 'counselling' && !notes ? null : r.outcomeNote,
    amountYuan: amount ? r.amountYuan : null,
    aidInKind: amount ? r.aidInKind : null,
    amountHidden: !amount && (r.amountYuan !== null || r.aidInKind !== null),
    notesHidden: kind === 'counselling' && !notes,
    concludedAt: r.concludedAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
    allowedActions: allowedReferralActions(kind, status, partsOf(actor, r)),
  };
}

function unitLabel(unit: string): string {
  return (
    ({ calendar_day: '日', working_day: '个工作日', hour: '小时', month: '个月' } as Record<string, string>)[
      unit
    ] ?? unit
  );
}
