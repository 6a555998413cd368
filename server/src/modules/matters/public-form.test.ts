/**
 * 反映问题 without script (issue 20): the phone entry's page carries the plain form; its post files an
 * ordinary online matter and answers with the code and secret; a problem comes back on the form with
 * what was typed; a reload that posts again shows the same matter; a foreign origin is refused.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/test-app';
import { buildApp, webDist } from '../../app';
import { events } from '../../db/schema';
import { byCode } from './matters.repo';

// The phone entry's page exists after a web build (`npm run build:web`); without it there is no form.
const built = existsSync(path.join(webDist, 'phone.html'));

const form = (fields: Record<string, string>) => ({
  method: 'POST' as const,
  url: '/public/submit',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  payload: new URLSearchParams(fields).toString(),
});

const filled = {
  category: 'dispute:MED-02',
  title: '邻居院墙滴水',
  description: '邻居家院墙滴水到我家院内，多次商量没有结果。',
  address: '凉州区东大街南苑社区3号院',
  name: '钱某某',
  phone: '13987650033',
  otherName: '孙某某',
  otherPhone: '',
  otherAddress: '',
};

describe.skipIf(!built)('反映问题 from its HTML', () => {
  let t: TestApp;
  let web: FastifyInstance;
  beforeAll(async () => {
    t = await createTestApp();
    web = await buildApp(t.deps, { serveWeb: true });
    await web.ready();
  });
  afterAll(async () => {
    await web?.close();
    await t?.close();
  });

  it('sends the phone entry with the plain form in it, the categories grouped by type', async () => {
    for (const url of ['/public', '/public/submit', '/public/submit/']) {
      const res = await web.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type'], url).toContain('text/html');
      expect(res.body, url).toContain('<form method="post" action="/public/submit"');
      expect(res.body, url).toMatch(/<script type="module"[^>]+src="\/assets\/phone-/);
      expect(res.body, url).toContain('<optgroup label="矛盾纠纷">');
      expect(res.body, url).toContain('value="dispute:MED-02"');
      expect(res.body, url).not.toContain('正在加载');
      // Its post carries this origin (under no-referrer a browser would send `Origin: null`).
      expect(res.body, url).toContain('<meta name="referrer" content="same-origin">');
    }
  });

  it('files the matter and answers with its code and secret; posting again shows the same matter', async () => {
    const key = 'nojs-test-key-0001';
    const res = await web.inject(form({ ...filled, key }));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.body).toContain('提交成功');
    const code = /data-nojs="public-code">([^<]+)</.exec(res.body)?.[1];
    const secret = /data-nojs="public-secret">([^<]+)</.exec(res.body)?.[1];
    expect(code).toMatch(/^\d{6}-\d{4}-\d{6}$/);
    expect(res.body).toContain('139****0033');
    // No script on the answer: the phone entry would draw its empty form over it.
    expect(res.body).not.toContain('<script');
    const tracked = await web.inject({
      method: 'POST',
      url: '/api/public/matters/track',
      payload: { code, secret, phone: filled.phone },
    });
    expect(tracked.statusCode, tracked.body).toBe(200);
    expect(tracked.json().title).toBe('邻居院墙滴水');
    const again = await web.inject(form({ ...filled, key }));
    expect(again.statusCode).toBe(200);
    expect(/data-nojs="public-code">([^<]+)</.exec(again.body)?.[1]).toBe(code);
  });

  it('answers a problem on the form, in words, with what was typed', async () => {
    const res = await web.inject(form({ ...filled, title: ' ', otherName: '', phone: '1398765' }));
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('请用一句话概括');
    expect(res.body).toContain('请填写对方的姓名或称呼');
    expect(res.body).toContain('value="1398765"');
    expect(res.body).toContain('<option value="dispute:MED-02" selected>');
    expect(res.body).toContain('aria-invalid="true"');
    // The phone number's format, from the contract, once the required fields are there.
    const bad = await web.inject(form({ ...filled, phone: '1398765' }));
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toMatch(/id="nojs-phone-problem"[^>]*>[^<]+</);
  });

  it('refuses a post from another site, with or without a staff member’s session', async () => {
    const res = await web.inject({
      ...form(filled),
      headers: { ...form(filled).headers, origin: 'https://evil.example' },
    });
    expect(res.statusCode).toBe(403);
    const clerk = await t.login('clerk');
    const withCookie = await web.inject({
      ...form(filled),
      headers: { ...form(filled).headers, origin: 'https://evil.example', cookie: clerk.cookie },
    });
    expect(withCookie.statusCode).toBe(403);
  });

  // A cross-site form post from a browser that sends no Origin carries the staff member's cookie and no
  // CSRF token: it must neither act as that staff member nor be told apart from a resident's own post.
  it('files a post carrying a staff member’s session as an anonymous resident’s', async () => {
    const clerk = await t.login('clerk');
    const res = await web.inject({
      ...form({ ...filled, phone: '13987650044', key: 'nojs-test-key-staff' }),
      headers: { ...form(filled).headers, cookie: clerk.cookie },
    });
    expect(res.statusCode, res.body).toBe(200);
    const code = /data-nojs="public-code">([^<]+)</.exec(res.body)?.[1];
    expect(code).toMatch(/^\d{6}-\d{4}-\d{6}$/);
    const m = await byCode(t.database.db, code!.slice(0, 6), code!);
    expect(m?.channel).toBe('online');
    expect(m?.intakeUserId).toBeNull();
    const made = await t.database.db
      .select()
      .from(events)
      .where(and(eq(events.countyCode, m!.countyCode), eq(events.objectId, m!.id)));
    expect(made.length).toBeGreaterThan(0);
    for (const e of made) {
      expect(e.actorId).toBeNull();
      expect(e.actorName).toBeNull();
      expect(e.actorOrgId).toBeNull();
    }
  });
});
