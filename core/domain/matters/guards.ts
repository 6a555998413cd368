/**
 * Guards shared by several rows of the transition table. Each returns null when the step may go ahead,
 * or a refusal with a machine code and a Chinese message.
 */
import { windowOpen } from './clocks';
import type { DecideContext } from './commands';
import { isStrictlyAbove, type MatterState, type OrgRef, opinionOutcomes } from './model';
import { conflict, invalid, type Refusal, refusals } from './refusals';
import { hasText, isOneOf, isOrgRef, type StateGuard } from './table-types';

/** 并联办理: the lead answers only when every co-handler has reported or been released with a reason. */
export const coHandlersDone: StateGuard = (s) =>
  s.coHandlers.some((c) => c.status === 'working') ? refusals.coHandlersPending : null;

/** 信访工作条例 art. 32: an opinion states one of three outcomes and its legal basis. */
export function checkOpinion(outcome: unknown, legalBasis: unknown): Refusal | null {
  if (!isOneOf(opinionOutcomes, outcome))
    return invalid('INVALID_INPUT', '请选择处理意见：支持、解释说明或不予支持。');
  return hasText(legalBasis)
    ? null
    : invalid('LEGAL_BASIS_REQUIRED', '意见书须载明法律法规依据（《信访工作条例》第三十二条）。');
}

/** 信访工作条例 art. 35–36: review follows the first opinion, re-examination the review, then it is final. */
export function petitionStageIs(wanted: 'opinion' | 'review'): StateGuard {
  return (s) => {
    const stage = s.petition?.stage;
    if (stage === wanted) return null;
    if (stage === 'final') return refusals.petitionFinal;
    return wanted === 'opinion'
      ? conflict('WRONG_PETITION_STAGE', '已经复查，如不服复查意见请申请复核。')
      : conflict('WRONG_PETITION_STAGE', '尚未复查，请先申请复查。');
  };
}

export const reviewWindow: StateGuard = (_s, ctx) =>
  windowOpen(ctx.deadlines, 'XF-35-request', ctx.now) ? null : refusals.reviewWindowClosed;
export const reexamWindow: StateGuard = (_s, ctx) =>
  windowOpen(ctx.deadlines, 'XF-36-request', ctx.now) ? null : refusals.reexamWindowClosed;

/** The org that reviews (or re-examines): named in the command, or the staff actor's own org; it must sit
 * above the org that gave the last written answer (XF art. 35: 上一级机关、单位). */
export function upperOrg(s: MatterState, given: unknown, ctx: DecideContext): OrgRef | Refusal {
  const to = given ?? (ctx.actor.type === 'staff' ? ctx.actor.org : undefined);
  if (!isOrgRef(to)) return invalid('INVALID_INPUT', '请选择受理复查（复核）请求的上一级单位。');
  const decider = s.petition?.deciderPath ?? s.owner.path;
  return isStrictlyAbove(to.path, decider)
    ? to
    : invalid('REVIEW_ORG_NOT_ABOVE', '复查（复核）应由原办理单位的上一级单位受理。');
}

export function isRefusal(x: OrgRef | Refusal): x is Refusal {
  return 'ok' in x && x.ok === false;
}
