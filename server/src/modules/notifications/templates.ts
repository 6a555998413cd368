/**
 * Rendering of the message templates (core/domain/notices/notice-templates.ts holds the shipped texts
 * and the placeholders each may use). A county's edited texts are passed in by the caller, which
 * reads them from the config module; without them the shipped texts are used.
 */
import {
  fillPlaceholders,
  isNoticeTemplateCode,
  type NoticeTemplateCode,
  type NoticeTemplateText,
  noticeTemplateSpecs,
} from '../../../../core/domain/notices/notice-templates';
import { AppError } from '../../../../core/errors';

export type TemplateCode = NoticeTemplateCode;

function fill(s: string, params: Record<string, string>): string {
  try {
    return fillPlaceholders(s, params);
  } catch (e) {
    throw new AppError('INTERNAL', `通知模板缺少参数：${e instanceof Error ? e.message : ''}`);
  }
}

export function render(
  code: string,
  params: Record<string, string>,
  texts?: Partial<Record<NoticeTemplateCode, NoticeTemplateText>>,
): { title: string; text: string; link: string | null } {
  if (!isNoticeTemplateCode(code)) throw new AppError('INTERNAL', `未知的通知模板 ${code}`);
  const spec = noticeTemplateSpecs[code];
  const t = texts?.[code] ?? spec;
  const text = fill(t.text, params);
  // Never an ID number in a message (docs/SECURITY.md): a lock screen shows it to anyone.
  if (/\d{17}[\dXx]/.test(text)) throw new AppError('INTERNAL', '通知内容不得包含身份证号码');
  return { title: fill(t.title, params), text, link: spec.link ? fill(spec.link, params) : null };
}
