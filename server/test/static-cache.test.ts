/**
 * Cache headers of the web app served by the server (issue 4, 3G budget): files under assets/ carry a
 * content hash, so a phone keeps them and never asks again; index.html and the service worker are
 * revalidated so a new release is seen at once.
 */
import { existsSync, readdirSync } from 'node:fs';
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

  it('revalidates the page and the service worker on every visit', async () => {
    for (const url of ['/', '/public/submit', '/sw.js']) {
      const res = await web.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['cache-control'], url).toBe('no-cache');
    }
  });
});
