/**
 * 调解协议 (人民调解法 art. 28–30): the mediator drafts the written agreement with the contents of
 * art. 29 while the mediation runs; each party and the mediator sign (on the screen, or a scan of the
 * signed paper is uploaded) and the org seals; with the last of them it takes effect. An oral
 * agreement is recorded and effective at once. Every step is an event.
 */

import { randomUUID } from 'node:crypto';
import type { AgreementBody, SignBody } from '../../../../core/contracts/mediation';
import { pathIds } from '../../../../core/domain/jurisdiction';
import type { AgreementOnFile } from '../../../../core/domain/matters/commands';
import {
  type AgreementContent,
  contentProblems,
  copiesOf,
  missingSigners,
  type Signer,
} from '../../../../core/domain/mediation/agreement';
import { can } from '../../../../core/domain/permissions';
import { AppError } from '../../../../core/errors';
import { requireActor } from '../../authz';
import type { Actor, Deps, RequestCtx } from '../../context';
import type { Executor } from '../../db/client';
import { recordEvent } from '../events/events.service';
import * as records from '../matters/records.service';
import { committeesUnder, getOrgRow, type OrgRow } from '../orgs/orgs.service';
import { orgIdOfUser } from '../users/users.service';
import { presentAgreement } from './agreements.presenter';
import * as repo from './agreements.repo';

/** The assigned mediator, or the owning org's staff holding mediation.agreement. */
function assertMayWork(actor: Actor, m: records.MatterRow) {
  const assigned = m.state.mediation?.mediatorId ?? null;
  if (assigned && actor.userId === assigned) return;
  if (actor.orgId === m.ownerOrgId && can(actor.roles, 'mediation.agreement')) return;
  throw new AppError('FORBIDDEN', '只有承办单位的工作人员或指定的调解员可以办理调解协议。');
}

export async function listAgreements(deps: Deps, ctx: RequestCtx, matterId: string) {
  const actor = requireActor(ctx);
  const m = await records.workedMatter(deps, actor, matterId);
  const rows = await repo.ofMatter(deps.database.db, m.countyCode, m.id);
  return Promise.all(
    rows.map(async (a) => presentAgreement(a, await repo.signaturesOf(deps.database.db, a.countyCode, a.id))),
  );
}

async function contentFrom(
  deps: Deps,
  ex: Executor,
  m: records.MatterRow,
  body: AgreementBody,
): Promise<AgreementContent> {
  const stored = new Map((await records.partiesOfMatter(deps, ex, m.countyCode, m.id)).map((p) => [p.id, p]));
  const parties = body.parties.map((p) => {
    const s = stored.get(p.partyId);
    if (!s) throw new AppError('VALIDATION_FAILED', '所选当事人不属于该事项。', { partyId: p.partyId });
    return {
      partyId: s.id,
      role: s.role as 'applicant' | 'respondent' | 'other',
      name: s.name,
      particulars: p.particulars,
    };
  });
  if (new Set(parties.map((p) => p.partyId)).size !== parties.length) {
    throw new AppError('VALIDATION_FAILED', '同一当事人不能重复列出。');
  }
  if (body.form === 'oral') {
    return {
      parties,
      facts: '',
      issues: '',
      responsibility: '',
      terms: [],
      performance: { manner: '', deadline: '' },
      oralRecord: body.oralRecord,
      mediatorNote: body.mediatorNote,
    };
  }
  const content: AgreementContent = {
    parties,
    facts: body.facts,
    issues: body.issues,
    responsibility: body.responsibility,
    terms: body.terms,
    performance: body.performance,
  };
  const problems = contentProblems(content);
  if (problems.length) throw new AppError('VALIDATION_FAILED', problems.join(''), { problems });
  return content;
}

/**
 * The 人民调解委员会 that mediated, whose seal the agreement carries (人民调解法 art. 29), never the
 * handling org's: the assigned mediator's committee (or the committee their mediation room belongs
 * to), else the nearest committee of the owning org or an org above it (a department's matter: the
 * county's committee). Null when there is none.
 */
async function committeeOf(deps: Deps, ex: Executor, m: records.MatterRow): Promise<OrgRow | null> {
  const mediatorId = m.state.mediation?.mediatorId;
  const own = mediatorId ? await committeeOfMediator(deps, ex, mediatorId) : null;
  if (own) return (await getOrgRow(deps, own, ex)) ?? null;
  for (const id of pathIds(m.ownerPath).reverse()) {
    const org = await getOrgRow(deps, id, ex);
    const found = org ? (await committeesUnder(ex, org))[0] : undefined;
    if (found) return found;
  }
  return null;
}

/** The 人民调解委员会 a mediator serves on (directly, or through its 调解室), or null. */
export async function committeeOfMediator(deps: Deps, ex: Executor, userId: string): Promise<string | null> {
  const own = await orgIdOfUser(ex, userId);
  let org = own ? await getOrgRow(deps, own, ex) : undefined;
  if (org?.kind === 'mediation_room' && org.parentId) org = await getOrgRow(deps, org.parentId, ex);
  return org?.kind === 'mediation_committee' ? org.id : null;
}

/** Drafts the agreement, or rewrites the draft while nobody has signed it yet. */
export async function saveAgreement(deps: Deps, ctx: RequestCtx, matterId: string, body: AgreementBody) {
  const actor = requireActor(ctx);
  const m0 = await records.workedMatter(deps, actor, matterId);
  assertMayWork(actor, m0);
  const now = deps.clock.now();
  const id = await deps.database.transaction(async (tx) => {
    const m = await records.lockMatter(tx, m0.countyCode, matterId);
    if (!m) throw new AppError('NOT_FOUND');
    if (m.status !== 'mediating') {
      throw new AppError('TRANSITION_REFUSED', '只能在调解过程中制作调解协议。', { reason: 'NOT_MEDIATING' });
    }
    const content = await contentFrom(deps, tx, m, body);
    const existing = (await repo.ofMatter(tx, m.countyCode, m.id))[0];
    if (existing?.status === 'effective') {
      throw new AppError('CONFLICT', '该事项已有生效的调解协议。', { agreementId: existing.id });
    }
    if (existing && (await repo.signaturesOf(tx, existing.countyCode, existing.id)).length > 0) {
      throw new AppError('CONFLICT', '已有人签署，协议内容不能再修改。', { agreementId: existing.id });
    }
    const oral = body.form === 'oral';
    const committee = await committeeOf(deps, tx, m);
    if (!committee) {
      throw new AppError(
        'CONFLICT',
        '未找到主持调解的人民调解委员会，调解协议书无法加盖其印章；请指定人民调解委员会的调解员。',
      );
    }
    const fields = {
      // The committee that mediated seals it (art. 29), not the org handling the matter.
      orgId: committee.id,
      form: body.form,
      content,
      copies: oral ? 1 : copiesOf(content),
      // 人民调解法 art. 30: an oral agreement takes effect when the parties reach it.
      status: oral ? 'effective' : 'draft',
      effectiveAt: oral ? now : null,
      updatedAt: now,
    };
    const agreementId = existing?.id ?? randomUUID();
    if (existing) await repo.update(tx, existing, fields);
    else
      await repo.insert(tx, {
        countyCode: m.countyCode,
        id: agreementId,
        matterId: m.id,
        mediatorId: m.state.mediation?.mediatorId ?? null,
        createdBy: actor.userId,
        createdAt: now,
        ...fields,
      });
    await recordEvent(tx, ctx, deps.clock, {
      countyCode: m.countyCode,
      action: oral ? 'mediation.oral_agreement_recorded' : 'mediation.agreement_drafted',
      objectType: 'matter',
      objectId: m.id,
      after: { agreementId, form: body.form, terms: content.terms.length, parties: content.parties.length },
    });
    return agreementId;
  });
  deps.kickSealer();
  return viewOf(deps, m0.countyCode, id);
}

async function viewOf(deps: Deps, countyCode: string, id: string) {
  const a = await repo.byId(deps.database.db, countyCode, id);
  if (!a) throw new AppError('NOT_FOUND');
  return presentAgreement(a, await repo.signaturesOf(deps.database.db, a.countyCode, a.id));
}

function signerOf(body: SignBody, content: AgreementContent): { signer: Signer; name: string } {
  if (body.signer === 'party') {
    const p = content.parties.find((x) => x.partyId === body.partyId);
    if (!p) throw new AppError('VALIDATION_FAILED', '请选择协议所列的当事人。');
    return { signer: `party:${p.partyId}`, name: p.name };
  }
  return body.signer === 'mediator'
    ? { signer: 'mediator', name: '人民调解员' }
    : { signer: 'org', name: '人民调解委员会' };
}

export async function signAgreement(
  deps: Deps,
  ctx: RequestCtx,
  matterId: string,
  agreementId: string,
  body: SignBody,
) {
  const actor = requireActor(ctx);
  const m = body.signer === 'org' ? await sealersMatter(deps, actor, matterId, agreementId) : null;
  if (!m) return signAsWorker(deps, ctx, actor, matterId, agreementId, body);
  return sign(deps, ctx, actor, m, agreementId, body);
}

/**
 * The committee that mediated seals; its people need not see the matter otherwise (it is owned by the
 * village or town), so they reach it through the agreement. Null: not a member of that committee.
 */
async function sealersMatter(deps: Deps, actor: Actor, matterId: string, agreementId: string) {
  const m = await records.matterById(deps.database.db, actor.countyCode, matterId);
  if (!m || m.countyCode !== actor.countyCode) return null;
  const a = await repo.byId(deps.database.db, m.countyCode, agreementId);
  return a && a.matterId === m.id && a.orgId === actor.orgId ? m : null;
}

async function signAsWorker(
  deps: Deps,
  ctx: RequestCtx,
  actor: Actor,
  matterId: string,
  agreementId: string,
  body: SignBody,
) {
  const m = await records.workedMatter(deps, actor, matterId);
  assertMayWork(actor, m);
  return sign(deps, ctx, actor, m, agreementId, body);
}

async function sign(
  deps: Deps,
  ctx: RequestCtx,
  actor: Actor,
  m: records.MatterRow,
  agreementId: string,
  body: SignBody,
) {
  const now = deps.clock.now();
  await deps.database.transaction(async (tx) => {
    const a = await repo.lock(tx, m.countyCode, agreementId);
    if (!a || a.matterId !== m.id) throw new AppError('NOT_FOUND');
    if (a.form !== 'written') throw new AppError('CONFLICT', '口头协议无需签署。');
    if (a.status === 'effective') throw new AppError('CONFLICT', '调解协议已生效。');
    const who = signerOf(body, a.content);
    // A party signs on the screen or on paper; the mediator signs as themself; the org seals.
    if (who.signer === 'org') {
      if (body.method === 'on_screen')
        throw new AppError('VALIDATION_FAILED', '调解组织应加盖印章（电子印章或上传盖章件）。');
      // 人民调解法 art. 29: the committee that mediated seals, by its head or staff; the mediator who
      // signs does not also seal, so two people of the committee vouch for the agreement.
      const member = actor.orgId === a.orgId && can(actor.roles, 'mediation.seal');
      if (!member || actor.userId === a.mediatorId) {
        throw new AppError(
          'FORBIDDEN',
          '调解协议书应加盖主持调解的人民调解委员会的印章，由该委员会负责人或工作人员（签名的调解员以外）加盖。',
        );
      }
    } else if (body.method === 'seal') {
      throw new AppError('VALIDATION_FAILED', '当事人和调解员应签名，印章仅用于调解组织。');
    }
    if (who.signer === 'mediator' && body.method === 'on_screen' && actor.userId !== a.mediatorId) {
      throw new AppError('FORBIDDEN', '调解员须本人签名；代为录入请上传签名件。');
    }
    if (body.method !== 'seal') {
      if (!body.attachmentId) throw new AppError('VALIDATION_FAILED', '请提供签名图像或签名件。');
      const file = await records.attachmentOfMatter(tx, m.countyCode, m.id, body.attachmentId);
      if (!file || !['image/png', 'image/jpeg', 'application/pdf'].includes(file.mime)) {
        throw new AppError('VALIDATION_FAILED', '签名图像应为该事项的 PNG、JPG 图片或 PDF 扫描件。');
      }
    }
    const done = await repo.signaturesOf(tx, a.countyCode, a.id);
    if (done.some((s) => s.signer === who.signer))
      throw new AppError('ALREADY_EXISTS', `${who.name}已签署。`);
    await repo.insertSignature(tx, {
      countyCode: m.countyCode,
      id: randomUUID(),
      agreementId: a.id,
      signer: who.signer,
      name: who.name,
      method: body.method,
      attachmentId: body.attachmentId ?? null,
      recordedBy: actor.userId,
      signedAt: now,
    });
    await recordEvent(tx, ctx, deps.clock, {
      countyCode: m.countyCode,
      action: 'mediation.agreement_signed',
      objectType: 'matter',
      objectId: m.id,
      after: { agreementId: a.id, signer: who.signer, method: body.method },
    });
    const missing = missingSigners(a.content, [...done.map((s) => s.signer), who.signer]);
    if (missing.length === 0) {
      await repo.update(tx, a, { status: 'effective', effectiveAt: now, updatedAt: now });
      await recordEvent(tx, ctx, deps.clock, {
        countyCode: m.countyCode,
        action: 'mediation.agreement_effective',
        objectType: 'matter',
        objectId: m.id,
        after: { agreementId: a.id, copies: a.copies },
      });
    }
  });
  deps.kickSealer();
  return viewOf(deps, m.countyCode, agreementId);
}

/**
 * The matter's agreement as the lifecycle's `agree` needs it: a written one is effective with its last
 * signature or seal; an oral one when its contents and the mediator's note are recorded (art. 28).
 */
export async function agreementOnFile(
  ex: Executor,
  countyCode: string,
  matterId: string,
): Promise<AgreementOnFile | null> {
  const a = (await repo.ofMatter(ex, countyCode, matterId))[0];
  if (!a) return null;
  const form = a.form as AgreementOnFile['form'];
  const recorded = form === 'written' || (!!a.content.oralRecord?.trim() && !!a.content.mediatorNote?.trim());
  return { form, effective: a.status === 'effective' && recorded };
}

/** When the matter's agreement took effect (for the judicial-confirmation window), if it has one. */
export async function agreementEffectiveAt(
  ex: Executor,
  countyCode: string,
  matterId: string,
): Promise<Date | null> {
  const a = (await repo.ofMatter(ex, countyCode, matterId)).find((x) => x.status === 'effective');
  return a?.effectiveAt ?? null;
}
