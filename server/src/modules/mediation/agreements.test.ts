import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orgByDivision } from '../../../test/factories';
import { residentId } from '../../../test/matter-factory';
import { act, disputeBody, register, view } from '../../../test/matter-steps';
import { pdfPages } from '../../../test/pdf-text';
import { createTestApp, type Session, type TestApp } from '../../../test/test-app';
import { events } from '../../db/schema';
import { remindPerformanceVisits } from './performance.service';

let t: TestApp;
let clerk: Session;
let mediator: Session;
let villageId: string;

beforeAll(async () => {
  t = await createTestApp();
  clerk = await t.login('village-clerk');
  mediator = await t.login('village-mediator');
  villageId = (await orgByDivision(t, '620602001001')).id;
});
afterAll(() => t?.close());

// A 1×1 PNG: what the signature pad uploads, in miniature.
const png = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

async function upload(s: Session, matterId: string, name: string) {
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

async function mediating() {
  let m = (
    await register(
      clerk,
      disputeBody(villageId, {
        parties: [
          {
            role: 'applicant',
            name: '王甲乙',
            phone: '13912345678',
            idNumber: residentId('62060219800101001'),
          },
          {
            role: 'respondent',
            name: '李丙丁',
            phone: '13987654321',
            idNumber: residentId('62060219820202002'),
          },
        ],
      }),
    )
  ).matter;
  m = await act(clerk, m.id, { action: 'accept' });
  m = await act(clerk, m.id, { action: 'start_mediation', initiative: 'application' });
  m = await act(clerk, m.id, {
    action: 'assign_mediator',
    mediatorId: mediator.userId,
    chosenBy: 'parties',
    conflictOfInterest: false,
  });
  return view(clerk, m.id);
}

function written(m: { parties: { id: string }[] }) {
  return {
    form: 'written',
    parties: m.parties.map((p, i) => ({
      partyId: p.id,
      particulars: i === 0 ? '男，1980 年生，汉族，住南苑社区' : '女，1982 年生，汉族，住南苑社区',
    })),
    facts: '两户之间的排水沟堵塞，2026 年 2 月雨水倒灌入王甲乙家中。',
    issues: '排水沟由谁疏通，损失是否赔偿。',
    responsibility: '李丙丁堆放杂物致排水沟堵塞，负主要责任。',
    terms: ['李丙丁于 2026 年 3 月 10 日前清理杂物并疏通排水沟', '李丙丁赔偿王甲乙损失 800 元'],
    performance: { manner: '现金当面支付，村调委会见证', deadline: '2026-03-10' },
  };
}

const save = (s: Session, id: string, body: object) =>
  s.request({ method: 'PUT', url: `/api/matters/${id}/agreements`, payload: body });
const sign = (s: Session, id: string, agreementId: string, body: object) =>
  s.request({
    method: 'POST',
    url: `/api/matters/${id}/agreements/${agreementId}/signatures`,
    payload: body,
  });

describe('the written mediation agreement (人民调解法 art. 29)', () => {
  it('is refused without its required contents, naming what is missing', async () => {
    const m = await mediating();
    const res = await save(mediator, m.id, { ...written(m), responsibility: ' ' });
    expect(res.statusCode).toBe(400);
    const noDeadline = await save(mediator, m.id, {
      ...written(m),
      performance: { manner: '现金', deadline: '三月十日' },
    });
    expect(noDeadline.statusCode).toBe(400);
    expect(noDeadline.json().message).toContain('提交的内容不符合要求');
  });

  it('takes effect when every party and the mediator have signed and the org has sealed; then it cannot change', async () => {
    const m = await mediating();
    const drafted = await save(mediator, m.id, written(m));
    expect(drafted.statusCode, drafted.body).toBe(200);
    const a = drafted.json();
    expect(a).toMatchObject({ status: 'draft', copies: 3, statusLabel: '待签署' });
    expect(a.content.parties.map((p: { name: string }) => p.name)).toEqual(['王**', '李**']);
    expect(a.missing.map((x: { signer: string }) => x.signer)).toEqual([
      `party:${m.parties[0].id}`,
      `party:${m.parties[1].id}`,
      'mediator',
      'org',
    ]);

    const sigA = await upload(mediator, m.id, '签名-甲.png');
    expect(
      (
        await sign(mediator, m.id, a.id, {
          signer: 'party',
          partyId: m.parties[0].id,
          method: 'on_screen',
          attachmentId: sigA,
        })
      ).statusCode,
    ).toBe(200);
    // Signed content is frozen.
    const rewrite = await save(mediator, m.id, { ...written(m), terms: ['改了'] });
    expect(rewrite.statusCode).toBe(409);
    // The same party cannot sign twice; the clerk cannot sign on the mediator's behalf on screen.
    const twice = await sign(mediator, m.id, a.id, {
      signer: 'party',
      partyId: m.parties[0].id,
      method: 'on_screen',
      attachmentId: sigA,
    });
    expect(twice.statusCode).toBe(409);
    const sigM = await upload(mediator, m.id, '签名-调解员.png');
    const forMediator = await sign(clerk, m.id, a.id, {
      signer: 'mediator',
      method: 'on_screen',
      attachmentId: sigM,
    });
    expect(forMediator.statusCode).toBe(403);
    // The mediator may not apply the org's seal.
    expect((await sign(mediator, m.id, a.id, { signer: 'org', method: 'seal' })).statusCode).toBe(403);

    const sigB = await upload(clerk, m.id, '签名件-乙.png');
    await sign(clerk, m.id, a.id, {
      signer: 'party',
      partyId: m.parties[1].id,
      method: 'scan',
      attachmentId: sigB,
    });
    await sign(mediator, m.id, a.id, { signer: 'mediator', method: 'on_screen', attachmentId: sigM });
    // 人民调解法 art. 29: the seal is the committee's that mediated, never the handling org's.
    const byHandlingOrg = await sign(clerk, m.id, a.id, { signer: 'org', method: 'seal' });
    expect(byHandlingOrg.statusCode).toBe(403);
    expect(byHandlingOrg.json().message).toContain('人民调解委员会');
    // Not yet effective: the matter cannot close as agreed.
    const early = await mediator.request({
      method: 'POST',
      url: `/api/matters/${m.id}/actions`,
      payload: { action: 'agree', form: 'written' },
    });
    expect(early.statusCode).toBe(409);
    expect(early.json().details.reason).toBe('AGREEMENT_NOT_EFFECTIVE');
    const committee = await t.login('village-committee');
    const sealed = await sign(committee, m.id, a.id, { signer: 'org', method: 'seal' });
    expect(sealed.statusCode, sealed.body).toBe(200);
    expect(sealed.json()).toMatchObject({ status: 'effective', statusLabel: '已生效', missing: [] });
    const effective = await t.database.db
      .select()
      .from(events)
      .where(and(eq(events.action, 'mediation.agreement_effective'), eq(events.objectId, m.id)));
    expect(effective).toHaveLength(1);

    // The judicial-confirmation window runs from the agreement taking effect.
    await act(mediator, m.id, { action: 'agree', form: 'written' });
    const court = (await clerk.request({ method: 'GET', url: `/api/matters/${m.id}/court` })).json();
    expect(court.confirmationWindow.agreedAt).toBe(sealed.json().effectiveAt);

    // The printed agreement: one copy per party and one for the org, every content of art. 29.
    const pdf = await clerk.request({ method: 'GET', url: `/api/matters/${m.id}/agreements/${a.id}/pdf` });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const pages = await pdfPages(pdf.rawPayload);
    expect(pages.length).toBeGreaterThanOrEqual(3);
    const all = pages.join('\n');
    for (const needed of [
      '人民调解协议书',
      '王甲乙',
      '李丙丁',
      '男，1980 年生',
      '雨水倒灌',
      '排水沟由谁疏通',
      '负主要责任',
      '赔偿王甲乙损失 800 元',
      '现金当面支付',
      '2026-03-10',
      '一式 3 份',
      '第 3 份',
      '三十日内',
      '当场签名',
      '已加盖电子印章',
      '南苑社区人民调解委员会',
    ]) {
      expect(all.replace(/\s+/g, ''), needed).toContain(needed.replace(/\s+/g, ''));
    }
    // 回访: on the performance day the mediator is reminded once, then records what they found.
    t.clock.set('2026-03-10T02:00:00.000Z');
    try {
      expect(await remindPerformanceVisits(t.deps)).toEqual({ sent: 1, failed: [] });
      expect(await remindPerformanceVisits(t.deps)).toEqual({ sent: 0, failed: [] });
    } finally {
      t.clock.set('2026-03-02T01:05:00.000Z');
    }
    const visited = await clerk.request({
      method: 'POST',
      url: `/api/matters/${m.id}/agreements/${a.id}/performance`,
      payload: { performance: 'performed', note: '回访：排水沟已疏通，赔偿已付清。' },
    });
    expect(visited.statusCode, visited.body).toBe(200);
    expect(visited.json().performance).toMatchObject({ status: 'performed', label: '已履行' });

    const printed = await t.database.db
      .select()
      .from(events)
      .where(and(eq(events.action, 'document.generated'), eq(events.objectId, m.id)));
    expect(printed).toHaveLength(1);
  });

  it('records an oral agreement as effective at once (人民调解法 art. 30)', async () => {
    const m = await mediating();
    const res = await save(mediator, m.id, {
      form: 'oral',
      parties: m.parties.map((p: { id: string }) => ({ partyId: p.id })),
      oralRecord: '双方当场同意由李丙丁当日疏通排水沟，王甲乙不再追究。',
      mediatorNote: '调解员在村委会主持，双方当面口头确认。',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ form: 'oral', status: 'effective', missing: [] });
  });

  it('is printed only for the owning org and the mediator', async () => {
    const m = await mediating();
    const a = (await save(mediator, m.id, written(m))).json();
    const town = await t.login('town01-leader');
    const res = await town.request({ method: 'GET', url: `/api/matters/${m.id}/agreements/${a.id}/pdf` });
    expect(res.statusCode).toBe(403);
  });
});

describe('printed notices', () => {
  it('信访处理意见书 states the legal basis, the next remedy and its 30-day window', async () => {
    let m = (
      await register(clerk, {
        ...disputeBody(villageId),
        kind: 'petition',
        categoryCode: 'PET-03',
        title: '反映宅基地确权久拖不决',
      })
    ).matter;
    m = await act(clerk, m.id, { action: 'accept' });
    m = await act(clerk, m.id, {
      action: 'serve_opinion',
      outcome: 'explain',
      legalBasis: '《土地管理法》第六十二条',
    });
    const n = m.notices.find((x: { kind: string }) => x.kind === 'opinion');
    const res = await clerk.request({ method: 'GET', url: `/api/matters/${m.id}/notices/${n.id}/pdf` });
    expect(res.statusCode).toBe(200);
    const text = (await pdfPages(res.rawPayload)).join('').replace(/\s+/g, '');
    for (const needed of [
      '信访处理意见书',
      '《土地管理法》第六十二条',
      '30日内',
      '申请复查',
      '第三十五条',
      m.code,
    ]) {
      expect(text, needed).toContain(needed.replace(/\s+/g, ''));
    }
  });

  it('受理告知书 names the acceptance and the due day; 一次性告知单 lists every material at once', async () => {
    let m = (
      await register(clerk, {
        ...disputeBody(villageId, { parties: [{ role: 'applicant', name: '周某', phone: '13800006666' }] }),
        kind: 'petition',
        categoryCode: 'PET-03',
        title: '反映村道硬化质量问题',
        serviceCode: 'SVC-03',
      })
    ).matter;
    const oneTime = m.notices.find((x: { kind: string }) => x.kind === 'one_time_notice');
    const notice = await clerk.request({ method: 'GET', url: `/api/matters/${m.id}/notices/${oneTime.id}` });
    const pdf1 = await clerk.request({
      method: 'GET',
      url: `/api/matters/${m.id}/notices/${oneTime.id}/pdf`,
    });
    const text1 = (await pdfPages(pdf1.rawPayload)).join('').replace(/\s+/g, '');
    // Every line the window reads out is in the printed notice, materials included.
    for (const line of notice.json().lines as string[]) expect(text1).toContain(line.replace(/\s+/g, ''));
    m = await act(clerk, m.id, { action: 'accept' });
    const acc = m.notices.find((x: { kind: string }) => x.kind === 'acceptance');
    const pdf2 = await clerk.request({ method: 'GET', url: `/api/matters/${m.id}/notices/${acc.id}/pdf` });
    const text2 = (await pdfPages(pdf2.rawPayload)).join('').replace(/\s+/g, '');
    for (const needed of ['受理告知书', m.code, '已于', '受理', '第二十三条', '前办结'])
      expect(text2, needed).toContain(needed);
  });

  it('终止调解告知书 gives the reason and the other routes', async () => {
    const m = await mediating();
    await act(mediator, m.id, {
      action: 'terminate_mediation',
      terminationReason: 'positions_too_far_apart',
      reason: '双方对赔偿数额分歧较大',
    });
    const after = await view(clerk, m.id);
    const n = after.notices.find((x: { kind: string }) => x.kind === 'mediation_termination');
    const res = await clerk.request({ method: 'GET', url: `/api/matters/${m.id}/notices/${n.id}/pdf` });
    const text = (await pdfPages(res.rawPayload)).join('').replace(/\s+/g, '');
    for (const needed of [
      '终止调解告知书',
      '当事人分歧较大且难以达成调解协议',
      '仲裁、行政、司法等途径',
      '第二十六条',
    ]) {
      expect(text, needed).toContain(needed);
    }
  });
});
