/**
 * 市/省级总览 (issue 18): a 市/省级领导 sees each county of the city (or province) side by side, the
 * region's rates computed from the summed counts; no county role may ask; a county without a city in
 * its division data is not in the city's list.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RegionResponse } from '../../../../core/contracts/region';
import { computeKpis } from '../../../../core/domain/kpi/formulas';
import { buildUser, orgByDivision, testCtx } from '../../../test/factories';
import { buildMatter } from '../../../test/matter-factory';
import { createTestApp, type TestApp } from '../../../test/test-app';
import { importCounty } from '../counties/county-import.service';

let t: TestApp;
let regional: { username: string };

async function addCounty(code: string, name: string, cityName: string | null, provinceName: string) {
  await importCounty(t.deps, testCtx(), {
    code,
    name,
    cityName,
    provinceName,
    source: 'region test',
    towns: [
      {
        code: `${code}001`,
        name: `${name}城关镇`,
        kind: 'town',
        villages: [{ code: `${code}001001`, name: `${name}一村村委会`, kind: 'village' }],
      },
    ],
  });
}

beforeAll(async () => {
  t = await createTestApp();
  // Two more counties of 武威市 (民勤县, 古浪县) and one of another city of the province.
  await addCounty('620621', '民勤县', '武威市', '甘肃省');
  await addCounty('620622', '古浪县', '武威市', '甘肃省');
  await addCounty('620702', '甘州区', '张掖市', '甘肃省');
  const root = await orgByDivision(t, '620602');
  regional = await buildUser(t, root, ['regional_leader']);
  // Something to count in two of the counties.
  for (let i = 0; i < 4; i++) await buildMatter(t, root);
});
afterAll(() => t?.close());

describe('GET /api/dashboard/region', () => {
  it('lists every county of the city, each with its own counts, and the region from the sums', async () => {
    const s = await t.login(regional.username);
    const res = await s.request({ method: 'GET', url: '/api/dashboard/region?scope=city' });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as RegionResponse;
    expect(body.name).toBe('武威市');
    expect(body.counties.map((c) => c.code).sort()).toEqual(['620602', '620621', '620622']);
    const liangzhou = body.counties.find((c) => c.code === '620602')!;
    expect(liangzhou.counters.intake).toBeGreaterThanOrEqual(4);
    expect(body.counties.find((c) => c.code === '620621')!.counters.intake).toBe(0);
    const summed = body.counties.reduce((n, c) => n + (c.counters.intake ?? 0), 0);
    expect(body.total.counters.intake).toBe(summed);
    // Rates from the summed counters, by core's formulas (not an average of the counties' rates).
    const resolved = body.total.kpis.find((k) => k.key === 'resolvedRate')!.value;
    expect(resolved.den).toBe(body.total.counters.done);
    expect(resolved).toEqual(
      computeKpis({
        matters: body.total.counters as never,
        handling: { onTime: 0, late: 0, openOverdue: 0 },
        supervision: { onTime: 0, late: 0, openOverdue: 0 },
      }).resolvedRate,
    );
  });

  it('widens to the province', async () => {
    const s = await t.login(regional.username);
    const res = await s.request({ method: 'GET', url: '/api/dashboard/region?scope=province' });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as RegionResponse;
    expect(body.name).toBe('甘肃省');
    expect(body.counties.map((c) => c.code).sort()).toEqual(['620602', '620621', '620622', '620702']);
  });

  it('is refused to every county role, the county leader included', async () => {
    for (const who of ['leader', 'admin', 'clerk']) {
      const s = await t.login(who);
      const res = await s.request({ method: 'GET', url: '/api/dashboard/region' });
      expect(res.statusCode, who).toBe(403);
    }
  });

  it('gives the regional leader no county dashboard of its own', async () => {
    const s = await t.login(regional.username);
    const res = await s.request({ method: 'GET', url: '/api/dashboard/kpis' });
    expect(res.statusCode).toBe(403);
  });
});
