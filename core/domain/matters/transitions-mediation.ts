/**
 * Mediation (调解为主, docs/LEGAL.md §11.3) and litigation last (诉讼断后). Mediation is a status with its own clock
 * (LOCAL-RT-1M, guideline one month; LD-14 for labour disputes) on top of the handling clock, which
 * keeps running. Agreements and judicial confirmation are completed in the court-docking work; here the
 * states, the consent rules and the clock (pause, resume, extend) exist.
 */

import { toLocalDate } from '../time-limits/local-date';
import { handlerIdOf } from './actor-rules';
import { mediationClock } from './clocks';
import { initialPetition, terminationReasons } from './model';
import { conflict, invalid } from './refusals';
import { hasText, isOneOf, isWholeDays, noCheck, type StateGuard, type TransitionTable } from './table-types';

const consentChannels = ['walk_in', 'letter', 'phone', 'online'];

/** 访调: the petitioner's consent, given on a calendar day not after today (信访工作条例 art. 33). */
function isConsent(x: unknown, now: Date): boolean {
  if (typeof x !== 'object' || x === null) return false;
  const c = x as { channel?: unknown; on?: unknown };
  if (!consentChannels.includes(c.channel as string)) return false;
  if (typeof c.on !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(c.on)) return false;
  return !Number.isNaN(Date.parse(c.on)) && c.on <= toLocalDate(now);
}
/** 2025 立案与调解意见 allows 30 more days by consent (docs/LEGAL.md §3.33); one extension at a time. */
const maxMediationExtensionDays = 30;

const mediatorAssigned: StateGuard = (s) =>
  s.mediation?.mediatorId ? null : conflict('MEDIATOR_REQUIRED', '请先指定调解员。');
const notPaused: StateGuard = (s) =>
  s.mediation?.pausedSince ? conflict('MEDIATION_PAUSED', '调解期限已因鉴定评估暂停，请先恢复。') : null;
const paused: StateGuard = (s) =>
  s.mediation?.pausedSince ? null : conflict('MEDIATION_NOT_PAUSED', '调解期限未暂停。');

export const mediationRows: Pick<
  TransitionTable,
  | 'start_mediation'
  | 'refuse_mediation'
  | 'assign_mediator'
  | 'record_session'
  | 'pause_mediation'
  | 'resume_mediation'
  | 'extend_mediation'
  | 'agree'
  | 'terminate_mediation'
  | 'refer_to_court'
> = {
  start_mediation: {
    action: 'start_mediation',
    label: '开始调解',
    eventName: 'matter.mediation_started',
    kinds: ['dispute', 'petition'],
    from: ['handling'],
    to: ['mediating'],
    permission: 'mediation.arrange',
    system: false,
    actor: 'owner',
    needsReason: false,
    notice: null,
    cites:
      '人民调解法 art. 17：当事人申请或主动调解，一方明确拒绝的不得调解；信访工作条例 art. 33：经双方同意',
    when: [],
    check: (s, cmd, ctx) => {
      // The court's entrustment is the initiative; the parties consented before the court.
      if (s.court) return null;
      if (cmd.initiative !== 'application' && cmd.initiative !== 'own_initiative') {
        return invalid('INVALID_INPUT', '请选择调解的启动方式：当事人申请或主动调解。');
      }
      if (s.kind === 'petition' && !isConsent(cmd.consent, ctx.now)) {
        return invalid(
          'CONSENT_REQUIRED',
          '信访事项转入调解须经信访人同意：请记录同意的方式（当面、书面、电话或网上）和日期（《信访工作条例》第三十三条）。',
        );
      }
      return s.mediationRefused && cmd.consentRenewed !== true
        ? conflict(
            'MEDIATION_REFUSED',
            '当事人一方已明确拒绝调解，不得调解；当事人重新同意的，请记录同意后再开始。',
          )
        : null;
    },
    apply: (s, cmd) => ({
      ...s,
      status: 'mediating',
      mediationRefused: false,
      mediation: {
        initiative: s.court ? 'court' : cmd.initiative,
        mediatorId: null,
        chosenBy: null,
        sessions: 0,
        pausedSince: null,
        extensions: 0,
      },
    }),
    data: (s, cmd) => ({
      initiative: s.court ? 'court' : cmd.initiative,
      ...(s.kind === 'petition' && cmd.consent ? { consent: cmd.consent } : {}),
    }),
  },
  refuse_mediation: {
    action: 'refuse_mediation',
    label: '当事人拒绝调解',
    eventName: 'matter.mediation_refused',
    kinds: ['dispute', 'petition'],
    from: ['handling'],
    to: ['handling'],
    permission: 'mediation.arrange',
    system: false,
    actor: 'owner',
    needsReason: true,
    notice: 'mediation_termination',
    cites: '人民调解法 art. 17：一方明确拒绝的不得调解；art. 26：告知其他途径',
    when: [],
    check: noCheck,
    apply: (s) => ({ ...s, mediationRefused: true }),
  },
  assign_mediator: {
    action: 'assign_mediator',
    label: '指定调解员',
    eventName: 'matter.mediator_assigned',
    kinds: ['dispute', 'petition'],
    from: ['mediating'],
    to: ['mediating'],
    permission: 'mediation.arrange',
    system: false,
    actor: 'owner',
    needsReason: false,
    notice: null,
    cites: '人民调解法 art. 19：指定或由当事人选择；特邀调解规定 art. 15、在线调解规则 art. 13：披露与回避',
    when: [],
    check: (_s, cmd) => {
      if (!hasText(cmd.mediatorId) || (cmd.chosenBy !== 'org' && cmd.chosenBy !== 'parties')) {
        return invalid('INVALID_INPUT', '请选择调解员及其产生方式。');
      }
      if (cmd.onRoster === false)
        return invalid('NOT_A_MEDIATOR', '所选人员不是本县（区）在册的调解员，请从调解员名册中选择。');
      if (typeof cmd.conflictOfInterest !== 'boolean')
        return invalid('INVALID_INPUT', '请完成利害关系审查。');
      return cmd.conflictOfInterest
        ? invalid('MEDIATOR_CONFLICT', '该调解员与纠纷有利害关系，应当回避（《特邀调解规定》第十五条）。')
        : null;
    },
    apply: (s, cmd) => ({
      ...s,
      mediation: s.mediation && {
        ...s.mediation,
        mediatorId: cmd.mediatorId,
        chosenBy: cmd.chosenBy,
        committeeId: cmd.committeeId ?? null,
      },
    }),
    data: (_s, cmd) => ({ mediatorId: cmd.mediatorId, chosenBy: cmd.chosenBy }),
  },
  record_session: {
    action: 'record_session',
    label: '记录调解',
    eventName: 'matter.mediation_session',
    kinds: ['dispute', 'petition'],
    from: ['mediating'],
    to: ['mediating'],
    permission: 'mediation.mediate',
    system: false,
    actor: 'mediator_or_owner',
    needsReason: false,
    notice: null,
    cites:
      '人民调解法 art. 27：调解员应当记录调解情况；art. 20：邀请他人参与须征得当事人同意；在线调解规则 art. 22：无争议事实',
    when: [mediatorAssigned],
    check: (_s, cmd) =>
      cmd.session?.participants.some((p) => p.partiesConsented !== true)
        ? invalid('CONSENT_REQUIRED', '邀请其他人员参与调解须征得当事人同意（《人民调解法》第二十条）。')
        : null,
    apply: (s, _cmd, ctx) => ({
      ...s,
      handlerUserId: handlerIdOf(ctx.actor, s.handlerUserId),
      mediation: s.mediation && { ...s.mediation, sessions: s.mediation.sessions + 1 },
    }),
    data: (_s, cmd) => (cmd.session ? { session: cmd.session } : {}),
  },
  pause_mediation: {
    action: 'pause_mediation',
    label: '暂停调解期限（鉴定评估）',
    eventName: 'matter.mediation_paused',
    kinds: ['dispute', 'petition'],
    from: ['mediating'],
    to: ['mediating'],
    permission: 'mediation.conduct',
    system: false,
    actor: 'mediator_or_owner',
    needsReason: true,
    notice: null,
    cites: '在线调解规则 art. 26：鉴定评估期限不计入调解期限',
    when: [notPaused],
    check: noCheck,
    apply: (s, _cmd, ctx) => ({
      ...s,
      mediation: s.mediation && { ...s.mediation, pausedSince: ctx.now.toISOString() },
    }),
    effects: (s) => ({ pause: [mediationClock(s)] }),
  },
  resume_mediation: {
    action: 'resume_mediation',
    label: '恢复调解期限',
    eventName: 'matter.mediation_resumed',
    kinds: ['dispute', 'petition'],
    from: ['mediating'],
    to: ['mediating'],
    permission: 'mediation.conduct',
    system: false,
    actor: 'mediator_or_owner',
    needsReason: false,
    notice: null,
    cites: '在线调解规则 art. 26',
    when: [paused],
    check: noCheck,
    apply: (s) => ({ ...s, mediation: s.mediation && { ...s.mediation, pausedSince: null } }),
    effects: (s) => ({ resume: [mediationClock(s)] }),
  },
  extend_mediation: {
    action: 'extend_mediation',
    label: '延长调解期限',
    eventName: 'matter.mediation_extended',
    kinds: ['dispute', 'petition'],
    from: ['mediating'],
    to: ['mediating'],
    permission: 'mediation.conduct',
    system: false,
    actor: 'mediator_or_owner',
    needsReason: true,
    notice: null,
    cites: '在线调解规则 art. 24、特邀调解规定 art. 27：各方当事人同意的可以延长',
    when: [],
    check: (_s, cmd) => {
      if (cmd.allPartiesConsent !== true) {
        return invalid(
          'CONSENT_REQUIRED',
          '延长调解期限须记录各方当事人的同意（《在线调解规则》第二十四条）。',
        );
      }
      return isWholeDays(cmd.days, maxMediationExtensionDays)
        ? null
        : invalid('EXTENSION_TOO_LONG', `每次延长调解期限应为1至${maxMediationExtensionDays}日。`);
    },
    apply: (s) => ({
      ...s,
      mediation: s.mediation && { ...s.mediation, extensions: s.mediation.extensions + 1 },
    }),
    effects: (s, cmd) => ({ extend: { clock: mediationClock(s), days: cmd.days } }),
    data: (_s, cmd) => ({ days: cmd.days, allPartiesConsent: true }),
  },
  agree: {
    action: 'agree',
    label: '达成调解协议',
    eventName: 'matter.mediation_agreed',
    kinds: ['dispute', 'petition'],
    from: ['mediating'],
    // A petition the agreement settles ends there (调解化解, XF art. 33); a dispute goes on to
    // performance, the RT-33 window, the answer and the rating.
    to: ['handling', 'mediated'],
    permission: 'mediation.mediate',
    system: false,
    actor: 'mediator_or_owner',
    needsReason: false,
    notice: null,
    cites: '人民调解法 art. 28–30：书面或口头协议；信访工作条例 art. 33：调解协议书；在线调解规则 art. 25(1)',
    when: [mediatorAssigned],
    check: (_s, cmd) => {
      if (cmd.form !== 'written' && cmd.form !== 'oral')
        return invalid('INVALID_INPUT', '请选择书面协议或口头协议。');
      const a = cmd.agreement;
      if (!a || a.form !== cmd.form) {
        return conflict(
          'AGREEMENT_REQUIRED',
          cmd.form === 'written'
            ? '请先制作书面调解协议，经各方当事人和调解员签名、人民调解委员会盖章后再结束调解（《人民调解法》第二十九条）。'
            : '请先记录口头协议的内容和调解员的说明（《人民调解法》第二十八条）。',
        );
      }
      return a.effective
        ? null
        : conflict(
            'AGREEMENT_NOT_EFFECTIVE',
            '调解协议书尚未生效：须各方当事人签名、调解员签名并加盖人民调解委员会印章（《人民调解法》第二十九条）。',
          );
    },
    apply: (s, _cmd, ctx) => ({
      ...s,
      ...(s.kind === 'petition'
        ? {
            status: 'mediated' as const,
            petition: { ...(s.petition ?? initialPetition), ending: 'mediation' as const },
          }
        : { status: 'handling' as const }),
      mediation: null,
      pastMediatorIds: [
        ...new Set([
          ...(s.pastMediatorIds ?? []),
          ...(s.mediation?.mediatorId ? [s.mediation.mediatorId] : []),
        ]),
      ],
      mediationEnded: 'agreed',
      handlerUserId: handlerIdOf(ctx.actor, s.handlerUserId),
    }),
    data: (s, cmd) => ({
      form: cmd.form,
      terminationReason: 'agreement_reached',
      ...(s.kind === 'petition' ? { ending: 'mediation' } : {}),
      mediatorId: s.mediation?.mediatorId ?? null,
    }),
  },
  terminate_mediation: {
    action: 'terminate_mediation',
    label: '终止调解',
    eventName: 'matter.mediation_terminated',
    kinds: ['dispute', 'petition'],
    from: ['mediating'],
    to: ['handling'],
    permission: 'mediation.conduct',
    system: false,
    actor: 'mediator_or_owner',
    needsReason: true,
    notice: 'mediation_termination',
    cites: '人民调解法 art. 26：调解不成应终止并告知其他途径；在线调解规则 art. 25：终结情形',
    when: [],
    check: (_s, cmd) => {
      if (!isOneOf(terminationReasons, cmd.terminationReason))
        return invalid('INVALID_INPUT', '请选择终止调解的原因。');
      return cmd.terminationReason === 'agreement_reached'
        ? invalid('USE_AGREE', '已达成协议的，请使用“达成调解协议”。')
        : null;
    },
    apply: (s) => ({ ...s, status: 'handling', mediation: null, mediationEnded: 'terminated' }),
    data: (_s, cmd) => ({ terminationReason: cmd.terminationReason }),
  },
  refer_to_court: {
    action: 'refer_to_court',
    label: '引导诉讼',
    eventName: 'matter.referred_to_court',
    kinds: ['dispute'],
    from: ['handling'],
    to: ['referred_to_court'],
    permission: 'mediation.arrange',
    system: false,
    actor: 'owner',
    needsReason: true,
    notice: 'court_referral',
    cites: 'docs/PRODUCT.md 诉讼断后；人民调解法 art. 26；在线调解规则 art. 21：调解不成的情况随材料推送法院',
    when: [],
    check: noCheck,
    apply: (s) => ({ ...s, status: 'referred_to_court' }),
  },
};
