/**
 * Bringing a mediation to an effective written agreement over the API, as the tests of other modules
 * need it: the mediator drafts the 调解协议书, takes each party's signed paper (scan) and signs, the
 * head of the 人民调解委员会 that mediated seals it (人民调解法 art. 29), and the mediator records 达成调解协议.
 */
import { sql } from 'drizzle-orm';
import * as orgsRepo from '../src/modules/orgs/orgs.repo';
import { buildUser } from './factories';
import { act, view } from './matter-steps';
import type { Session, TestApp } from './test-app';

// A 1×1 PNG: what the signature pad uploads, in miniature.
export const png = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

export async function uploadPng(s: Session, matterId: string, name: string): Promise<string> {
  const boundary = '----zz-sign';
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: image/png\r\n\r\n`,
    ),
    png,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const res = await s.request({
    method: 'POST',
    url: `/api/matters/${matterId}/attachments`,
    payload,
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  });
  if (res.statusCode !== 201) throw new Error(`upload ${res.statusCode} ${res.body}`);
  return res.json().id as string;
}

/** The art. 29 contents for the matter's parties. */
export function writtenAgreementBody(m: { parties: { id: string }[] }) {
  return {
    form: 'written',
    parties: m.parties.map((p, i) => ({
      partyId: p.id,
      particulars: i === 0 ? '男，1980 年生，汉族，住南苑社区' : '女，1982 年生，汉族，住南苑社区',
    })),
    facts: '两户之间的排水沟堵塞，2026 年 2 月雨水倒灌入申请人家中。',
    issues: '排水沟由谁疏通，损失是否赔偿。',
    responsibility: '被申请人堆放杂物致排水沟堵塞，负主要责任。',
    terms: ['被申请人于 2026 年 3 月 10 日前清理杂物并疏通排水沟', '被申请人赔偿申请人损失 800 元'],
    performance: { manner: '现金当面支付，村调委会见证', deadline: '2026-03-10' },
  };
}

/** A session of a leader of the committee the agreement names (a new account each call). */
export async function committeeHead(t: TestApp, agreementId: string): Promise<Session> {
  const res = (await t.database.db.execute(
    sql`select org_id from mediation_agreements where id = ${agreementId}`,
  )) as unknown as { rows: { org_id: string }[] };
  const org = await orgsRepo.byId(t.database.db, res.rows[0]!.org_id);
  if (!org) throw new Error('agreement without a committee');
  const head = await buildUser(t, org, ['leader']);
  return t.login(head.username);
}

/** Drafts, signs and seals the written agreement; returns it (effective). */
export async function effectiveWrittenAgreement(t: TestApp, mediator: Session, matterId: string) {
  const m = await view(mediator, matterId);
  const drafted = await mediator.request({
    method: 'PUT',
    url: `/api/matters/${matterId}/agreements`,
    payload: writtenAgreementBody(m),
  });
  if (drafted.statusCode !== 200) throw new Error(`draft ${drafted.statusCode} ${drafted.body}`);
  const a = drafted.json();
  const sign = async (s: Session, body: object) => {
    const res = await s.request({
      method: 'POST',
      url: `/api/matters/${matterId}/agreements/${a.id}/signatures`,
      payload: body,
    });
    if (res.statusCode !== 200) throw new Error(`sign ${res.statusCode} ${res.body}`);
    return res.json();
  };
  for (const p of m.parties as { id: string }[]) {
    const scan = await uploadPng(mediator, matterId, '当事人签名件.png');
    await sign(mediator, { signer: 'party', partyId: p.id, method: 'scan', attachmentId: scan });
  }
  const own = await uploadPng(mediator, matterId, '调解员签名.png');
  await sign(mediator, { signer: 'mediator', method: 'on_screen', attachmentId: own });
  return sign(await committeeHead(t, a.id), { signer: 'org', method: 'seal' });
}

/** An effective written agreement, then 达成调解协议 by the mediator. */
export async function agreeInWriting(t: TestApp, mediator: Session, matterId: string) {
  const a = await effectiveWrittenAgreement(t, mediator, matterId);
  const m = await act(mediator, matterId, { action: 'agree', form: 'written' });
  return { agreement: a, matter: m };
}
