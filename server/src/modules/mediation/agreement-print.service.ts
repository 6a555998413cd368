/**
 * The printed 调解协议书: full names (it is the legal record), each signature's image, one copy per
 * party and one for the org. Printing is for the owning org and the assigned mediator, and recorded.
 */

import { agreementDocument } from '../../../../core/domain/documents/agreement-document';
import type { SignatureLine } from '../../../../core/domain/documents/model';
import { signerLabels } from '../../../../core/domain/mediation/agreement';
import { can } from '../../../../core/domain/permissions';
import { formatDayZh } from '../../../../core/domain/time-limits';
import { AppError } from '../../../../core/errors';
import { requireActor } from '../../authz';
import type { Deps, RequestCtx } from '../../context';
import { recordPrint } from '../documents/document-audit';
import { renderPdf } from '../documents/pdf';
import { attachmentBytes } from '../matters/attachments.service';
import * as records from '../matters/records.service';
import { getOrgRow } from '../orgs/orgs.service';
import { displayNameOf } from '../users/users.service';
import * as repo from './agreements.repo';

const how: Record<string, string> = { on_screen: '当场签名', scan: '签名件已上传', seal: '已加盖电子印章' };
const roleWords: Record<string, string> = { applicant: '申请人', respondent: '被申请人', other: '第三人' };

export async function agreementPdf(deps: Deps, ctx: RequestCtx, matterId: string, agreementId: string) {
  const actor = requireActor(ctx);
  const m = await records.workedMatter(deps, actor, matterId);
  const a = await repo.byId(deps.database.db, m.countyCode, agreementId);
  if (!a || a.matterId !== m.id) throw new AppError('NOT_FOUND');
  // The owning org and the committee that mediated (a.orgId) keep the agreement; so does the mediator.
  const ownStaff =
    (actor.orgId === m.ownerOrgId || actor.orgId === a.orgId) && can(actor.roles, 'mediation.agreement');
  if (!ownStaff && actor.userId !== a.mediatorId) {
    throw new AppError('FORBIDDEN', '调解协议书载有当事人完整信息，只有承办单位和调解员可以打印。');
  }
  return render(deps, ctx, m, a);
}

/**
 * The applicant's copy (人民调解法 art. 29: one for each party), for the resident who opened the
 * matter with its code, tracking secret and phone (public.service checked that proof): only an
 * agreement in effect, recorded as a print like the staff's.
 */
export async function agreementPdfForApplicant(
  deps: Deps,
  ctx: RequestCtx,
  m: records.MatterRow,
  agreementId: string,
) {
  const a = await repo.byId(deps.database.db, m.countyCode, agreementId);
  if (!a || a.matterId !== m.id || a.status !== 'effective') throw new AppError('NOT_FOUND');
  return render(deps, ctx, m, a);
}

/** The matter's agreements in effect, for the resident's list of documents. */
export async function effectiveAgreements(deps: Deps, m: { countyCode: string; id: string }) {
  return (await repo.ofMatter(deps.database.db, m.countyCode, m.id))
    .filter((a) => a.status === 'effective' && a.effectiveAt)
    .map((a) => ({ id: a.id, form: a.form, effectiveAt: a.effectiveAt! }));
}

async function render(
  deps: Deps,
  ctx: RequestCtx,
  m: records.MatterRow,
  a: NonNullable<Awaited<ReturnType<typeof repo.byId>>>,
) {
  const signed = await repo.signaturesOf(deps.database.db, a.countyCode, a.id);
  const images = new Map<string, Buffer>();
  for (const s of signed) {
    if (!s.attachmentId) continue;
    const file = await attachmentBytes(deps, m.countyCode, m.id, s.attachmentId);
    if (file?.mime.startsWith('image/')) images.set(s.attachmentId, file.data);
  }
  const org = await getOrgRow(deps, a.orgId);
  const mediatorName = a.mediatorId ? await displayNameOf(deps.database.db, a.mediatorId) : null;
  const line = (signer: string, label: string, name: string): SignatureLine => {
    const s = signed.find((x) => x.signer === signer);
    return {
      label,
      name,
      how: s ? (how[s.method] ?? '') : '',
      at: s ? formatDayZh(s.signedAt) : null,
      imageId: s?.attachmentId ?? null,
    };
  };
  const doc = agreementDocument({
    content: a.content,
    orgName: org?.name ?? '',
    mediatorName,
    matterCode: m.code,
    effectiveDay: a.effectiveAt ? formatDayZh(a.effectiveAt) : null,
    copies: a.form === 'written' ? a.copies : 1,
    signatures: [
      ...a.content.parties.map((p) => line(`party:${p.partyId}`, roleWords[p.role] ?? '当事人', p.name)),
      line('mediator', signerLabels.mediator, mediatorName ?? ''),
      line('org', signerLabels.org, org?.name ?? ''),
    ],
  });
  const pdf = await renderPdf(doc, { createdAt: a.effectiveAt ?? a.updatedAt, images });
  await recordPrint(deps, ctx, m, { document: 'mediation_agreement', objectId: a.id });
  return { pdf, fileName: `人民调解协议书-${m.code}.pdf` };
}
