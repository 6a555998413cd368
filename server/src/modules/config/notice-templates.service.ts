/**
 * 通知模板: the texts residents and staff receive, editable per county by the business administrator
 * and saved as versions of the 'notice_templates' document. A saved text may use only the
 * placeholders the sending code fills and must keep the required ones (core/domain/notices). The
 * outbox renders with the county's current texts when it delivers.
 */
import type {
  NoticePreview,
  NoticeTemplateInput,
  NoticeTemplates,
  SaveNoticeTemplatesBody,
} from '../../../../core/contracts/catalog';
import {
  checkNoticeTemplate,
  fillPlaceholders,
  type NoticeTemplateCode,
  type NoticeTemplateText,
  noticeTemplateCodes,
  noticeTemplateSpecs,
  resolveNoticeTemplates,
  sampleParams,
} from '../../../../core/domain/notices/notice-templates';
import { AppError } from '../../../../core/errors';
import { requirePermission } from '../../authz';
import type { Deps, RequestCtx } from '../../context';
import type { Executor } from '../../db/client';
import * as repo from './config.repo';
import { saveDocumentVersion } from './documents.service';
import { versionHistory } from './versions';

const NAME = 'notice_templates';

type Saved = Partial<Record<NoticeTemplateCode, NoticeTemplateText>>;

/** The county's edited texts only (the renderer falls back to the shipped ones for the rest). */
export async function countyNoticeTexts(ex: Executor, countyCode: string): Promise<Saved> {
  const row = await repo.latest(ex, countyCode, NAME);
  return (row?.body ?? {}) as Saved;
}

export async function getNoticeTemplates(deps: Deps, ctx: RequestCtx): Promise<NoticeTemplates> {
  const actor = requirePermission(ctx, 'config.manage');
  const db = deps.database.db;
  const row = await repo.latest(db, actor.countyCode, NAME);
  const resolved = resolveNoticeTemplates((row?.body ?? {}) as Saved);
  return {
    version: row?.version ?? 0,
    isDefault: !row,
    templates: noticeTemplateCodes.map((code) => {
      const spec = noticeTemplateSpecs[code];
      return {
        code,
        label: spec.label,
        audience: spec.audience,
        title: resolved[code].title,
        text: resolved[code].text,
        customised: resolved[code].customised,
        placeholders: Object.entries(spec.placeholders).map(([name, p]) => ({
          name,
          label: p.label,
          required: spec.required.includes(name),
        })),
      };
    }),
    history: await versionHistory(db, actor.countyCode, NAME),
  };
}

function issuesOf(t: NoticeTemplateInput): string[] {
  return checkNoticeTemplate(t.code, t).map((i) => `${noticeTemplateSpecs[t.code].label}：${i}`);
}

export async function saveNoticeTemplates(
  deps: Deps,
  ctx: RequestCtx,
  body: SaveNoticeTemplatesBody,
): Promise<NoticeTemplates> {
  const actor = requirePermission(ctx, 'config.manage');
  const codes = body.templates.map((t) => t.code);
  if (new Set(codes).size !== codes.length)
    throw new AppError('VALIDATION_FAILED', '同一通知模板在一次保存中只能出现一次。');
  const issues = body.templates.flatMap(issuesOf);
  if (issues.length)
    throw new AppError('NOTICE_TEMPLATE_INVALID', `通知模板有误：${issues.join('；')}`, { issues });
  await saveDocumentVersion(deps, ctx, actor, {
    name: NAME,
    label: '通知模板',
    action: 'config.notice_templates_saved',
    baseVersion: body.baseVersion,
    build: async (_tx, stored) => {
      const saved: Saved = { ...((stored ?? {}) as Saved) };
      const changed: string[] = [];
      for (const t of body.templates) {
        const spec = noticeTemplateSpecs[t.code];
        const was = saved[t.code] ?? spec;
        if (was.title === t.title && was.text === t.text) continue;
        changed.push(t.code);
        // A text put back to the shipped one is stored as "no override", so a later release's wording reaches it.
        if (t.title === spec.title && t.text === spec.text) delete saved[t.code];
        else saved[t.code] = { title: t.title, text: t.text };
      }
      return { body: saved, after: { changed } };
    },
  });
  return getNoticeTemplates(deps, ctx);
}

/** The text as a recipient would read it, filled with sample values; problems listed instead of thrown. */
export function previewNoticeTemplate(ctx: RequestCtx, t: NoticeTemplateInput): NoticePreview {
  requirePermission(ctx, 'config.manage');
  const issues = checkNoticeTemplate(t.code, t);
  if (issues.length) return { ok: false, title: t.title, text: t.text, issues };
  const params = sampleParams(t.code);
  return {
    ok: true,
    title: fillPlaceholders(t.title, params),
    text: fillPlaceholders(t.text, params),
    issues,
  };
}
