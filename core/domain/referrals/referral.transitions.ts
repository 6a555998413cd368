/**
 * A referral's lifecycle as a table, like the matter's (core/domain/matters/transitions*.ts) and the
 * joint task's (core/domain/dispatch): the server enforces it, the web shows only the allowed actions.
 *
 * Who acts: the provider org (and the units under it) accepts, assigns, schedules, records sessions and
 * concludes; the referring side (the org that owns the matter) may withdraw while nothing is decided.
 * Each service uses only its own steps (`steps`): assignment to a lawyer is legal aid's, appointments
 * and sessions are counselling's.
 */
import type { ServiceKind } from './model';

export const referralStatuses = [
  'referred',
  'accepted',
  'assigned',
  'in_service',
  'concluded',
  'declined',
  'withdrawn',
] as const;
export type ReferralStatus = (typeof referralStatuses)[number];
export const referralStatusLabels: Record<ReferralStatus, string> = {
  referred: '已转介待受理',
  accepted: '已受理',
  assigned: '已指派承办人',
  in_service: '服务中',
  concluded: '已办结',
  declined: '不予受理',
  withdrawn: '已撤回',
};

export const referralActions = [
  'accept',
  'decline',
  'assign',
  'schedule',
  'record_session',
  'conclude',
  'withdraw',
] as const;
export type ReferralAction = (typeof referralActions)[number];
export const referralActionLabels: Record<ReferralAction, string> = {
  accept: '受理',
  decline: '不予受理',
  assign: '指派承办人',
  schedule: '预约面谈',
  record_session: '记录面谈',
  conclude: '办结',
  withdraw: '撤回转介',
};

export type ReferralPart = 'provider' | 'referrer';

interface Row {
  from: readonly ReferralStatus[];
  to: ReferralStatus | 'same';
  by: ReferralPart;
  /** The services this step belongs to. */
  steps: readonly ServiceKind[];
}

const all: readonly ServiceKind[] = [
  'legal_aid',
  'counselling',
  'judicial_relief',
  'hardship_aid',
  'admin_mediation',
];

export const referralTransitions: Record<ReferralAction, Row> = {
  accept: { from: ['referred'], to: 'accepted', by: 'provider', steps: all },
  decline: { from: ['referred', 'accepted'], to: 'declined', by: 'provider', steps: all },
  // 法律援助法 art. 44: the center assigns a lawyer, a grassroots legal worker or a volunteer.
  assign: { from: ['accepted'], to: 'assigned', by: 'provider', steps: ['legal_aid'] },
  schedule: { from: ['accepted', 'in_service'], to: 'in_service', by: 'provider', steps: ['counselling'] },
  record_session: { from: ['in_service'], to: 'same', by: 'provider', steps: ['counselling'] },
  conclude: {
    from: ['accepted', 'assigned', 'in_service'],
    to: 'concluded',
    by: 'provider',
    steps: all,
  },
  withdraw: { from: ['referred', 'accepted'], to: 'withdrawn', by: 'referrer', steps: all },
};

/** Where a service must stand before it may conclude: legal aid once assigned, counselling in service. */
const concludeFrom: Record<ServiceKind, readonly ReferralStatus[]> = {
  legal_aid: ['assigned'],
  counselling: ['in_service'],
  judicial_relief: ['accepted'],
  hardship_aid: ['accepted'],
  admin_mediation: ['accepted'],
};

export function isOpenReferral(s: ReferralStatus): boolean {
  return s !== 'concluded' && s !== 'declined' && s !== 'withdrawn';
}

export type ReferralDecision =
  | { ok: true; to: ReferralStatus }
  | { ok: false; code: 'TRANSITION_REFUSED' | 'FORBIDDEN'; reason: string; message: string };

export function decideReferral(
  kind: ServiceKind,
  status: ReferralStatus,
  action: ReferralAction,
  parts: readonly ReferralPart[],
): ReferralDecision {
  const row = referralTransitions[action];
  const from = action === 'conclude' ? concludeFrom[kind] : row.from;
  if (!row.steps.includes(kind) || !from.includes(status)) {
    return {
      ok: false,
      code: 'TRANSITION_REFUSED',
      reason: row.steps.includes(kind) ? 'REFERRAL_STATE' : 'NOT_A_STEP_OF_SERVICE',
      message: `该转介${referralStatusLabels[status]}，不能${referralActionLabels[action]}。`,
    };
  }
  if (!parts.includes(row.by)) {
    return {
      ok: false,
      code: 'FORBIDDEN',
      reason: 'NOT_YOUR_PART',
      message: `只有${row.by === 'provider' ? '服务机构' : '转介单位'}可以${referralActionLabels[action]}。`,
    };
  }
  return { ok: true, to: row.to === 'same' ? status : row.to };
}

export function allowedReferralActions(
  kind: ServiceKind,
  status: ReferralStatus,
  parts: readonly ReferralPart[],
): ReferralAction[] {
  return referralActions.filter((a) => decideReferral(kind, status, a, parts).ok);
}
