/**
 * The actions of the lifecycle and what each one takes as input. The server validates the HTTP body
 * with zod before calling `decide`, but `decide` still checks every field it reads, so a malformed
 * command gets a 422 and never a throw.
 */
import type { Role } from '../roles';
import type { FactsCheck } from './finality';
import type {
  ChannelRoute,
  MatterKind,
  MatterResolvedAnswer,
  OnBehalfChannel,
  OpinionOutcome,
  OrgRef,
  RatingValue,
  TerminationReason,
  TransferKind,
  WithdrawalChannel,
} from './model';

export const matterActions = [
  // intake and routing (受理、分流)
  'accept',
  'refuse',
  'channel',
  'merge',
  'convert',
  'verify',
  'void',
  'transfer',
  'recall',
  'receive',
  'object',
  'decide_objection',
  // parallel handling and time (并联办理、延期)
  'add_co_handler',
  'co_handler_report',
  'release_co_handler',
  'extend',
  // petition (信访打头)
  'serve_opinion',
  'request_review',
  'serve_review',
  'request_reexam',
  'pause_hearing',
  'resume_hearing',
  'serve_reexam',
  'record_external_answer',
  'withdraw',
  // mediation and litigation (调解为主、诉讼断后)
  'start_mediation',
  'refuse_mediation',
  'assign_mediator',
  'record_session',
  'pause_mediation',
  'resume_mediation',
  'extend_mediation',
  'agree',
  'terminate_mediation',
  'refer_to_court',
  // grid loop and closing the loop (网格闭环、反馈、评价、回访、归档)
  'self_handle',
  'submit_feedback',
  'check_pass',
  'check_fail',
  'answer',
  'rate',
  'follow_up',
  'archive',
] as const;
export type MatterAction = (typeof matterActions)[number];

type Empty = Record<never, never>;

/** 人民调解法 art. 20, 27; 在线调解规则 art. 22 (validated by core/contracts/mediation sessionRecordSchema). */
export interface SessionData {
  at: string;
  mode: 'in_person' | 'video' | 'phone';
  place?: string;
  participants: { name: string; relation: string; partiesConsented: true }[];
  undisputedFacts: string[];
}

export interface CommandInputs {
  /** `sameMatter`: what the duplicate check found for the same facts and reasons, if anything. */
  /**
   * `sameMatter`: set by the server, never by the request: the petitioner's petition in progress, or his
   * closest final one with its similarity. `factsCheck`: the clerk's comparison with that final one.
   */
  accept: { sameMatter?: { code: string; final: boolean; similarity?: number }; factsCheck?: FactsCheck };
  refuse: { sameMatter?: { code: string; final: boolean; similarity?: number }; factsCheck?: FactsCheck };
  channel: { route: ChannelRoute };
  merge: { intoCode: string };
  convert: { toKind: Exclude<MatterKind, 'report'> };
  verify: Empty;
  void: Empty;
  transfer: { transferKind: TransferKind; to: OrgRef };
  recall: Empty;
  receive: Empty;
  object: Empty;
  decide_objection: { upheld: boolean };
  add_co_handler: { org: OrgRef };
  co_handler_report: Empty;
  release_co_handler: { orgId: string };
  extend: { days: number };
  serve_opinion: { outcome: OpinionOutcome; legalBasis: string };
  /**
   * The body directly above the one that answered, filled in by the server from the org tree, never
   * chosen by the petitioner: `to` inside the install, or `external` (e.g. 武威市) above its root.
   */
  request_review: { to?: OrgRef; external?: string };
  serve_review: { outcome: OpinionOutcome; legalBasis: string };
  request_reexam: { to?: OrgRef; external?: string };
  pause_hearing: Empty;
  resume_hearing: Empty;
  serve_reexam: { outcome: OpinionOutcome; legalBasis: string };
  /** The answer of the external body, as it wrote it, recorded by the owner's clerk. */
  record_external_answer: { outcome: OpinionOutcome; legalBasis: string };
  /**
   * The petitioner's withdrawal, his reason in `reason`. Staff recording it for him name how he said it
   * (`channel`) and what shows it (`evidence`: the signed withdrawal, the call's record).
   */
  withdraw: { channel?: WithdrawalChannel; evidence?: string };
  /**
   * `consent`: a petition is mediated only with the parties' consent (访调, 信访工作条例 art. 33), recorded
   * as a fact: how the petitioner gave it and on which day.
   */
  start_mediation: {
    initiative: 'application' | 'own_initiative';
    consentRenewed?: boolean;
    consent?: { channel: 'walk_in' | 'letter' | 'phone' | 'online'; on: string };
  };
  refuse_mediation: Empty;
  /**
   * `conflictOfInterest`: the outcome of the disclosure check (特邀调解规定 art. 15, 在线调解规则 art. 13).
   * `onRoster`: set by the server, never by the request: whether the person is an active mediator of
   * the county's roster (调解员名册, 人民调解法 art. 13–14).
   */
  assign_mediator: {
    mediatorId: string;
    chosenBy: 'org' | 'parties';
    conflictOfInterest: boolean;
    onRoster?: boolean;
    /** Set by the server: the 人民调解委员会 the chosen mediator serves on, if any. */
    committeeId?: string | null;
  };
  /** The session's record (time, mode, place, who else took part, the undisputed facts); the minutes are the reason. */
  record_session: { session?: SessionData };
  pause_mediation: Empty;
  resume_mediation: Empty;
  extend_mediation: { days: number; allPartiesConsent: boolean };
  /**
   * `agreement`: set by the server, never by the request: the matter's 调解协议 as stored, whether it
   * is effective (a written one: every party, the mediator and the committee's seal; 人民调解法 art. 29)
   * and, for an oral one, whether its contents and the mediator's note are recorded (art. 28).
   */
  agree: { form: 'written' | 'oral'; agreement?: AgreementOnFile | null };
  terminate_mediation: { terminationReason: TerminationReason };
  refer_to_court: Empty;
  self_handle: Empty;
  submit_feedback: Empty;
  check_pass: Empty;
  check_fail: Empty;
  answer: Empty;
  /** `substantive`: an unsatisfied rating for a substantive reason reopens the matter (返工). */
  rate: { rating: RatingValue; substantive?: boolean; channel?: OnBehalfChannel };
  /** 事心双结: the resident's two answers at the visit; the note, if any, is the reason. */
  follow_up: { matterResolved: MatterResolvedAnswer; heartResolved: boolean };
  archive: { archiveNo: string };
}

/** What the lifecycle needs to know of the matter's mediation agreement. */
export interface AgreementOnFile {
  form: 'written' | 'oral';
  effective: boolean;
}

export type CommandOf<A extends MatterAction> = { action: A; reason?: string } & CommandInputs[A];
export type MatterCommand = { [A in MatterAction]: CommandOf<A> }[MatterAction];

/** Who is acting. The server builds it after authentication; a resident actor is one the server has
 * verified as this matter's applicant (code + tracking secret + phone, or their account). */
export type Actor =
  | { type: 'staff'; userId: string; roles: readonly Role[]; org: OrgRef }
  | { type: 'resident'; userId: string | null }
  | { type: 'system'; job: string };

/** A deadline the server holds for the matter and has not stopped (running, paused or expired). */
export interface KnownDeadline {
  basis: string;
  orgId: string;
  /** The last instant of the period; null while paused. */
  dueAt: Date | null;
}

export interface DecideContext {
  now: Date;
  actor: Actor;
  /** The matter's unstopped deadlines; windows (复查/复核 request, objection) are read from here. */
  deadlines?: readonly KnownDeadline[];
  /** Local limit on a non-statutory handling extension in days (default 30). */
  maxLocalExtensionDays?: number;
}
