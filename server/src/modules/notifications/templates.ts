/**
 * Message templates in Chinese. Parameters carry what the recipient needs to act (time, place, topic,
 * code) and never another person's name or number: an SMS is read on a lock screen.
 */
import { AppError } from '../../../../core/errors';

export interface Template {
  title: string;
  /** `{name}` placeholders, filled from the outbox row's params. */
  text: string;
  /** Link inside the web app for in-app messages. */
  link?: string;
}

export const templates = {
  meeting_invitation: {
    title: '会议通知',
    text: '【综治】{bodyName}定于{time}在{place}召开会议，议题：{topic}。请准时参加。',
    link: '/deliberation/meetings/{meetingId}',
  },
  decision_task: {
    title: '议事决定交办任务',
    text: '【综治】{bodyName}会议决定交办任务“{taskTitle}”（事项编号 {code}），请于 {dueOn} 前办结。',
    link: '/matters/{matterId}',
  },
  service_assignment: {
    title: '便民服务派单',
    text: '【综治】您有一件便民服务（事项编号 {code}）：{task}。请尽快联系办理。',
  },
  // What a resident is told as their matter moves (issue 5): the code, who holds it, until when.
  matter_accepted: {
    title: '事项已受理',
    text: '【综治】您反映的事项（编号 {code}）已由{org}受理，将于 {due} 前办结答复。凭编号和查询码可查询进度。',
  },
  matter_transferred: {
    title: '事项已转办',
    text: '【综治】您反映的事项（编号 {code}）已转交{org}办理。凭编号和查询码可查询进度。',
  },
  matter_extended: {
    title: '办理期限延长',
    text: '【综治】您反映的事项（编号 {code}）办理期限经批准延长 {days} 日，新的办结期限为 {due}。',
  },
  matter_answered: {
    title: '事项已答复',
    text: '【综治】您反映的事项（编号 {code}）已由{org}答复，请凭编号和查询码查看答复并作出评价。',
  },
  performance_visit: {
    title: '调解协议履行回访',
    text: '【综治】事项 {code} 的调解协议约定于 {deadline} 前履行完毕，请回访当事人并记录履行情况。',
    link: '/matters/{matterId}',
  },
  confirmation_window_closing: {
    title: '司法确认期限提醒',
    text: '【综治】您的调解协议（事项编号 {code}）可于 {due} 前由双方共同向人民法院申请司法确认，逾期不能申请。如需申请请联系{org}。',
  },
} satisfies Record<string, Template>;

export type TemplateCode = keyof typeof templates;

function fill(s: string, params: Record<string, string>): string {
  return s.replace(/\{(\w+)\}/g, (_, k: string) => {
    const v = params[k];
    if (v === undefined) throw new AppError('INTERNAL', `通知模板缺少参数 ${k}`);
    return v;
  });
}

export function render(
  code: string,
  params: Record<string, string>,
): { title: string; text: string; link: string | null } {
  const t = (templates as Record<string, Template>)[code];
  if (!t) throw new AppError('INTERNAL', `未知的通知模板 ${code}`);
  const text = fill(t.text, params);
  // Never an ID number in a message (SECURITY.md): a lock screen shows it to anyone.
  if (/\d{17}[\dXx]/.test(text)) throw new AppError('INTERNAL', '通知内容不得包含身份证号码');
  return { title: t.title, text, link: t.link ? fill(t.link, params) : null };
}
