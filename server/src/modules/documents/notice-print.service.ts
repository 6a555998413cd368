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
  const m = await records.matterById(deps.database.db, matterId);
  if (!m) throw new AppError('NOT_FOUND');
  const pdf = await renderPdf(
    // The one-time notice ends with its legal basis, not with a signing org and day.
    noticeDocument({ ...n, closingLines: n.kind === 'one_time_notice' ? 0 : 2 }),
    { createdAt: new Date(n.servedAt) },
  );
  await recordPrint(deps, ctx, m, { document: n.kind, objectId: n.id });
  return { pdf, fileName: `${n.title}-${n.matterCode}.pdf` };
}
