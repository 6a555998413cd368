import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUser, orgByDivision, testCtx } from '../../../test/factories';
import { createTestApp, type TestApp } from '../../../test/test-app';
import { importGrids } from './grid-import.service';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const locate = (lng: number, lat: number) =>
  t.app.inject({ method: 'GET', url: `/api/geo/locate?lng=${lng}&lat=${lat}` });

describe('place names', () => {
  it('lists every town and village with a point that locates back to it, without logging in', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/geo/places?county=620602' });
    expect(res.statusCode, res.body).toBe(200);
    const places = res.json() as {
      id: string;
      name: string;
      level: string;
      town: string | null;
      lng: number;
      lat: number;
    }[];
    const towns = places.filter((p) => p.level === 'town');
    const villages = places.filter((p) => p.level === 'village');
    expect(towns.length).toBe(50);
    expect(villages.length).toBeGreaterThan(500);
    const nanyuan = villages.find((p) => p.name === '南苑社区');
    expect(nanyuan?.town).toBeTruthy();
    // The point written for a village lies in that village (checked through the public lookup).
    for (const p of [nanyuan!, ...villages.slice(0, 20), ...towns.slice(0, 10)]) {
      const hit = (await locate(p.lng, p.lat)).json();
      expect(p.level === 'town' ? hit.town.id : hit.village.id, p.name).toBe(p.id);
    }
  });

  it('answers a county it does not serve with 404', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/geo/places?county=110101' });
    expect(res.statusCode).toBe(404);
  });
});

describe('point lookup', () => {
  it('tells the grid, village and town of a point in the county, without logging in', async () => {
    const res = await locate(102.642184, 37.928224);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.county).toEqual({ code: '620602', name: '凉州区' });
    expect(body.grid.code.startsWith(body.village.code)).toBe(true);
    expect(body.village.code.startsWith(body.town.code)).toBe(true);
  });

  it('answers a point outside the county with 422 and a Chinese message', async () => {
    const res = await locate(116.4, 39.9);
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'OUTSIDE_COUNTY' });
    expect(res.json().message).toMatch(/不在本系统服务的县（区）范围内/);
  });

  it('refuses coordinates that are not coordinates', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/geo/locate?lng=abc&lat=37' })).statusCode).toBe(
      400,
    );
    expect((await t.app.inject({ method: 'GET', url: '/api/geo/locate?lng=500&lat=37' })).statusCode).toBe(
      400,
    );
  });
});

describe('grids', () => {
  it('draws the grids of a town for its leader, and only those', async () => {
    const s = await t.login('town01-leader');
    const fc = (await s.request({ method: 'GET', url: '/api/grids.geojson' })).json();
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.features.length).toBeGreaterThan(0);
    const town = await orgByDivision(t, '620602001');
    expect(
      fc.features.every((f: { properties: { townName: string } }) => f.properties.townName === town.name),
    ).toBe(true);
  });

  it('lists a village grid with its assigned demo grid worker', async () => {
    const s = await t.login('village-clerk');
    const res = (await s.request({ method: 'GET', url: '/api/grids' })).json();
    expect(res.total).toBeGreaterThan(0);
    expect(res.items[0].workers.map((w: { displayName: string }) => w.displayName)).toContain(
      '南苑社区网格员（演示）',
    );
  });

  it('assigns grid workers of the grid town, and refuses other people', async () => {
    const admin = await t.login('admin');
    const village = await orgByDivision(t, '620602001002');
    const grids = (await admin.request({ method: 'GET', url: `/api/grids?orgId=${village.id}` })).json();
    const grid = grids.items[0];
    const worker = await buildUser(t, village, ['grid_worker']);
    const ok = await admin.request({
      method: 'PUT',
      url: `/api/grids/${grid.id}/workers`,
      payload: { userIds: [worker.id] },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().workers.map((w: { id: string }) => w.id)).toEqual([worker.id]);
    const clerk = await buildUser(t, village, ['clerk']);
    const bad = await admin.request({
      method: 'PUT',
      url: `/api/grids/${grid.id}/workers`,
      payload: { userIds: [clerk.id] },
    });
    expect(bad.statusCode).toBe(422);
    const elsewhere = await buildUser(t, await orgByDivision(t, '620602002001'), ['grid_worker']);
    const far = await admin.request({
      method: 'PUT',
      url: `/api/grids/${grid.id}/workers`,
      payload: { userIds: [elsewhere.id] },
    });
    expect(far.statusCode).toBe(422);
  });
});

describe('grid import', () => {
  const generated = JSON.parse(readFileSync('data/liangzhou/grids.generated.geojson', 'utf8'));

  it('rejects a file with overlapping, outside and unknown-village grids, naming each, and imports nothing', async () => {
    const features = generated.features.slice(0, 3).map((f: object) => structuredClone(f));
    features.push({
      ...structuredClone(generated.features[0]),
      properties: { ...generated.features[0].properties, code: '620602999999001' },
    });
    features.push({
      type: 'Feature',
      properties: { code: '620602999999002', villageCode: '620602001001' },
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [116, 39],
            [116.1, 39],
            [116.1, 39.1],
            [116, 39.1],
            [116, 39],
          ],
        ],
      },
    });
    features.push({
      ...structuredClone(generated.features[1]),
      properties: { code: '620602999999003', villageCode: '999999999999' },
    });
    const before = (await (await t.login('admin')).request({ method: 'GET', url: '/api/counties' })).json()[0]
      .gridCount;
    const err = await importGrids(t.deps, testCtx(), '620602', { type: 'FeatureCollection', features }).catch(
      (e) => e,
    );
    expect(err.code).toBe('IMPORT_REJECTED');
    const codes = err.details.problems.map(
      (p: { code: string; feature: number }) => `${p.code}@${p.feature}`,
    );
    expect(codes).toEqual(expect.arrayContaining(['GRID_OUTSIDE_COUNTY@4', 'GRID_UNKNOWN_VILLAGE@5']));
    const overlap = err.details.problems.find((p: { code: string }) => p.code === 'GRID_OVERLAP');
    expect([overlap.feature, overlap.other].sort()).toEqual([0, 3]);
    for (const p of err.details.problems) expect(p.message).toMatch(/第 \d+ 个要素/);
    const after = (await (await t.login('admin')).request({ method: 'GET', url: '/api/counties' })).json()[0]
      .gridCount;
    expect(after).toBe(before);
  });

  it('replaces the grids with a valid file and the point lookup follows', async () => {
    const res = await importGrids(t.deps, testCtx(), '620602', generated);
    expect(res.imported).toBe(generated.features.length);
    expect((await locate(102.642184, 37.928224)).statusCode).toBe(200);
  });
});
