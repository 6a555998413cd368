import { noticeDocument } from '../../../../core/domain/documents/notice-document';
import { AppError } from '../../../../core/errors';
import type { Deps, RequestCtx } from '../../context';
import { getNotice } from '../matters/query.service';
import * as records from '../matters/records.service';
import { recordPrint } from './document-audit';
import { renderPdf } from './pdf';

/** A served notice as PDF: its stored words, for whoever may read the notice (getNotice checks). */
export async function noticePdf(deps: Deps, ctx: RequestCtx, matterId: string, noticeId: string) {
  const n = await getNotice(deps, ctx, matterId, noticeId);
  // getNotice found it in the actor's county (requireActor there refuses no actor).
  const m = await records.matterById(deps.database.db, ctx.actor?.countyCode ?? '', matterId);
  if (!m) throw new AppError('NOT_FOUND');
  return servedNoticePdf(deps, ctx, m, { ...n, servedAt: new Date(n.servedAt) });
}

/**
 * Renders a notice the caller has already allowed this reader (staff above; the resident with the
 * matter's code, tracking secret and phone in public.service) and records the print.
 */
export async function servedNoticePdf(
  deps: Deps,
  ctx: RequestCtx,
  m: { countyCode: string; id: string; code: string },
  n: { id: string; kind: string; title: string; servedAt: Date; lines: string[] },
) {
  const pdf = await renderPdf(
    // The one-time notice ends with its legal basis, not with a signing org and day.
    noticeDocument({
      title: n.title,
      lines: n.lines,
      matterCode: m.code,
      closingLines: n.kind === 'one_time_notice' ? 0 : 2,
    }),
    { createdAt: n.servedAt },
  );
  await recordPrint(deps, ctx, m, { document: n.kind, objectId: n.id });
  return { pdf, fileName: `${n.title}-${m.code}.pdf` };
}
