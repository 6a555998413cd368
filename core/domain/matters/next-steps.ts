/**
 * The recommended next step (推荐的下一步) per status and kind, beside the transition table: the table
 * says what MAY be done; this says what a clerk is EXPECTED to do next, so the web can make it the
 * primary button instead of whichever allowed action comes first (after 受理 on a neighbour dispute
 * that was 导入法定程序, a step for a few matters only).
 *
 * Each cell is an ordered list of candidate steps, each with an optional condition on the state (the
 * expected step after an agreement differs from the one before mediation). The first candidate whose
 * condition holds is the expected step; when the viewer cannot take it, `nextStepFor` says why, in
 * words a clerk understands ("协办单位尚未反馈"), or names who is expected to act.
 */
import type { DecideContext, MatterAction } from './commands';
import { refusalOf } from './lifecycle';
import type { MatterKind, MatterState, MatterStatus } from './model';
import { transitionTable } from './transitions';

export interface StepCandidate {
  action: MatterAction;
  /** When the step is the expected one; always when absent. */
  if?: (s: MatterState) => boolean;
  /** Who else is expected to take it, shown when the viewer's org or role cannot. */
  waitingFor?: string;
}

type KindCells = Partial<Record<MatterKind | 'other', readonly StepCandidate[]>>;

const assigned = (s: MatterState) => s.assignedBy !== null;
const notAssigned = (s: MatterState) => s.assignedBy === null;
/** Mediation first (调解为主), unless a party refused it or a mediation has already ended. */
const notYetMediated = (s: MatterState) => !s.mediationRefused && !s.mediationEnded;
const mediationFailed = (s: MatterState) => s.mediationEnded === 'terminated';

/** Report back to the assigner when assigned down (XF art. 22(3)), else answer the resident. */
const answerOrReport: readonly StepCandidate[] = [
  { action: 'submit_feedback', if: assigned },
  { action: 'answer', if: notAssigned },
];
const archiveIt: readonly StepCandidate[] = [{ action: 'archive' }];
const checkIt: readonly StepCandidate[] = [{ action: 'check_pass', waitingFor: '等待交办单位核查办理结果' }];
const mediationSteps: readonly StepCandidate[] = [
  { action: 'resume_mediation', if: (s) => !!s.mediation?.pausedSince },
  { action: 'assign_mediator', if: (s) => !s.mediation?.mediatorId },
  { action: 'record_session', if: (s) => (s.mediation?.sessions ?? 0) === 0 },
  { action: 'agree', waitingFor: '等待调解员记录调解结果' },
];

export const nextStepTable: Record<MatterStatus, KindCells> = {
  registered: {
    report: [{ action: 'verify' }],
    // A consultation is answered on the spot (transitions-closing acceptedFirst).
    consultation: [{ action: 'answer' }],
    other: [{ action: 'accept' }],
  },
  filed: { report: [{ action: 'self_handle' }, { action: 'transfer' }] },
  transferring: { other: [{ action: 'receive', waitingFor: '等待接收单位签收' }] },
  objected: { other: [{ action: 'decide_objection', waitingFor: '等待交办单位决定是否采纳异议' }] },
  handling: {
    petition: [{ action: 'serve_opinion' }],
    dispute: [
      { action: 'start_mediation', if: notYetMediated },
      { action: 'refer_to_court', if: (s) => mediationFailed(s) && notAssigned(s) },
      ...answerOrReport,
    ],
    report: [{ action: 'submit_feedback' }],
    other: answerOrReport,
  },
  mediating: { dispute: mediationSteps, petition: mediationSteps },
  checking: {
    dispute: checkIt,
    consultation: checkIt,
    request: checkIt,
    report: checkIt,
  },
  answered: {
    consultation: archiveIt,
    report: archiveIt,
    other: [{ action: 'rate', waitingFor: '等待群众评价' }],
  },
  rated: { other: [{ action: 'follow_up', waitingFor: '回访须由承办人以外的人员进行' }] },
  followed_up: { other: archiveIt },
  reviewing: { petition: [{ action: 'serve_review', waitingFor: '等待复查机关出具复查意见' }] },
  reexamining: {
    petition: [
      { action: 'resume_hearing', if: (s) => !!s.petition?.hearingPaused },
      { action: 'serve_reexam', waitingFor: '等待复核机关出具复核意见' },
    ],
  },
  referred_to_court: { other: archiveIt },
  not_accepted: { other: archiveIt },
  channelled: { other: archiveIt },
  mediated: { other: archiveIt },
  withdrawn: { other: archiveIt },
  voided: { other: archiveIt },
  merged: {},
  archived: {},
};

/** The step the matter is expected to take next, whoever takes it; null when nothing is expected. */
export function expectedStep(s: MatterState): StepCandidate | null {
  const cell = nextStepTable[s.status];
  const candidates = cell[s.kind] ?? cell.other ?? [];
  return candidates.find((c) => !c.if || c.if(s)) ?? null;
}

/** Refusal codes that mean "someone else has to act first", in the words shown to the clerk. */
const waitingWords: Record<string, string> = {
  CO_HANDLERS_PENDING: '协办单位尚未反馈，全部反馈或解除协办后才能继续',
  REPORT_BACK_REQUIRED: '交办事项须先向交办单位反馈办理结果',
  MEDIATOR_REQUIRED: '尚未指定调解员',
  MEDIATION_PAUSED: '调解期限已暂停，请先恢复',
  REVIEW_WINDOW_OPEN: '信访人申请复查（复核）的期限尚未届满',
  LOOP_NOT_CLOSED: '须经群众评价和回访后才能归档',
};

export type NextStep =
  | { kind: 'do'; action: MatterAction }
  | { kind: 'blocked'; action: MatterAction; label: string; reason: string }
  | { kind: 'none' };

/**
 * For this viewer: the expected step when they can take it; else why not (a state guard in clear
 * words, or who is expected to act); `none` when nothing is expected or the step is simply not their
 * role's (a mediator need not be told a clerk archives).
 */
export function nextStepFor(
  s: MatterState,
  ctx: Pick<DecideContext, 'now' | 'actor' | 'deadlines'>,
): NextStep {
  const step = expectedStep(s);
  if (!step) return { kind: 'none' };
  const refusal = refusalOf(s, step.action, ctx);
  if (!refusal) return { kind: 'do', action: step.action };
  const label = transitionTable[step.action].label;
  if (refusal.httpStatus === 409)
    return {
      kind: 'blocked',
      action: step.action,
      label,
      reason: waitingWords[refusal.code] ?? refusal.message,
    };
  if (step.waitingFor) return { kind: 'blocked', action: step.action, label, reason: step.waitingFor };
  return { kind: 'none' };
}
