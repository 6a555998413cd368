/**
 * The grid loop's handling steps (docs/LEGAL.md §11.4) and closing the loop (docs/PRODUCT.md §2.4: 反馈 → 评价 → 回访 → 归档).
 *
 * A matter assigned down (交办/转办) owes its assigner a report (XF art. 22(3) 办结报告): its handler
 * submits feedback, the assigner checks it, and only a passed check answers the resident. A failed
 * check (返工) sends it back to handling and counts against the handling org; it is a different event
 * from an upheld objection to a wrong dispatch (回退, transitions-routing.ts), as docs/LEGAL.md §10 requires.
 */
import { handlerIdOf } from './actor-rules';
import { windowOpen } from './clocks';
import { coHandlersDone } from './guards';
import { type MatterKind, matterResolvedAnswers, onBehalfChannels, ratingValues } from './model';
import { conflict, invalid, refusals } from './refusals';
import { hasText, isOneOf, noCheck, type StateGuard, type TransitionTable } from './table-types';

const answerable: MatterKind[] = ['dispute', 'consultation', 'request'];
/** Kinds whose result is checked before the resident is answered (submit_feedback, self_handle). */
const checkable: MatterKind[] = ['dispute', 'consultation', 'request', 'report'];

const reportBackDone: StateGuard = (s) => (s.assignedBy ? refusals.reportBackRequired : null);
const owesCheck: StateGuard = (s) => (s.kind === 'report' || s.assignedBy ? null : refusals.notAssigned);
/** Only a consultation is answered on the spot without a separate acceptance. */
const acceptedFirst: StateGuard = (s) =>
  s.status === 'registered' && s.kind !== 'consultation'
    ? conflict('NOT_ACCEPTED_YET', '请先受理再答复。')
    : null;
/** Consultations and grid events may be filed once answered; everything else goes through 评价 and 回访. */
const loopClosed: StateGuard = (s) =>
  s.status === 'answered' && s.kind !== 'consultation' && s.kind !== 'report'
    ? conflict('LOOP_NOT_CLOSED', '须经群众评价和回访后才能归档。')
    : null;
/** The petitioner's review or re-examination window must have lapsed (XF art. 35, 36). */
const noWindowOpen: StateGuard = (s, ctx) => {
  const stage = s.petition?.stage;
  const basis = stage === 'opinion' ? 'XF-35-request' : stage === 'review' ? 'XF-36-request' : null;
  return basis && windowOpen(ctx.deadlines, basis, ctx.now) ? refusals.reviewWindowOpen : null;
};

export const closingRows: Pick<
  TransitionTable,
  | 'self_handle'
  | 'submit_feedback'
  | 'check_pass'
  | 'check_fail'
  | 'answer'
  | 'rate'
  | 'follow_up'
  | 'archive'
> = {
  self_handle: {
    action: 'self_handle',
    label: '就地化解',
    eventName: 'matter.self_handled',
    kinds: ['report'],
    from: ['filed'],
    to: ['checking'],
    permission: 'matter.self_handle',
    system: false,
    actor: 'owner',
    needsReason: false,
    notice: null,
    cites: 'docs/LEGAL.md §5.5、11.4：网格员自行处置，小事不出村',
    when: [],
    check: noCheck,
    apply: (s, _cmd, ctx) => ({
      ...s,
      status: 'checking',
      handlerUserId: handlerIdOf(ctx.actor, s.handlerUserId),
    }),
  },
  submit_feedback: {
    action: 'submit_feedback',
    label: '反馈办理结果',
    eventName: 'matter.feedback_submitted',
    kinds: checkable,
    from: ['handling'],
    to: ['checking'],
    permission: 'matter.feedback',
    system: false,
    actor: 'owner',
    needsReason: false,
    notice: null,
    cites: 'docs/LEGAL.md §4.2 处理反馈；信访工作条例 art. 22(3)：交办事项在指定期限内反馈结果、提交办结报告',
    when: [owesCheck, coHandlersDone],
    check: noCheck,
    apply: (s, _cmd, ctx) => ({
      ...s,
      status: 'checking',
      handlerUserId: handlerIdOf(ctx.actor, s.handlerUserId),
    }),
    data: (s) => ({ reportToOrgId: s.assignedBy?.id ?? s.owner.id }),
  },
  check_pass: {
    action: 'check_pass',
    label: '核查通过',
    eventName: 'matter.check_passed',
    kinds: checkable,
    from: ['checking'],
    to: ['answered'],
    permission: 'matter.verify',
    system: false,
    actor: 'checker',
    needsReason: false,
    notice: 'answer',
    cites: 'docs/LEGAL.md §4.2、11.4：核查结案',
    when: [],
    check: noCheck,
    apply: (s) => ({ ...s, status: 'answered' }),
  },
  check_fail: {
    action: 'check_fail',
    label: '核查不通过（返工）',
    eventName: 'matter.check_failed',
    kinds: checkable,
    from: ['checking'],
    to: ['handling'],
    permission: 'matter.verify',
    system: false,
    actor: 'checker',
    needsReason: true,
    notice: null,
    cites: 'docs/LEGAL.md §10、11.4：核查不通过返工，计入返工率（与回退分开统计）',
    when: [],
    check: noCheck,
    apply: (s) => ({ ...s, status: 'handling', reworkCount: s.reworkCount + 1 }),
    data: (s) => ({ rework: true, countedAgainstOrgId: s.owner.id }),
  },
  answer: {
    action: 'answer',
    label: '答复群众',
    eventName: 'matter.answered',
    kinds: answerable,
    from: ['registered', 'handling'],
    to: ['answered'],
    permission: 'matter.handle',
    system: false,
    actor: 'owner',
    needsReason: false,
    notice: 'answer',
    cites: 'docs/PRODUCT.md §2.4 受理→分流→督办→反馈；咨询解疑：答复并记录',
    when: [acceptedFirst, reportBackDone, coHandlersDone],
    check: noCheck,
    apply: (s, _cmd, ctx) => ({
      ...s,
      status: 'answered',
      handlerUserId: handlerIdOf(ctx.actor, s.handlerUserId),
    }),
  },
  rate: {
    action: 'rate',
    label: '评价',
    eventName: 'matter.rated',
    kinds: 'all',
    from: ['answered'],
    to: ['rated', 'handling'],
    permission: 'matter.for_applicant',
    system: false,
    actor: 'applicant_or_recorder',
    needsReason: false,
    notice: null,
    cites:
      '信访工作条例 art. 21(2)：信访人评价办理情况；docs/LEGAL.md §9.2：不满意的返工；评价由群众作出，工作人员代录须注明渠道',
    when: [],
    check: (_s, cmd, ctx) => {
      if (!isOneOf(ratingValues, cmd.rating))
        return invalid('INVALID_INPUT', '请选择满意、基本满意或不满意。');
      // Staff only write down what the resident said, and say how they heard it.
      if (ctx.actor.type === 'staff' && !isOneOf(onBehalfChannels, cmd.channel))
        return invalid('RATING_CHANNEL_REQUIRED', '代群众录入评价的，请选择群众评价的渠道：电话或走访。');
      if (cmd.rating !== 'unsatisfied') return null;
      if (!hasText(cmd.reason)) return invalid('RATING_REASON_REQUIRED', '不满意的，请说明理由。');
      return typeof cmd.substantive === 'boolean'
        ? null
        : invalid('INVALID_INPUT', '请判断不满意是否属于实质性问题（实质性问题将返工）。');
    },
    // A petition is not reworked on a rating: its remedy is review (复查, XF art. 35).
    apply: (s, cmd) =>
      cmd.rating === 'unsatisfied' && cmd.substantive === true && s.kind !== 'petition'
        ? { ...s, status: 'handling', reworkCount: s.reworkCount + 1 }
        : { ...s, status: 'rated' },
    data: (s, cmd, ctx) => {
      const rework = cmd.rating === 'unsatisfied' && cmd.substantive === true && s.kind !== 'petition';
      return {
        rating: cmd.rating,
        // Who gave it: the resident themself, or staff on their behalf (the event names the staff member).
        ratedBy: ctx.actor.type === 'staff' ? 'staff_on_behalf' : 'resident',
        channel: ctx.actor.type === 'staff' ? cmd.channel : 'online',
        substantive: cmd.substantive ?? null,
        rework,
        countedAgainstOrgId: rework ? s.owner.id : null,
      };
    },
  },
  follow_up: {
    action: 'follow_up',
    label: '回访',
    eventName: 'matter.followed_up',
    kinds: 'all',
    from: ['rated'],
    to: ['followed_up'],
    permission: 'matter.follow_up',
    system: false,
    actor: 'not_handler',
    needsReason: false,
    notice: null,
    cites:
      'docs/PRODUCT.md §2.4 回访由承办人以外的人员进行；人民调解法 art. 31(2)：监督履行；凉州“事心双结”：既问事是否解决，也问心结是否化解',
    when: [],
    check: (_s, cmd) => {
      if (!isOneOf(matterResolvedAnswers, cmd.matterResolved))
        return invalid(
          'FOLLOW_UP_MATTER_ANSWER_REQUIRED',
          '请记录群众认为事情是否解决（事结）：已解决、部分解决或未解决。',
        );
      return typeof cmd.heartResolved === 'boolean'
        ? null
        : invalid('FOLLOW_UP_HEART_ANSWER_REQUIRED', '请记录群众的心结是否化解（心结）：已化解或未化解。');
    },
    apply: (s, cmd) => ({
      ...s,
      status: 'followed_up',
      followUp: { matterResolved: cmd.matterResolved, heartResolved: cmd.heartResolved },
    }),
    // The KPI 事心双结率 and the timeline read these (docs/KPI.md).
    data: (_s, cmd) => ({
      matterResolved: cmd.matterResolved,
      heartResolved: cmd.heartResolved,
      bothResolved: cmd.matterResolved === 'yes' && cmd.heartResolved,
    }),
  },
  archive: {
    action: 'archive',
    label: '归档',
    eventName: 'matter.archived',
    kinds: 'all',
    from: [
      'followed_up',
      'answered',
      'not_accepted',
      'channelled',
      'mediated',
      'withdrawn',
      'voided',
      'referred_to_court',
    ],
    to: ['archived'],
    permission: 'matter.archive',
    system: false,
    actor: 'owner_or_assigner',
    needsReason: false,
    notice: null,
    cites: '人民调解法 art. 27：立卷归档；归档后只读',
    when: [loopClosed, noWindowOpen],
    check: (_s, cmd) => (hasText(cmd.archiveNo) ? null : invalid('ARCHIVE_NO_REQUIRED', '请填写档案号。')),
    apply: (s, cmd) => ({ ...s, status: 'archived', archiveNo: cmd.archiveNo.trim() }),
    data: (_s, cmd) => ({ archiveNo: cmd.archiveNo.trim() }),
  },
};
