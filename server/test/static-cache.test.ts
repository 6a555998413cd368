/**
 * Cache headers of the web app served by the server (issue 4, 3G budget): files under assets/ carry a
 * content hash, so a phone keeps them and never asks again; index.html and the service worker are
 * revalidated so a new release is seen at once.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, webDist } from '../src/app';
import { createTestApp, type TestApp } from './test-app';

// The web build exists after `npm ci` (prepare) or `npm run build`; without it the server serves no web.
const built = existsSync(path.join(webDist, 'index.html'));

describe.skipIf(!built)('static web app', () => {
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

  it('lets phones keep hashed scripts for a year, compressed, without revalidating', async () => {
    const script = readdirSync(path.join(webDist, 'assets')).find((f) => f.endsWith('.js'));
    if (!script) throw new Error('no script in the web build');
    const res = await web.inject({
      method: 'GET',
      url: `/assets/${script}`,
      headers: { 'accept-encoding': 'br, gzip' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.headers.vary).toContain('accept-encoding');
  });

  it('answers 404 in JSON, never the web page, for a path a machine asks for that does not exist', async () => {
    for (const url of ['/metrics/x', '/readyz/x', '/livez', '/api/nothing-here', '/api', '/healthz/x']) {
      const res = await web.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(404);
      expect(res.json(), url).toMatchObject({ code: 'NOT_FOUND' });
    }
    // A web page whose name merely starts like one of them is still the web app.
    expect((await web.inject({ method: 'GET', url: '/metrics-help' })).statusCode).toBe(200);
  });

  it('revalidates the page and the service worker on every visit', async () => {
    for (const url of ['/', '/public/submit', '/sw.js']) {
      const res = await web.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['cache-control'], url).toBe('no-cache');
    }
  });

  it("sends the residents' pages the phone entry (issue 20), a town's page included, revalidated", async () => {
    const table = JSON.parse(readFileSync(path.join(webDist, 'routes.json'), 'utf8')) as Record<
      string,
      string
    >;
    expect(table).toMatchObject({ '/public': 'phone.html', '/public/*': 'phone.html', '/t/*': 'phone.html' });
    const phone = readFileSync(path.join(webDist, 'phone.html'), 'utf8');
    // Its own script, none of the staff entry's (React DOM, antd).
    expect(phone).toMatch(/src="\/assets\/phone-[^"]+\.js"/);
    expect(phone).not.toMatch(/assets\/(ui|react)-/);
    for (const url of [
      '/public',
      '/public/submit',
      '/public/track/',
      '/public/services?q=1',
      '/public/decisions?orgId=x',
      `/t/${encodeURIComponent('四坝')}`,
    ]) {
      const res = await web.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type'], url).toContain('text/html');
      expect(res.headers['cache-control'], url).toBe('no-cache');
      // 反映问题 comes with its plain form in the page (server/src/modules/matters/public-form.*).
      if (/^\/public(\/submit)?\/?$/.test(url.split('?', 1)[0]!)) {
        expect(res.body, url).toContain(/<script type="module"[^>]*>/.exec(phone)![0]);
        expect(res.body, url).toContain('<form method="post" action="/public/submit"');
      } else expect(res.body, url).toBe(phone);
    }
    // A path that only starts like one stays with the staff entry.
    expect((await web.inject({ method: 'GET', url: '/publicity' })).body).not.toBe(phone);
  });

  it("sends the grid worker's kit its own entry (issue 20), on every path of the kit, revalidated", async () => {
    const table = JSON.parse(readFileSync(path.join(webDist, 'routes.json'), 'utf8')) as Record<
      string,
      string
    >;
    expect(table).toMatchObject({ '/field': 'field.html', '/field/*': 'field.html' });
    const kit = readFileSync(path.join(webDist, 'field.html'), 'utf8');
    // Its own script, none of the staff entry's (React DOM, antd).
    expect(kit).toMatch(/src="\/assets\/field-[^"]+\.js"/);
    expect(kit).not.toMatch(/assets\/(ui|react)-/);
    // Who is signed in is asked with the page, not after the script.
    expect(kit).toMatch(/<link rel="preload" href="\/api\/auth\/me" as="fetch" crossorigin="anonymous"/);
    for (const url of ['/field', '/field?x=1', '/field/', '/field/report', '/field/log']) {
      const res = await web.inject({ method: 'GET', url, headers: { 'accept-encoding': 'br' } });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type'], url).toContain('text/html');
      expect(res.headers['cache-control'], url).toBe('no-cache');
      expect((await web.inject({ method: 'GET', url })).body, url).toBe(kit);
    }
    // Its service worker keeps that page and the files it names, nothing of the staff entry.
    const sw = readFileSync(path.join(webDist, 'sw.js'), 'utf8');
    const shell = JSON.parse(/const SHELL = (\[[^\]]*\]);/.exec(sw)![1]!) as string[];
    expect(shell).toContain('/field.html');
    for (const m of kit.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)) expect(shell).toContain(m[1]);
    expect(shell.some((f) => /\/assets\/(ui|react)-/.test(f))).toBe(false);
    for (const f of shell) expect(existsSync(path.join(webDist, f)), f).toBe(true);
    // A path that only starts like one stays with the staff entry.
    expect((await web.inject({ method: 'GET', url: '/fieldwork' })).body).not.toBe(kit);
  });

  it('sends the staff home the page that preloads every chunk it needs, compressed, revalidated', async () => {
    const table = JSON.parse(readFileSync(path.join(webDist, 'routes.json'), 'utf8')) as Record<
      string,
      string
    >;
    expect(Object.keys(table)).toEqual(expect.arrayContaining(['/']));
    const plain = await web.inject({ method: 'GET', url: '/matters' });
    const plainPreloads = plain.body.match(/rel="modulepreload"/g)?.length ?? 0;
    // The staff home (web/route-chunks.ts staffEntries): its layout and home page in the first wave.
    for (const url of ['/', '/?from=login']) {
      const res = await web.inject({ method: 'GET', url, headers: { 'accept-encoding': 'br' } });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type'], url).toContain('text/html');
      expect(res.headers['cache-control'], url).toBe('no-cache');
      const page = await web.inject({ method: 'GET', url });
      const files = [...page.body.matchAll(/rel="modulepreload" crossorigin href="\/(assets\/[^"]+)"/g)].map(
        (m) => m[1]!,
      );
      // More than index.html names, and every one of them exists in the build.
      expect(files.length, url).toBeGreaterThan(plainPreloads);
      for (const f of files) expect(existsSync(path.join(webDist, f)), f).toBe(true);
    }
    // Any other staff page keeps the plain index.html.
    expect(plain.body).toBe(readFileSync(path.join(webDist, 'index.html'), 'utf8'));
    const home = await web.inject({ method: 'GET', url: '/' });
    expect(home.body).toContain(
      '<link rel="preload" href="/api/auth/me" as="fetch" crossorigin="anonymous">',
    );
  });
});
