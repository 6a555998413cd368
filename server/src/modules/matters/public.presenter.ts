/**
 * What a resident reads about their matter on the tracking page, in their words: no internal codes,
 * no staff procedure names ("流转（交办/上提/转办）", "解除协办"), never a staff member's name. A step
 * the resident need not know about (a co-handler released, a file read) is left out; a transfer says
 * where the matter went.
 */
import type { Tracking } from '../../../../core/contracts/public-matters';
import { matterStatusLabels } from '../../../../core/domain/matters/model';
import type { NoticeRow } from './matters.repo';

/** Status words for the resident: the staff's 流转中 / 异议中 mean nothing to them. */
export function residentStatusLabel(status: string): string {
  if (status === 'transferring') return '正在转交';
  if (status === 'objected') return '正在确认办理单位';
  return matterStatusLabels[status as keyof typeof matterStatusLabels] ?? status;
}

export interface TimelineEvent {
  at: Date;
  action: string;
  after: unknown;
  reason: string | null;
}

type Words = string | ((orgName: (id: unknown) => string) => string);

/** Lifecycle actions (the event's `after.action`), in the resident's words; null: not shown. */
const actionWords: Record<string, Words | null> = {
  accept: '已受理',
  refuse: '不予受理',
  channel: '已告知通过法定途径解决',
  merge: '已与相同事项合并办理',
  convert: '已调整办理方式',
  verify: '已核实立案',
  void: '已作废',
  object: '正在确认由哪个单位办理',
  add_co_handler: '已请相关单位协助办理',
  co_handler_report: '协助单位已反馈情况',
  release_co_handler: null,
  extend: '办理期限已依法延长',
  serve_opinion: '已出具处理意见',
  request_review: '已申请复查',
  serve_review: '已出具复查意见',
  request_reexam: '已申请复核',
  pause_hearing: '召开听证',
  resume_hearing: '听证结束，继续复核',
  serve_reexam: '已出具复核意见',
  record_external_answer: '上级机关已答复',
  withdraw: '信访事项已撤回，终止办理',
  start_mediation: '开始调解',
  refuse_mediation: '当事人不同意调解',
  assign_mediator: '已安排调解员',
  record_session: '进行调解',
  pause_mediation: '调解暂停（等待鉴定、评估）',
  resume_mediation: '调解继续进行',
  extend_mediation: '调解期限已延长',
  agree: '达成调解协议',
  terminate_mediation: '调解终止',
  refer_to_court: '已引导通过诉讼解决',
  self_handle: '已现场处理',
  submit_feedback: '办理单位已反馈办理结果',
  check_pass: '已答复',
  check_fail: '办理结果未通过核查，重新办理',
  answer: '已答复',
  rate: '您已评价',
  follow_up: '已回访',
  archive: '已办结归档',
};

/** Events that are not lifecycle actions but that the resident took or should see. */
const eventWords: Record<string, Words> = {
  'matter.registered': '提交登记',
  'open311.request_filed': '经手机应用提交',
  'open311.update_received': '补充意见',
  'mediation.agreement_effective': '调解协议生效',
};

function transferWords(after: Record<string, unknown>): Words {
  return (org) => `已转至${org(after.toOrgId)}`;
}

export function residentTimeline(
  events: TimelineEvent[],
  orgName: (id: unknown) => string,
): Tracking['timeline'] {
  const out: Tracking['timeline'] = [];
  for (const e of events) {
    const after = (e.after ?? {}) as Record<string, unknown>;
    const action = typeof after.action === 'string' ? after.action : null;
    let words: Words | null | undefined;
    if (action === 'transfer') words = transferWords(after);
    else if (action === 'receive' || action === 'decide_objection')
      words = (org) => `由${org(after.ownerOrgId)}办理`;
    else if (action === 'recall') words = (org) => `继续由${org(after.ownerOrgId)}办理`;
    else if (action) words = actionWords[action];
    else if (e.action === 'matter.attachment_added' && after.origin === 'resident') words = '您补充了材料';
    else words = eventWords[e.action];
    if (!words) continue;
    const status = typeof after.status === 'string' ? residentStatusLabel(after.status) : null;
    out.push({
      at: e.at.toISOString(),
      label: typeof words === 'string' ? words : words(orgName),
      status,
    });
  }
  return out;
}

/** Notices that carry the answer to the resident. */
const answerKinds = ['answer', 'opinion', 'review_opinion', 'reexam_opinion'];

/**
 * The latest written answer, as served: its lines without the code and title at the head and the
 * org and day at the foot (shown apart). An answer served after a check carries no words of its own:
 * the result that was checked is the answer then.
 */
export function residentAnswer(notices: NoticeRow[], events: TimelineEvent[]): Tracking['answer'] {
  const n = [...notices]
    .filter((x) => answerKinds.includes(x.kind))
    .sort((a, b) => b.servedAt.getTime() - a.servedAt.getTime())[0];
  if (!n) return null;
  const lines = n.body.lines;
  const body = lines.slice(2, Math.max(2, lines.length - 2)).filter((l) => l.trim() !== '');
  const org = lines.length >= 2 ? (lines[lines.length - 2] ?? '') : '';
  const empty = (l: string) => /^答复：\s*$/.test(l);
  if (n.kind === 'answer' && body.some(empty)) {
    const result = [...events].reverse().find((e) => {
      const a = (e.after ?? {}) as { action?: unknown };
      return (a.action === 'submit_feedback' || a.action === 'self_handle') && e.reason;
    });
    const filled = body
      .map((l) => (empty(l) ? (result?.reason ? `答复：${result.reason}` : '') : l))
      .filter(Boolean);
    return { title: n.title, lines: filled, at: n.servedAt.toISOString(), org };
  }
  return { title: n.title, lines: body, at: n.servedAt.toISOString(), org };
}
