/**
 * A served notice (受理告知书, 一次性告知单, 信访处理意见书, 终止调解告知书 …) as a document: its stored
 * lines, the last two (the org and the day) set as the closing. The wording is the notice's own
 * (core/domain/notices.ts, catalog/service-catalog.ts), so print and screen never differ.
 */
import type { DocumentModel } from './model';

export function noticeDocument(n: {
  title: string;
  lines: string[];
  matterCode: string;
  closingLines?: number;
}): DocumentModel {
  const k = n.closingLines ?? 2;
  const body = n.lines.slice(0, Math.max(0, n.lines.length - k));
  const closing = n.lines.slice(Math.max(0, n.lines.length - k));
  return {
    title: n.title,
    subtitle: `事项编号：${n.matterCode}`,
    blocks: [
      // The bare code line is the subtitle already; a line that says more about it stays.
      ...body
        .filter((l) => l !== `事项编号：${n.matterCode}`)
        .map((text) => ({ kind: 'paragraph' as const, text })),
      { kind: 'closing', lines: closing },
    ],
  };
}
