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
  return { title: t.title, text: fill(t.text, params), link: t.link ? fill(t.link, params) : null };
}
