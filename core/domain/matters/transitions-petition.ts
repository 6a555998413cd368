/**
 * The petition chain after acceptance (信访打头, docs/LEGAL.md §11.2): the written handling opinion (art. 32),
 * review (复查, art. 35) and re-examination (复核, art. 36) one level up each time, the hearing pause,
 * and finality. The petition's stage is data (PetitionState.stage), not more statuses: every written
 * answer lands in 'answered', so rating and follow-up work the same as for every other kind.
 */
import { handlerIdOf } from './actor-rules';
import {
  checkOpinion,
  coHandlersDone,
  isRefusal,
  notExternal,
  petitionStageIs,
  reexamWindow,
  reviewWindow,
  sendUp,
  upperBody,
  withExternal,
} from './guards';
import {
  initialPetition,
  type MatterState,
  type OpinionOutcome,
  type PetitionStage,
  withdrawalChannels,
} from './model';
import { conflict, invalid } from './refusals';
import { hasText, isOneOf, noCheck, type StateGuard, type TransitionTable } from './table-types';

const afterAnswer = ['answered', 'rated', 'followed_up'] as const;

const hearingOn: StateGuard = (s) =>
  s.petition?.hearingPaused ? null : conflict('HEARING_NOT_PAUSED', '复核期限未因听证暂停。');
const hearingOff: StateGuard = (s) =>
  s.petition?.hearingPaused
    ? conflict('HEARING_IN_PROGRESS', '听证进行中，复核期限已暂停，请先结束听证。')
    : null;

function served(
  s: MatterState,
  stage: PetitionStage,
  outcome: OpinionOutcome,
  userId: string | null,
  deciderExternal: string | null = null,
): MatterState {
  return {
    ...s,
    status: 'answered',
    handlerUserId: userId,
    petition: {
      stage,
      outcome,
      deciderPath: s.owner.path,
      hearingPaused: false,
      external: null,
      deciderExternal,
    },
  };
}

/** The hand-off record in the request's event: the org it went to, or the body outside (the event's
 * time is the hand-off's). */
function sentTo(s: MatterState, to: unknown, external: unknown): Record<string, unknown> {
  const up = upperBody(s, to, external);
  if (isRefusal(up)) return {};
  return 'org' in up ? { toOrgId: up.org.id } : { externalBody: up.external };
}

export const petitionRows: Pick<
  TransitionTable,
  | 'serve_opinion'
  | 'request_review'
  | 'serve_review'
  | 'request_reexam'
  | 'pause_hearing'
  | 'resume_hearing'
  | 'serve_reexam'
  | 'record_external_answer'
  | 'withdraw'
> = {
  serve_opinion: {
    action: 'serve_opinion',
    label: '出具信访处理意见书',
    eventName: 'matter.opinion_served',
    kinds: ['petition'],
    from: ['handling'],
    to: ['answered'],
    permission: 'petition.opinion',
    system: false,
    actor: 'owner',
    needsReason: false,
    notice: 'opinion',
    cites:
      '信访工作条例 art. 31(6)、32：意见书载明请求、事实和理由、处理意见及法律法规依据；art. 34：60日内办结',
    when: [coHandlersDone],
    check: (_s, cmd) => checkOpinion(cmd.outcome, cmd.legalBasis),
    apply: (s, cmd, ctx) => served(s, 'opinion', cmd.outcome, handlerIdOf(ctx.actor, s.handlerUserId)),
    // 交办 with a required report (XF art. 22(3)): the event names the org owed the 办结报告.
    data: (s, cmd) => ({
      outcome: cmd.outcome,
      legalBasis: cmd.legalBasis,
      reportToOrgId: s.assignedBy?.id ?? null,
    }),
  },
  request_review: {
    action: 'request_review',
    label: '登记复查请求',
    eventName: 'matter.review_requested',
    kinds: ['petition'],
    from: afterAnswer,
    to: ['reviewing'],
    permission: 'matter.for_applicant',
    system: false,
    actor: 'applicant_or_upper',
    needsReason: true,
    notice: null,
    cites: '信访工作条例 art. 35：收到书面答复之日起30日内请求上一级机关、单位复查',
    when: [petitionStageIs('opinion'), reviewWindow],
    check: (s, cmd) => {
      const up = upperBody(s, cmd.to, cmd.external);
      return isRefusal(up) ? up : null;
    },
    apply: (s, cmd, ctx) => {
      const up = upperBody(s, cmd.to, cmd.external);
      return isRefusal(up) ? s : sendUp(s, up, 'reviewing', ctx.now);
    },
    data: (s, cmd) => sentTo(s, cmd.to, cmd.external),
  },
  serve_review: {
    action: 'serve_review',
    label: '出具复查意见',
    eventName: 'matter.review_served',
    kinds: ['petition'],
    from: ['reviewing'],
    to: ['answered'],
    permission: 'petition.opinion',
    system: false,
    actor: 'owner',
    needsReason: false,
    notice: 'review_opinion',
    cites: '信访工作条例 art. 35：收到复查请求之日起30日内提出复查意见并书面答复',
    when: [notExternal],
    check: (_s, cmd) => checkOpinion(cmd.outcome, cmd.legalBasis),
    apply: (s, cmd, ctx) => served(s, 'review', cmd.outcome, handlerIdOf(ctx.actor, s.handlerUserId)),
    data: (_s, cmd) => ({ outcome: cmd.outcome, legalBasis: cmd.legalBasis }),
  },
  request_reexam: {
    action: 'request_reexam',
    label: '登记复核请求',
    eventName: 'matter.reexam_requested',
    kinds: ['petition'],
    from: afterAnswer,
    to: ['reexamining'],
    permission: 'matter.for_applicant',
    system: false,
    actor: 'applicant_or_upper',
    needsReason: true,
    notice: null,
    cites: '信访工作条例 art. 36(1)：收到复查意见之日起30日内向复查机关的上一级请求复核',
    when: [petitionStageIs('review'), reexamWindow],
    check: (s, cmd) => {
      const up = upperBody(s, cmd.to, cmd.external);
      return isRefusal(up) ? up : null;
    },
    apply: (s, cmd, ctx) => {
      const up = upperBody(s, cmd.to, cmd.external);
      return isRefusal(up) ? s : sendUp(s, up, 'reexamining', ctx.now);
    },
    data: (s, cmd) => sentTo(s, cmd.to, cmd.external),
  },
  pause_hearing: {
    action: 'pause_hearing',
    label: '听证（暂停复核期限）',
    eventName: 'matter.hearing_started',
    kinds: ['petition'],
    from: ['reexamining'],
    to: ['reexamining'],
    permission: 'petition.hearing',
    system: false,
    actor: 'owner',
    needsReason: true,
    notice: null,
    cites: '信访工作条例 art. 36(2)：听证所需时间不计算在复核期限内',
    when: [hearingOff],
    check: noCheck,
    apply: (s) => ({ ...s, petition: s.petition && { ...s.petition, hearingPaused: true } }),
    effects: (s) => ({ pause: [{ basis: 'XF-36', orgId: s.owner.id }] }),
  },
  resume_hearing: {
    action: 'resume_hearing',
    label: '听证结束（恢复复核期限）',
    eventName: 'matter.hearing_ended',
    kinds: ['petition'],
    from: ['reexamining'],
    to: ['reexamining'],
    permission: 'petition.hearing',
    system: false,
    actor: 'owner',
    needsReason: false,
    notice: null,
    cites: '信访工作条例 art. 36(2)',
    when: [hearingOn],
    check: noCheck,
    apply: (s) => ({ ...s, petition: s.petition && { ...s.petition, hearingPaused: false } }),
    effects: (s) => ({ resume: [{ basis: 'XF-36', orgId: s.owner.id }] }),
  },
  serve_reexam: {
    action: 'serve_reexam',
    label: '出具复核意见',
    eventName: 'matter.reexam_served',
    kinds: ['petition'],
    from: ['reexamining'],
    to: ['answered'],
    permission: 'petition.opinion',
    system: false,
    actor: 'owner',
    needsReason: false,
    notice: 'reexam_opinion',
    cites: '信访工作条例 art. 36(1)(3)：30日内提出复核意见；不服仍以同一事实和理由投诉的不再受理',
    when: [hearingOff, notExternal],
    check: (_s, cmd) => checkOpinion(cmd.outcome, cmd.legalBasis),
    apply: (s, cmd, ctx) => served(s, 'final', cmd.outcome, handlerIdOf(ctx.actor, s.handlerUserId)),
    data: (_s, cmd) => ({ outcome: cmd.outcome, legalBasis: cmd.legalBasis }),
  },
  record_external_answer: {
    action: 'record_external_answer',
    label: '登记上级机关答复',
    eventName: 'matter.external_answer_recorded',
    kinds: ['petition'],
    from: ['reviewing', 'reexamining'],
    to: ['answered'],
    permission: 'matter.decide',
    system: false,
    actor: 'owner',
    needsReason: false,
    // The body outside served its own written answer; this install records it and serves nothing.
    notice: null,
    cites:
      '信访工作条例 art. 35、36(1)：上一级机关、单位30日内提出复查（复核）意见；复核意见为终结（art. 36(3)）',
    when: [withExternal],
    check: (_s, cmd) => checkOpinion(cmd.outcome, cmd.legalBasis),
    apply: (s, cmd, ctx) => {
      const body = s.petition?.external;
      const stage = body?.for === 'review' ? 'review' : 'final';
      return served(s, stage, cmd.outcome, handlerIdOf(ctx.actor, s.handlerUserId), body?.name ?? null);
    },
    data: (s, cmd) => ({
      outcome: cmd.outcome,
      legalBasis: cmd.legalBasis,
      externalBody: s.petition?.external?.name ?? null,
      handedOffAt: s.petition?.external?.sentAt ?? null,
    }),
  },
  withdraw: {
    action: 'withdraw',
    label: '撤回信访事项',
    eventName: 'matter.withdrawn',
    kinds: ['petition'],
    // Before the first written answer. A request for 复查/复核 is not withdrawn into an ending: the
    // petitioner simply lets its window lapse.
    from: ['registered', 'handling', 'mediating'],
    to: ['withdrawn'],
    permission: 'matter.for_applicant',
    system: false,
    actor: 'petitioner_or_witness',
    needsReason: true,
    notice: 'withdrawal',
    cites:
      '信访工作条例 art. 17：信访是信访人自己提出的请求，其撤回由其本人作出；docs/LEGAL.md §1.32（撤回后终止办理，出具撤回确认书）',
    when: [],
    check: (_s, cmd, ctx) => {
      if (ctx.actor.type !== 'staff') return null;
      if (!isOneOf(withdrawalChannels, cmd.channel))
        return invalid(
          'WITHDRAWAL_CHANNEL_REQUIRED',
          '代信访人登记撤回的，请选择撤回方式：当面、书面或电话。',
        );
      return hasText(cmd.evidence)
        ? null
        : invalid(
            'WITHDRAWAL_EVIDENCE_REQUIRED',
            '代信访人登记撤回的，请写明凭据（如信访人签字的撤回申请、电话录音编号）。',
          );
    },
    apply: (s) => ({
      ...s,
      status: 'withdrawn',
      mediation: null,
      petition: { ...(s.petition ?? initialPetition), ending: 'withdrawal' },
    }),
    data: (_s, cmd, ctx) => ({
      ending: 'withdrawal',
      // Who withdrew: the petitioner himself online, or staff writing down what he said (the event names them).
      withdrawnBy: ctx.actor.type === 'staff' ? 'staff_on_behalf' : 'petitioner',
      channel: ctx.actor.type === 'staff' ? cmd.channel : 'online',
      evidence: ctx.actor.type === 'staff' ? (cmd.evidence ?? '').trim() : null,
    }),
  },
};
