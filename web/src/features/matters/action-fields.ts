import type { ActionBody } from '../../../../core/contracts/matters';
import type { MatterAction } from '../../../../core/domain/matters/commands';
import type { FactsVerdict } from '../../../../core/domain/matters/finality';
import type {
  ChannelRoute,
  MatterKind,
  MatterResolvedAnswer,
  OpinionOutcome,
  RatingValue,
  TerminationReason,
  TransferKind,
  WithdrawalChannel,
} from '../../../../core/domain/matters/model';
import { sessionOf } from './session-record';

export interface AllowedAction {
  action: MatterAction;
  label: string;
  needsReason: boolean;
}

export type Field =
  | 'route'
  | 'intoCode'
  | 'toKind'
  | 'transfer'
  | 'upheld'
  | 'coHandler'
  | 'releaseCoHandler'
  | 'days'
  | 'opinion'
  | 'initiative'
  | 'mediator'
  | 'extendMediation'
  | 'form'
  | 'terminationReason'
  | 'rating'
  | 'followUpAnswers'
  | 'archiveNo'
  | 'session'
  | 'withdrawal';

/** Inputs of each action beyond `reason`; exhaustive, so a new action cannot be forgotten here. */
export const fieldsOf: Record<MatterAction, readonly Field[]> = {
  accept: [],
  refuse: [],
  channel: ['route'],
  merge: ['intoCode'],
  convert: ['toKind'],
  verify: [],
  void: [],
  transfer: ['transfer'],
  recall: [],
  receive: [],
  object: [],
  decide_objection: ['upheld'],
  add_co_handler: ['coHandler'],
  co_handler_report: [],
  release_co_handler: ['releaseCoHandler'],
  extend: ['days'],
  serve_opinion: ['opinion'],
  request_review: [],
  serve_review: ['opinion'],
  request_reexam: [],
  pause_hearing: [],
  resume_hearing: [],
  serve_reexam: ['opinion'],
  record_external_answer: ['opinion'],
  withdraw: ['withdrawal'],
  start_mediation: ['initiative'],
  refuse_mediation: [],
  assign_mediator: ['mediator'],
  record_session: ['session'],
  pause_mediation: [],
  resume_mediation: [],
  extend_mediation: ['extendMediation'],
  agree: ['form'],
  terminate_mediation: ['terminationReason'],
  refer_to_court: [],
  self_handle: [],
  submit_feedback: [],
  check_pass: [],
  check_fail: [],
  answer: [],
  rate: ['rating'],
  follow_up: ['followUpAnswers'],
  archive: ['archiveNo'],
};

/** What the reason box is called where the action's words say more than "理由". */
export const reasonLabels: Partial<Record<MatterAction, string>> = {
  answer: '答复内容',
  submit_feedback: '办理结果',
  co_handler_report: '协办结果',
  follow_up: '回访情况',
  record_session: '调解情况',
  self_handle: '处置情况',
  withdraw: '信访人撤回的理由',
};

export const consentChannels = ['walk_in', 'letter', 'phone', 'online'] as const;
export type ConsentChannel = (typeof consentChannels)[number];
export const consentChannelLabels: Record<ConsentChannel, string> = {
  walk_in: '当面表示',
  letter: '书面（来信）',
  phone: '电话',
  online: '网上',
};

export interface Values {
  /** Ticked after the server warned that the receiving org is the one complained about. */
  confirmComplainedOrg?: boolean;
  reason?: string;
  route?: ChannelRoute;
  intoCode?: string;
  toKind?: Exclude<MatterKind, 'report'>;
  transferKind?: TransferKind;
  toOrgId?: string;
  upheld?: boolean;
  orgId?: string;
  days?: number;
  outcome?: OpinionOutcome;
  legalBasis?: string;
  initiative?: 'application' | 'own_initiative';
  consentRenewed?: boolean;
  /** 访调: how and on which day (YYYY-MM-DD) the petitioner agreed to mediation. */
  consentChannel?: ConsentChannel;
  consentOn?: string;
  mediatorId?: string;
  chosenBy?: 'org' | 'parties';
  conflictOfInterest?: boolean;
  allPartiesConsent?: boolean;
  form?: 'written' | 'oral';
  terminationReason?: TerminationReason;
  rating?: RatingValue;
  substantive?: boolean;
  channel?: 'phone' | 'visit';
  /** 事心双结: the resident's two answers at the follow-up visit. */
  matterResolved?: MatterResolvedAnswer;
  heartResolved?: boolean;
  withdrawalChannel?: WithdrawalChannel;
  evidence?: string;
  archiveNo?: string;
  sessionAt?: string;
  sessionMode?: 'in_person' | 'video' | 'phone';
  sessionPlace?: string;
  sessionParticipants?: string;
  sessionConsent?: boolean;
  sessionFacts?: string;
  /** The clerk's comparison with the petitioner's final petitions (信访工作条例 art. 36(3)). */
  factsVerdict?: FactsVerdict;
  factsReason?: string;
}

export function toBody(allowed: AllowedAction, version: number, v: Values): ActionBody {
  const reason = v.reason?.trim() || undefined;
  const body: ActionBody = { action: allowed.action, expectedVersion: version, reason };
  if (v.confirmComplainedOrg) body.confirmComplainedOrg = true;
  for (const f of fieldsOf[allowed.action]) {
    switch (f) {
      case 'route':
        body.route = v.route;
        break;
      case 'intoCode':
        body.intoCode = v.intoCode?.trim();
        break;
      case 'toKind':
        body.toKind = v.toKind;
        break;
      case 'transfer':
        body.transferKind = v.transferKind;
        body.toOrgId = v.toOrgId;
        break;
      case 'upheld':
        body.upheld = v.upheld;
        break;
      case 'coHandler':
      case 'releaseCoHandler':
        body.orgId = v.orgId;
        break;
      case 'days':
        body.days = v.days;
        break;
      case 'opinion':
        body.outcome = v.outcome;
        body.legalBasis = v.legalBasis?.trim();
        break;
      case 'initiative':
        body.initiative = v.initiative;
        body.consentRenewed = v.consentRenewed || undefined;
        if (v.consentChannel && v.consentOn) body.consent = { channel: v.consentChannel, on: v.consentOn };
        break;
      case 'mediator':
        body.mediatorId = v.mediatorId?.trim();
        body.chosenBy = v.chosenBy;
        body.conflictOfInterest = v.conflictOfInterest ?? false;
        break;
      case 'extendMediation':
        body.days = v.days;
        body.allPartiesConsent = v.allPartiesConsent ?? false;
        break;
      case 'form':
        body.form = v.form;
        break;
      case 'terminationReason':
        body.terminationReason = v.terminationReason;
        break;
      case 'rating':
        body.rating = v.rating;
        body.substantive = v.rating === 'unsatisfied' ? (v.substantive ?? false) : undefined;
        body.channel = v.channel;
        break;
      case 'followUpAnswers':
        body.matterResolved = v.matterResolved;
        body.heartResolved = v.heartResolved;
        break;
      case 'archiveNo':
        body.archiveNo = v.archiveNo?.trim();
        break;
      case 'session':
        body.session = sessionOf(v);
        break;
      case 'withdrawal':
        body.channel = v.withdrawalChannel;
        body.evidence = v.evidence?.trim();
        break;
    }
  }
  // Asked for only after the server listed final petitions of the same person (FinalMatches).
  const factsReason = v.factsReason?.trim();
  if (v.factsVerdict && factsReason) body.factsCheck = { verdict: v.factsVerdict, reason: factsReason };
  return body;
}
