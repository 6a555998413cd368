/**
 * The optional background map (docs/DEPLOY.md MAP_TILE_*): off by default, with no foreign host in
 * the Content-Security-Policy; when configured, the web learns it from GET /api/geo/tiles and the
 * policy lets images come from exactly the tile hosts.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config';
import { createTestApp, type TestApp } from './test-app';

const tianditu = {
  MAP_TILE_URL:
    'https://t{s}.tianditu.gov.cn/vec_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=vec&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}',
  MAP_TILE_LABEL_URL:
    'https://t{s}.tianditu.gov.cn/cva_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=cva&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}',
  MAP_TILE_KEY: 'browser-key-0123456789',
  MAP_TILE_SUBDOMAINS: '0123',
};

const apps: TestApp[] = [];
afterAll(async () => {
  for (const a of apps) await a.close();
});

describe('map tiles', () => {
  it('are off by default: no tiles, and the policy allows images from this site only', async () => {
    const t = await createTestApp();
    apps.push(t);
    const res = await t.app.inject({ method: 'GET', url: '/api/geo/tiles' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ tiles: null });
    expect(res.headers['content-security-policy']).toMatch(/img-src 'self' data: blob:;/);
  });

  it('when configured, reach the web and open the policy to exactly the tile hosts', async () => {
    const mapTiles = loadConfig(tianditu).mapTiles;
    expect(mapTiles?.origins).toEqual([0, 1, 2, 3].map((i) => `https://t${i}.tianditu.gov.cn`));
    const t = await createTestApp({ mapTiles });
    apps.push(t);
    const res = await t.app.inject({ method: 'GET', url: '/api/geo/tiles' });
    expect(res.json()).toEqual({
      tiles: {
        url: tianditu.MAP_TILE_URL,
        labelUrl: tianditu.MAP_TILE_LABEL_URL,
        key: tianditu.MAP_TILE_KEY,
        subdomains: '0123',
      },
    });
    const csp = String(res.headers['content-security-policy']);
    const img = csp.split('; ').find((d) => d.startsWith('img-src'));
    expect(img).toBe(
      "img-src 'self' data: blob: https://t0.tianditu.gov.cn https://t1.tianditu.gov.cn https://t2.tianditu.gov.cn https://t3.tianditu.gov.cn",
    );
    // Images only: scripts and connections stay with this site.
    expect(csp).toMatch(/script-src 'self';/);
    expect(csp).toMatch(/connect-src 'self';/);
  });

  it('refuses a template that is not https or lacks a tile coordinate, and a label layer alone', () => {
    expect(() => loadConfig({ MAP_TILE_URL: 'http://t0.example.gov.cn/{z}/{x}/{y}.png' })).toThrow(
      /MAP_TILE_URL/,
    );
    expect(() => loadConfig({ MAP_TILE_URL: 'https://t0.example.gov.cn/{z}/{x}.png' })).toThrow(/\{y\}/);
    expect(() => loadConfig({ MAP_TILE_LABEL_URL: tianditu.MAP_TILE_LABEL_URL })).toThrow(
      /MAP_TILE_LABEL_URL/,
    );
  });
});
