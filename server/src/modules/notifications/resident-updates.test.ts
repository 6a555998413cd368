import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agreeInWriting } from '../../../test/agreement-steps';
import { orgByDivision } from '../../../test/factories';
import { residentId } from '../../../test/matter-factory';
import { act, disputeBody, register } from '../../../test/matter-steps';
import { createTestApp, type TestApp } from '../../../test/test-app';
import { devSmsMessages, notificationOutbox } from '../../db/schema';
import { remindClosingWindows } from '../court/confirmation-reminders.service';
import { httpSmsProvider } from './http-sms-provider';
import { deliverDue } from './notifications.service';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t?.close());

const smsTo = async (phone: string) => {
  await deliverDue(t.deps);
  return (await t.database.db.select().from(devSmsMessages).where(eq(devSmsMessages.phone, phone))).map(
    (r) => r.text,
  );
};

describe('the resident is told by SMS as the matter moves', () => {
  it('on acceptance (with the due day) and on the answer; never a name, a phone or an ID number', async () => {
    const clerk = await t.login('village-clerk');
    const village = await orgByDivision(t, '620602001001');
    const phone = '13911112222';
    const id = residentId('62060219800101001');
    let m = (
      await register(
        clerk,
        disputeBody(village.id, {
          kind: 'petition',
          categoryCode: 'PET-03',
          parties: [{ role: 'applicant', name: '王甲乙', phone, idNumber: id }],
        }),
      )
    ).matter;
    m = await act(clerk, m.id, { action: 'accept' });
    let texts = await smsTo(phone);
    expect(texts).toHaveLength(1);
    expect(texts[0]).toContain(m.code);
    expect(texts[0]).toContain('南苑社区');
    expect(texts[0]).toMatch(/将于 2026年\d+月\d+日 前办结/);
    m = await act(clerk, m.id, {
      action: 'serve_opinion',
      outcome: 'explain',
      legalBasis: '《土地管理法》第六十二条',
    });
    texts = await smsTo(phone);
    expect(texts).toHaveLength(2);
    expect(texts[1]).toContain('已由');
    expect(texts[1]).toContain('评价');
    for (const text of texts) {
      expect(text).not.toContain('王甲乙');
      expect(text).not.toContain(id);
      expect(text).not.toContain(phone);
    }
  });

  it('sends nothing for a grid worker’s report', async () => {
    const before = (await t.database.db.select().from(notificationOutbox)).length;
    const gw = await t.login('town01-gw1');
    const village = await orgByDivision(t, '620602001001');
    const res = await gw.request({
      method: 'POST',
      url: '/api/matters',
      payload: {
        kind: 'report',
        channel: 'grid',
        categoryCode: 'GRID-02',
        title: '井盖缺失',
        description: '巷口井盖缺失。',
        place: { villageId: village.id },
        parties: [{ role: 'applicant', name: '网格员上报', phone: '13900009999' }],
      },
    });
    expect(res.statusCode).toBe(201);
    const clerk = await t.login('village-clerk');
    await act(clerk, res.json().matter.id, { action: 'verify' });
    expect((await t.database.db.select().from(notificationOutbox)).length).toBe(before);
  });
});

describe('the judicial-confirmation window reminder (人民调解法 art. 33)', () => {
  it('reminds every party with a phone once, within five days of the window’s end', async () => {
    const clerk = await t.login('village-clerk');
    const mediator = await t.login('village-mediator');
    const village = await orgByDivision(t, '620602001001');
    let m = (
      await register(
        clerk,
        disputeBody(village.id, {
          parties: [
            { role: 'applicant', name: '王甲乙', phone: '13911113333' },
            { role: 'respondent', name: '李丙丁', phone: '13911114444' },
          ],
        }),
      )
    ).matter;
    m = await act(clerk, m.id, { action: 'accept' });
    await act(clerk, m.id, { action: 'start_mediation', initiative: 'application' });
    await act(clerk, m.id, {
      action: 'assign_mediator',
      mediatorId: mediator.userId,
      chosenBy: 'org',
      conflictOfInterest: false,
    });
    await agreeInWriting(t, mediator, m.id);
    expect(await remindClosingWindows(t.deps)).toEqual({ sent: 0, failed: [] });
    // Agreed Monday 03-02: the window closes at the end of 04-01. Six days before, no reminder yet;
    // within five days of the end, one.
    t.clock.set('2026-03-26T02:00:00.000Z');
    expect(await remindClosingWindows(t.deps)).toEqual({ sent: 0, failed: [] });
    t.clock.set('2026-03-28T02:00:00.000Z');
    try {
      expect(await remindClosingWindows(t.deps)).toEqual({ sent: 2, failed: [] });
      expect(await remindClosingWindows(t.deps)).toEqual({ sent: 0, failed: [] });
      const texts = [...(await smsTo('13911113333')), ...(await smsTo('13911114444'))].filter((x) =>
        x.includes('司法确认'),
      );
      expect(texts).toHaveLength(2);
      expect(texts[0]).toContain('2026年4月1日');
    } finally {
      t.clock.set('2026-03-02T01:05:00.000Z');
    }
  });
});

describe('the HTTP SMS gateway', () => {
  it('posts the number and text with the key and the outbox id, and fails the attempt on an error answer', async () => {
    const got: { auth?: string; key?: string; body: unknown }[] = [];
    let status = 200;
    const gateway = createServer((req, res) => {
      let raw = '';
      req.on('data', (c) => {
        raw += c;
      });
      req.on('end', () => {
        got.push({
          auth: req.headers.authorization,
          key: req.headers['idempotency-key'] as string,
          body: JSON.parse(raw),
        });
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ messageId: 'gw-1' }));
      });
    });
    await new Promise<void>((r) => gateway.listen(0, '127.0.0.1', () => r()));
    const url = `http://127.0.0.1:${(gateway.address() as AddressInfo).port}/send`;
    try {
      const sms = httpSmsProvider({ url, key: 'gateway-secret' });
      const msg = { countyCode: '620602', outboxId: 'ob-1', phone: '13911115555', text: '【综治】测试' };
      expect(await sms.send(msg, new Date())).toEqual({ messageId: 'gw-1' });
      expect(got[0]).toEqual({
        auth: 'Bearer gateway-secret',
        key: 'ob-1',
        body: { to: '13911115555', text: '【综治】测试', reference: 'ob-1' },
      });
      status = 503;
      await expect(sms.send(msg, new Date())).rejects.toThrow(/HTTP 503/);
      await expect(sms.send({ ...msg, phone: '123' }, new Date())).rejects.toThrow(/手机号码/);
    } finally {
      gateway.close();
    }
  });
});
