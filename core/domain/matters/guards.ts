/**
 * Guards shared by several rows of the transition table. Each returns null when the step may go ahead,
 * or a refusal with a machine code and a Chinese message.
 */
import { windowOpen } from './clocks';
import {
  type ExternalBody,
  handOver,
  isDirectlyAbove,
  isInstallRoot,
  type MatterState,
  type OrgRef,
  opinionOutcomes,
} from './model';
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

/** Where a 复查 or 复核 request goes: an org of this install, or a body above it. */
export type UpperBody = { org: OrgRef } | { external: string };

/**
 * XF art. 35, 36(1): the request goes to the level directly above the body that gave the last written
 * answer, never to a further ancestor: the parent org inside the install, or, above a district decision
 * (or above an answer that already came from outside), the external body the server names.
 */
export function upperBody(s: MatterState, to: unknown, external: unknown): UpperBody | Refusal {
  const decider = s.petition?.deciderPath ?? s.owner.path;
  const outside = !!s.petition?.deciderExternal || isInstallRoot(decider);
  if (outside) {
    return hasText(external)
      ? { external: external.trim() }
      : invalid('REVIEW_BODY_OUTSIDE', '原办理单位的上一级不在本系统内，请登记为向上级机关移送。');
  }
  if (!isOrgRef(to)) return invalid('INVALID_INPUT', '未能确定受理复查（复核）请求的上一级单位。');
  return isDirectlyAbove(to.path, decider)
    ? { org: to }
    : invalid('REVIEW_ORG_NOT_ABOVE', '复查（复核）由原办理单位的直接上一级单位受理。');
}

/** The request applied: handed to the org above, or kept here and handed off to the external body. */
export function sendUp(
  s: MatterState,
  body: UpperBody,
  status: 'reviewing' | 'reexamining',
  now: Date,
): MatterState {
  if ('org' in body) {
    const petition = s.petition && { ...s.petition, external: null };
    return { ...handOver(s, body.org), petition, status, assignedBy: null };
  }
  const external: ExternalBody = {
    name: body.external,
    for: status === 'reviewing' ? 'review' : 'reexam',
    sentAt: now.toISOString(),
  };
  return { ...s, status, assignedBy: null, petition: s.petition && { ...s.petition, external } };
}

/** The owner answers itself only when the request is not with a body outside (it records that answer). */
export const notExternal: StateGuard = (s) =>
  s.petition?.external
    ? conflict('WITH_EXTERNAL_BODY', `该请求已移送${s.petition.external.name}办理，请登记其答复。`)
    : null;
export const withExternal: StateGuard = (s) =>
  s.petition?.external ? null : conflict('NOT_WITH_EXTERNAL_BODY', '该请求未移送上级机关，请直接出具意见。');

export function isRefusal<T extends object>(x: T | Refusal): x is Refusal {
  return 'ok' in x && x.ok === false;
}
