import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NoticeTemplates } from '../../../../core/contracts/catalog';
import { orgByDivision } from '../../../test/factories';
import { act, disputeBody, register } from '../../../test/matter-steps';
import { createTestApp, type Session, type TestApp } from '../../../test/test-app';
import { devSmsMessages } from '../../db/schema';
import { deliverDue } from '../notifications/notifications.service';

let t: TestApp;
let admin: Session;

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login('admin');
});
afterAll(() => t.close());

const getTemplates = async (): Promise<NoticeTemplates> =>
  (await admin.request({ method: 'GET', url: '/api/config/notice-templates' })).json();

const save = (s: Session, baseVersion: number, templates: { code: string; title: string; text: string }[]) =>
  s.request({ method: 'PUT', url: '/api/config/notice-templates', payload: { baseVersion, templates } });

const accepted = '【凉州综治】您的事项 {code} 已由{org}受理，{due} 前答复。凭编号和查询码可查进度。';

describe('notice templates (通知模板)', () => {
  it('lists the shipped texts with the placeholders each may use', async () => {
    const c = await getTemplates();
    expect(c).toMatchObject({ version: 0, isDefault: true });
    const a = c.templates.find((x) => x.code === 'matter_accepted')!;
    expect(a.customised).toBe(false);
    expect(a.placeholders).toEqual([
      { name: 'code', label: '事项编号', required: true },
      { name: 'org', label: '承办单位', required: false },
      { name: 'due', label: '办结期限', required: true },
    ]);
  });

  it('refuses an unknown placeholder and a missing required one with a precise code, and saves nothing', async () => {
    const unknown = await save(admin, 0, [
      {
        code: 'matter_accepted',
        title: '事项已受理',
        text: '您的事项 {code} 由{handler}受理，{due} 前答复。',
      },
    ]);
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toMatchObject({ code: 'NOTICE_TEMPLATE_INVALID' });
    expect(unknown.json().message).toContain('{handler} 不可用');

    const missing = await save(admin, 0, [
      { code: 'matter_accepted', title: '事项已受理', text: '您的事项已由{org}受理，请耐心等待。' },
    ]);
    expect(missing.statusCode).toBe(400);
    expect(missing.json().message).toContain('必须包含 {code}');
    expect(missing.json().message).toContain('必须包含 {due}');
    expect((await getTemplates()).version).toBe(0);
  });

  it('previews a text filled with sample values, or lists its problems', async () => {
    const ok = await admin.request({
      method: 'POST',
      url: '/api/config/notice-templates/preview',
      payload: { code: 'matter_accepted', title: '事项已受理', text: accepted },
    });
    expect(ok.json()).toMatchObject({
      ok: true,
      text: '【凉州综治】您的事项 620602-2026-000123 已由四坝镇综治中心受理，2026年12月28日 前答复。凭编号和查询码可查进度。',
    });
    const bad = await admin.request({
      method: 'POST',
      url: '/api/config/notice-templates/preview',
      payload: { code: 'matter_accepted', title: '事项已受理', text: '您的事项 {code 已受理' },
    });
    expect(bad.json().ok).toBe(false);
    expect(bad.json().issues.join()).toContain('不成对的花括号');
  });

  it('saves a version, logs it, and the resident’s next SMS uses the county’s text', async () => {
    const res = await save(admin, 0, [{ code: 'matter_accepted', title: '事项已受理', text: accepted }]);
    expect(res.statusCode, res.body).toBe(200);
    const saved = res.json() as NoticeTemplates;
    expect(saved.version).toBe(1);
    expect(saved.history[0]).toMatchObject({ version: 1, by: expect.any(String) });
    expect(saved.templates.find((x) => x.code === 'matter_accepted')).toMatchObject({
      customised: true,
      text: accepted,
    });
    const ev = (await t.database.db.execute(
      sql`select after from events where action = 'config.notice_templates_saved'`,
    )) as unknown as { rows: { after: unknown }[] };
    expect(ev.rows.map((r) => r.after)).toEqual([{ version: 1, changed: ['matter_accepted'] }]);

    const clerk = await t.login('village-clerk');
    const village = await orgByDivision(t, '620602001001');
    const phone = '13933334444';
    const m = (
      await register(
        clerk,
        disputeBody(village.id, { parties: [{ role: 'applicant', name: '赵某', phone }] }),
      )
    ).matter;
    await act(clerk, m.id, { action: 'accept' });
    await deliverDue(t.deps);
    const texts = (
      await t.database.db.select().from(devSmsMessages).where(eq(devSmsMessages.phone, phone))
    ).map((r) => r.text);
    expect(texts).toHaveLength(1);
    expect(texts[0]).toMatch(
      new RegExp(`^【凉州综治】您的事项 ${m.code} 已由.+受理，2026年\\d+月\\d+日 前答复。`),
    );
  });

  it('refuses a stale version, and is the business administrator’s alone', async () => {
    const stale = await save(admin, 0, [
      { code: 'matter_answered', title: '事项已答复', text: '事项 {code} 已答复。' },
    ]);
    expect(stale.statusCode).toBe(409);
    for (const who of ['village-clerk', 'sysadmin']) {
      const s = await t.login(who);
      expect((await s.request({ method: 'GET', url: '/api/config/notice-templates' })).statusCode).toBe(403);
      const res = await save(s, 1, [
        { code: 'matter_answered', title: '事项已答复', text: '事项 {code} 已答复。' },
      ]);
      expect(res.statusCode).toBe(403);
    }
    expect((await getTemplates()).version).toBe(1);
  });
});
