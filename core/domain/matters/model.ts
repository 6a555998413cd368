/**
 * The matter (事项) as the lifecycle sees it: the vocabularies (as const arrays with Chinese labels) and
 * `MatterState`, the smallest record the transition guards need. Everything else about a matter
 * (parties, place, description, attachments) lives in the server's tables and never decides a transition.
 *
 * Shape decisions, and why:
 * - One FLAT status list for every kind (petition, dispute, consultation, request, grid report). The
 *   web, the queues and the KPIs filter on one column; kind-specific detail (the petition's stage, the
 *   mediation's mediator and pause) is data beside the status, not more statuses.
 * - Closed outcomes that still need filing (not accepted, channelled, voided, referred to court) are not
 *   terminal: their only action is `archive`, because case files are archived whatever the outcome
 *   (人民调解法 art. 27 立卷归档). Only `merged` (its record lives on in the surviving matter) and
 *   `archived` (read-only) are terminal.
 * - The owner is always an org (首问负责): a transfer leaves the owner unchanged until the receiver
 *   signs for it, so no state can be ownerless.
 */
import type { Level, OrgKind } from '../orgs';

export const matterKinds = ['petition', 'dispute', 'consultation', 'request', 'report'] as const;
export type MatterKind = (typeof matterKinds)[number];
export const matterKindLabels: Record<MatterKind, string> = {
  petition: '信访',
  dispute: '矛盾纠纷',
  consultation: '咨询',
  request: '诉求/便民服务',
  report: '网格上报事件',
};

export const channels = [
  'walk_in',
  'letter',
  'phone',
  'online',
  'grid',
  'court',
  'referral',
  'hotline',
] as const;
export type Channel = (typeof channels)[number];
export const channelLabels: Record<Channel, string> = {
  walk_in: '来访',
  letter: '来信',
  phone: '来电',
  online: '网上/掌上',
  grid: '网格',
  court: '法院委派',
  referral: '转办',
  hotline: '12345热线',
};

/**
 * Default risk grades. No national grading of disputes exists (docs/LEGAL.md §6.4); red/orange/yellow is local
 * practice of low confidence (docs/LEGAL.md §6.5), so the grades are configuration and these are defaults.
 */
export const riskGrades = ['red', 'orange', 'yellow'] as const;
export type RiskGrade = (typeof riskGrades)[number];
export const riskGradeLabels: Record<RiskGrade, string> = { red: '红色', orange: '橙色', yellow: '黄色' };

export const matterStatuses = [
  'registered', // 已登记：待受理（网格上报：待核实）
  'filed', // 已立案：网格事件待派遣或就地处置 (docs/LEGAL.md §11.4)
  'transferring', // 流转中：已发出，接收单位签收前仍归发出单位 (首问负责)
  'objected', // 异议中：接收单位对错派提出异议，待发出单位层级决定 (XF art. 23(3))
  'handling', // 办理中
  'mediating', // 调解中 (docs/LEGAL.md §11.3)
  'checking', // 核查中：办理结果待交办单位核查 (docs/LEGAL.md §11.4)
  'answered', // 已答复：已反馈群众 / 已送达意见书
  'rated', // 已评价
  'followed_up', // 已回访
  'reviewing', // 复查中 (XF art. 35)
  'reexamining', // 复核中 (XF art. 36)
  'referred_to_court', // 已转诉讼 (诉讼断后)
  'not_accepted', // 不予受理
  'channelled', // 已导入法定程序 (XF art. 31(1)–(5))
  'mediated', // 调解化解：信访事项经调解达成协议、协议生效而结束 (XF art. 33, docs/LEGAL.md §1.31)
  'withdrawn', // 已撤回：信访人撤回信访事项 (docs/LEGAL.md §1.32)
  'voided', // 已作废（网格上报不予立案）
  'merged', // 已并单
  'archived', // 已归档
] as const;
export type MatterStatus = (typeof matterStatuses)[number];
export const matterStatusLabels: Record<MatterStatus, string> = {
  registered: '待受理',
  filed: '已立案',
  transferring: '流转中',
  objected: '异议中',
  handling: '办理中',
  mediating: '调解中',
  checking: '核查中',
  answered: '已答复',
  rated: '已评价',
  followed_up: '已回访',
  reviewing: '复查中',
  reexamining: '复核中',
  referred_to_court: '已转诉讼',
  not_accepted: '不予受理',
  channelled: '已导入法定程序',
  mediated: '调解化解',
  withdrawn: '已撤回',
  voided: '已作废',
  merged: '已并单',
  archived: '已归档',
};

/** No action leads out of these. */
export const terminalStatuses = ['merged', 'archived'] as const satisfies readonly MatterStatus[];
/** Handling is over; the only step left is `archive`. */
export const closedStatuses = [
  'not_accepted',
  'channelled',
  'mediated',
  'withdrawn',
  'voided',
  'referred_to_court',
] as const satisfies readonly MatterStatus[];

export function isTerminal(status: MatterStatus): boolean {
  return (terminalStatuses as readonly MatterStatus[]).includes(status);
}

export const ratingValues = ['satisfied', 'basically_satisfied', 'unsatisfied'] as const;
export type RatingValue = (typeof ratingValues)[number];
/** How staff heard the resident's rating when they record it for them (the resident rates online or by SMS link). */
export const onBehalfChannels = ['phone', 'visit'] as const;
export type OnBehalfChannel = (typeof onBehalfChannels)[number];
export const ratingLabels: Record<RatingValue, string> = {
  satisfied: '满意',
  basically_satisfied: '基本满意',
  unsatisfied: '不满意',
};

/**
 * 事心双结 (the Liangzhou model): at the follow-up visit the resident is asked two things — whether the
 * matter is solved in his own view (事结) and whether his grievance is settled (心结). A matter closes
 * truly only when both are; the answers are kept on the matter so the KPI 事心双结率 can count them.
 */
export const matterResolvedAnswers = ['yes', 'partly', 'no'] as const;
export type MatterResolvedAnswer = (typeof matterResolvedAnswers)[number];
export const matterResolvedLabels: Record<MatterResolvedAnswer, string> = {
  yes: '已解决',
  partly: '部分解决',
  no: '未解决',
};
export const heartResolvedLabel = (v: boolean): string => (v ? '已化解' : '未化解');
export interface FollowUpAnswers {
  matterResolved: MatterResolvedAnswer;
  heartResolved: boolean;
}
/** The two answers in words, as the timeline shows them: 事结：已解决；心结：未化解. */
export function followUpAnswersText(a: FollowUpAnswers): string {
  return `事结：${matterResolvedLabels[a.matterResolved]}；心结：${heartResolvedLabel(a.heartResolved)}`;
}

/** The eight end events of a mediation, 1:1 with 人民法院在线调解规则 art. 25 (docs/LEGAL.md §3.28). */
export const terminationReasons = [
  'agreement_reached',
  'settled_and_withdrawn',
  'party_unreachable',
  'party_refuses_to_continue',
  'positions_too_far_apart',
  'period_expired_no_extension',
  'party_refuses_to_sign',
  'other',
] as const;
export type TerminationReason = (typeof terminationReasons)[number];
export const terminationReasonLabels: Record<TerminationReason, string> = {
  agreement_reached: '当事人达成调解协议',
  settled_and_withdrawn: '当事人自行和解，撤回调解申请',
  party_unreachable: '在调解期限内无法联系到当事人',
  party_refuses_to_continue: '当事人一方明确表示不愿意继续调解',
  positions_too_far_apart: '当事人分歧较大且难以达成调解协议',
  period_expired_no_extension: '调解期限届满，未达成调解协议，且各方当事人未达成延长调解期限的合意',
  party_refuses_to_sign: '当事人一方拒绝在调解协议上签章',
  other: '其他导致调解无法进行的情形',
};

/** 信访处理意见书 outcomes (XF art. 32). */
export const opinionOutcomes = ['support', 'explain', 'not_support'] as const;
export type OpinionOutcome = (typeof opinionOutcomes)[number];
export const opinionOutcomeLabels: Record<OpinionOutcome, string> = {
  support: '支持',
  explain: '解释说明',
  not_support: '不予支持',
};

/** 督办 reasons (docs/LEGAL.md §7.4, 11.5). Supervision is an overlay with its own deadlines, not a status. */
export const supervisionReasons = [
  'not_accepted_when_due',
  'not_handled_when_due',
  'unlawful',
  'overdue',
] as const;
export type SupervisionReason = (typeof supervisionReasons)[number];
export const supervisionReasonLabels: Record<SupervisionReason, string> = {
  not_accepted_when_due: '应受理未受理',
  not_handled_when_due: '应办理未办理',
  unlawful: '不依法办理',
  overdue: '超期',
};

export const transferKinds = ['dispatch_down', 'escalate_up', 'to_department'] as const;
export type TransferKind = (typeof transferKinds)[number];
export const transferKindLabels: Record<TransferKind, string> = {
  dispatch_down: '交办',
  escalate_up: '上提',
  to_department: '转办',
};

/** Where a matter that belongs to another legal procedure is channelled (导入), XF art. 31(1)–(5). */
export const channelRoutes = [
  'litigation',
  'arbitration',
  'party_appeal',
  'administrative',
  'legal_duty',
] as const;
export type ChannelRoute = (typeof channelRoutes)[number];
export const channelRouteLabels: Record<ChannelRoute, string> = {
  litigation: '诉讼、复议、检察或公安法律程序',
  arbitration: '仲裁',
  party_appeal: '党员申诉、申请复审',
  administrative: '行政复议、裁决、确认、许可、处罚等行政程序',
  legal_duty: '依法履行职责或答复',
};

/** The petition's last written answer: none yet, 处理意见, 复查意见, or 复核意见 (final, XF art. 36(3)). */
export const petitionStages = ['handling', 'opinion', 'review', 'final'] as const;
export type PetitionStage = (typeof petitionStages)[number];
export const petitionStageLabels: Record<PetitionStage, string> = {
  handling: '办理',
  opinion: '已出具处理意见',
  review: '已出具复查意见',
  final: '已复核，终结',
};

/** An org as the lifecycle needs it; `path` is the materialised '/id/id/' path of jurisdiction.ts. */
export interface OrgRef {
  id: string;
  path: string;
  /** The territorial level the org sits at: a district department is 'district'. */
  level: Level;
  kind: OrgKind;
  /** 信访部门: XF art. 22 (register, then transfer or assign within 15 days) applies instead of art. 23. */
  petitionBureau?: boolean;
}

export interface CoHandler {
  org: OrgRef;
  status: 'working' | 'reported' | 'released';
}

/** A mediation the court entrusted (委托, after filing) or delegated (委派, before filing) to an org here. */
export interface CourtOrigin {
  type: 'entrusted' | 'delegated';
  procedure: 'ordinary' | 'simplified' | null;
  /** The court_cases row that links the matter to the court's case. */
  courtCaseId: string;
}

export interface MediationState {
  /** 人民调解法 art. 17: a party applied, or the committee mediates on its own initiative; or the court sent it. */
  initiative: 'application' | 'own_initiative' | 'court';
  mediatorId: string | null;
  /** 人民调解法 art. 19: appointed by the org or chosen by the parties. */
  chosenBy: 'org' | 'parties' | null;
  /**
   * The 人民调解委员会 the mediator serves on: it seals the agreement (人民调解法 art. 29), so its
   * people see the matter while it is mediated. Absent on matters stored before.
   */
  committeeId?: string | null;
  sessions: number;
  /** ISO instant the clock was paused for appraisal (在线调解规则 art. 26), or null. */
  pausedSince: string | null;
  extensions: number;
}

/**
 * How a petition ended other than by a written opinion (docs/LEGAL.md §1.31–1.32). Kept on the state
 * (and in `matters.petition_ending`) so the ending is still known, and counted, once it is archived.
 */
export const petitionEndings = ['mediation', 'withdrawal'] as const;
export type PetitionEnding = (typeof petitionEndings)[number];
export const petitionEndingLabels: Record<PetitionEnding, string> = {
  mediation: '调解化解',
  withdrawal: '信访人撤回',
};

/** How staff heard the petitioner withdraw when they record it for him (online he withdraws himself). */
export const withdrawalChannels = ['walk_in', 'letter', 'phone'] as const;
export type WithdrawalChannel = (typeof withdrawalChannels)[number];
export const withdrawalChannelLabels: Record<WithdrawalChannel, string> = {
  walk_in: '到窗口当面撤回',
  letter: '书面撤回申请',
  phone: '电话撤回',
};

export interface PetitionState {
  stage: PetitionStage;
  /** Set when the petition ended by a mediation agreement or the petitioner's withdrawal. */
  ending?: PetitionEnding | null;
  outcome: OpinionOutcome | null;
  /** Path of the org that served the last written opinion: review and re-examination go above it. */
  deciderPath: string | null;
  /** Re-examination hearing under way: its time is not counted (XF art. 36(2)). */
  hearingPaused: boolean;
  /**
   * A 复查 or 复核 request handed to a body above this install (the city above a district decision): the
   * owner keeps the matter, tracks the body's 30 days and records its answer (docs/LEGAL.md §1.22).
   */
  external?: ExternalBody | null;
  /** Set when the last written answer came from such a body: the next request goes above it, outside. */
  deciderExternal?: string | null;
}

export interface ExternalBody {
  name: string;
  for: 'review' | 'reexam';
  sentAt: string;
}

export interface TransferState {
  kind: TransferKind;
  from: OrgRef;
  to: OrgRef;
  /** The status the matter had at the sender, restored by a recall or an upheld objection. */
  resume: 'registered' | 'filed' | 'handling';
  received: boolean;
  /** The status the receiver took it in; restored when an objection is rejected. */
  receivedAs: 'registered' | 'filed' | 'handling' | null;
  objected: boolean;
  /** The sender's own report-back duty, restored when the matter goes back to it. */
  senderAssignedBy: OrgRef | null;
}

export interface MatterState {
  code: string;
  kind: MatterKind;
  status: MatterStatus;
  owner: OrgRef;
  /** 事不过夜: same-day handling instead of the local time limits. */
  urgent: boolean;
  /** Labour disputes mediate within 15 days (劳动争议调解仲裁法 art. 14). */
  labourDispute: boolean;
  /** The last transfer; pending while status is 'transferring'. */
  transfer: TransferState | null;
  /** The org that assigned the matter down (交办/转办) and is owed a report back and a check. */
  assignedBy: OrgRef | null;
  coHandlers: CoHandler[];
  mediation: MediationState | null;
  /**
   * The mediators who brought the matter to an agreement: they keep reading it afterwards (to visit
   * the parties about performance, 人民调解法 art. 31). Absent on matters stored before.
   */
  pastMediatorIds?: string[];
  /** Set when the court sent the matter (absent on matters stored before court docking). */
  court?: CourtOrigin | null;
  /** A party clearly refused mediation: no mediation without renewed consent (人民调解法 art. 17). */
  mediationRefused: boolean;
  /**
   * How the last mediation ended, so the recommended next step after it is to answer (or go to court)
   * and not to mediate again (next-steps.ts). Absent on matters stored before it was kept.
   */
  mediationEnded?: 'agreed' | 'terminated' | null;
  petition: PetitionState | null;
  extensionUsed: boolean;
  reworkCount: number;
  /** Who last handled the matter: the follow-up visit and the check must be done by someone else. */
  handlerUserId: string | null;
  /** What the resident said at the follow-up visit (事心双结); absent before it and on older follow-ups. */
  followUp?: FollowUpAnswers | null;
  archiveNo: string | null;
}

const levelOrder: readonly Level[] = ['village', 'town', 'district'];

/** The level directly above, or null at the district (the top of a county install). */
export function levelAbove(level: Level): Level | null {
  return levelOrder[levelOrder.indexOf(level) + 1] ?? null;
}

export function levelRank(level: Level): number {
  return levelOrder.indexOf(level);
}

/** True when `inner` is `outer` itself or inside its subtree. */
export function isWithinPath(outerPath: string, innerPath: string): boolean {
  return innerPath.startsWith(outerPath);
}

/** True when `upper` is the parent of `lower` in the org tree: one path segment up, never further. */
export function isDirectlyAbove(upperPath: string, lowerPath: string): boolean {
  if (!isStrictlyAbove(upperPath, lowerPath)) return false;
  return lowerPath.slice(upperPath.length).split('/').filter(Boolean).length === 1;
}

/** True when the org with this path is the root of the install (the district: nothing above it here). */
export function isInstallRoot(path: string): boolean {
  return path.split('/').filter(Boolean).length === 1;
}

/** True when `upper` is a strict ancestor of `lower`. */
export function isStrictlyAbove(upperPath: string, lowerPath: string): boolean {
  return lowerPath !== upperPath && lowerPath.startsWith(upperPath);
}

/** A new owner; if it was a co-handler, its task merges into the lead (an org never co-handles itself). */
export function handOver(s: MatterState, owner: OrgRef): MatterState {
  return { ...s, owner, coHandlers: s.coHandlers.filter((c) => c.org.id !== owner.id) };
}

export const initialPetition: PetitionState = {
  stage: 'handling',
  outcome: null,
  deciderPath: null,
  hearingPaused: false,
};
