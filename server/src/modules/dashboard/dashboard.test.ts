/**
 * The dashboard over generated matters: the rollups give exactly what core/domain/kpi computes from
 * the rows, the same as the direct count; the refresh catches up with a new intake; leaders see only
 * their subtree; every figure drills down to the matters behind it.
 */
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addCounters,
  type DueCounters,
  dueMeasures,
  emptyMatterCounters,
  type MatterFacts,
  matterMeasures,
} from '../../../../core/domain/kpi/measures';
import { disputeBody, register } from '../../../test/matter-steps';
import { createTestApp, type TestApp } from '../../../test/test-app';
import { piiCipher } from '../../pii/pii-cipher';
import { generateMatters } from '../demo/generator/generate.service';
import * as repo from './dashboard.repo';
import { refreshDashboard } from './refresh.service';

let t: TestApp;
const rows = async <T>(q: ReturnType<typeof sql>) =>
  ((await t.database.db.execute(q)) as unknown as { rows: T[] }).rows;
const cur = { from: '2025-04', to: '2026-03' };
const prev = { from: '2024-04', to: '2025-03' };

beforeAll(async () => {
  t = await createTestApp();
  await generateMatters(
    t.deps,
    { requestId: 'test', ip: null, actor: null },
    {
      countyCode: '620602',
      matters: 1500,
      years: 2,
      anomalies: false,
      seed: 11,
      asOf: t.clock.now(),
      piiKey: t.deps.config.piiHashKey,
      cipher: piiCipher(t.deps.config),
    },
  );
  await refreshDashboard(t.deps, '620602', true);
});
afterAll(() => t.close());

/** The counters as core computes them from the rows, for matters created in the local months given. */
async function expected(p: { from: string; to: string }, townId?: string) {
  const ms = await rows<MatterFacts & { hasVillage: boolean; supervised: boolean }>(sql`
    select m.kind, m.channel, m.status, m.intake_level as "intakeLevel", m.owner_level as "ownerLevel", m.rating, m.rated_by as "ratedBy",
      m.rework_count as "reworkCount", m.collective, m.village_id is not null as "hasVillage",
      m.state->'petition'->>'ending' as "petitionEnding",
      m.state->'followUp'->>'matterResolved' as "followUpMatter",
      (m.state->'followUp'->>'heartResolved')::boolean as "followUpHeart",
      exists (select 1 from supervision_orders s where s.county_code = m.county_code and s.matter_id = m.id) as supervised
    from matters m
    where to_char(m.created_at at time zone 'Asia/Shanghai', 'YYYY-MM') between ${p.from} and ${p.to}
      ${townId ? sql`and m.town_id = ${townId}` : sql``}`);
  const matters = ms.map(matterMeasures).reduce(addCounters, emptyMatterCounters());
  const ds = await rows<{ dueAt: string; endedAt: string | null }>(sql`
    select d.due_at as "dueAt", d.stopped_at as "endedAt" from deadlines d join matters m on m.county_code = d.county_code and m.id = d.matter_id
    where d.basis in ('XF-34', 'LOCAL-SAME-DAY', 'LOCAL-VILLAGE', 'LOCAL-TOWN', 'LOCAL-DISTRICT', 'LOCAL-GRID-HANDLE')
      and d.due_at is not null
      and to_char(d.due_at at time zone 'Asia/Shanghai', 'YYYY-MM') between ${p.from} and ${p.to}
      ${townId ? sql`and m.town_id = ${townId}` : sql``}`);
  const zero: DueCounters = { onTime: 0, late: 0, openOverdue: 0 };
  const handling = ds
    .map((d) =>
      dueMeasures(
        { dueAt: new Date(d.dueAt), endedAt: d.endedAt ? new Date(d.endedAt) : null },
        t.clock.now(),
      ),
    )
    .reduce(addCounters, zero);
  return { matters, handling };
}

describe('dashboard figures', () => {
  it('answers from the rollups exactly what core/domain/kpi computes from the rows', async () => {
    const leader = await t.login('leader');
    const res = await leader.request({
      method: 'GET',
      url: `/api/dashboard/kpis?from=${cur.from}&to=${cur.to}`,
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.scope.source).toBe('rollup');
    const now = await expected(cur);
    const before = await expected(prev);
    expect(body.counters.current).toEqual(now.matters);
    expect(body.counters.previous).toEqual(before.matters);
    expect(body.duties.handling.current).toEqual(now.handling);
    expect(now.matters.intake).toBeGreaterThan(300);
    const onTime = body.kpis.find((k: { key: string }) => k.key === 'onTimeRate');
    expect(onTime.current.den).toBe(now.handling.onTime + now.handling.late + now.handling.openOverdue);
    // 事心双结率: the demo data's visits carry both answers, so the figure is never empty.
    const both = body.kpis.find((k: { key: string }) => k.key === 'bothResolvedRate');
    expect(both.label).toBe('事心双结率');
    expect(now.matters.followUpAnswered).toBeGreaterThan(0);
    expect(now.matters.bothResolved).toBeLessThan(now.matters.followUpAnswered);
    expect(both.current).toMatchObject({ num: now.matters.bothResolved, den: now.matters.followUpAnswered });
    expect(body.breakdown.channel.reduce((s: number, c: { count: number }) => s + c.count, 0)).toBe(
      now.matters.intake,
    );
    expect(body.breakdown.town.reduce((s: number, c: { count: number }) => s + c.count, 0)).toBe(
      now.matters.intake,
    );
  });

  it('gives the same answer from the rollups and from the matters directly, with filters', async () => {
    const [town] = await rows<{ id: string }>(
      sql`select town_id as id from matters group by 1 order by count(*) desc limit 1`,
    );
    for (const w of [
      { countyCode: '620602', townId: town!.id },
      { countyCode: '620602', kind: 'dispute', level: 'village' },
      { countyCode: '620602', categoryCode: 'MED-03' },
      // A town filtered by kind: the detailed cube (the county-wide ones above read the county cubes).
      { countyCode: '620602', townId: town!.id, kind: 'dispute' },
    ]) {
      const a = await repo.matterCounters(t.database.db, 'rollup', w, cur, prev);
      const b = await repo.matterCounters(t.database.db, 'direct', w, cur, prev);
      expect(a).toEqual(b);
      const da = await repo.dutyCounters(t.database.db, 'rollup', w, cur, prev, t.clock.now());
      const db = await repo.dutyCounters(t.database.db, 'direct', w, cur, prev, t.clock.now());
      expect(da).toEqual(db);
      const ba = await repo.breakdown(t.database.db, 'rollup', w, cur);
      const bb = await repo.breakdown(t.database.db, 'direct', w, cur);
      const key = (r: repo.BreakdownRow) => `${r.dim}/${r.key}`;
      expect([...ba].sort((x, y) => key(x).localeCompare(key(y)))).toEqual(
        [...bb].sort((x, y) => key(x).localeCompare(key(y))),
      );
    }
  });

  it('catches up with a new intake at the next refresh, and only recomputes the months touched', async () => {
    const leader = await t.login('leader');
    const get = async () =>
      (await leader.request({ method: 'GET', url: '/api/dashboard/kpis?from=2026-03&to=2026-03' })).json()
        .counters.current.intake as number;
    const before = await get();
    const clerk = await t.login('village-clerk');
    const [me] = await rows<{ org: string }>(
      sql`select org_id as org from users where username = 'village-clerk'`,
    );
    await register(clerk, disputeBody(me!.org));
    expect(await get()).toBe(before);
    t.clock.advance(60_000);
    const out = await refreshDashboard(t.deps, '620602');
    expect(out.full).toBe(false);
    // The new matter's month, and the months of matters changed within the look-back before the last run.
    expect(out.intakeMonths).toBeGreaterThanOrEqual(1);
    expect(out.intakeMonths).toBeLessThan(12);
    expect(await get()).toBe(before + 1);
  });
});

describe('subtree and drill-down', () => {
  it('shows a town leader their town, and no other town or village', async () => {
    const tl = await t.login('town01-leader');
    const res = await tl.request({ method: 'GET', url: '/api/dashboard/kpis' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.scope.org.kind).toBe('town');
    expect(body.breakdown.town.every((x: { key: string }) => x.key === body.scope.org.id)).toBe(true);
    const [other] = await rows<{ id: string; village: string }>(sql`
      select t.id, (select v.id from orgs v where v.parent_id = t.id and v.kind = 'village' limit 1) as village
      from orgs t where t.kind = 'town' and t.id <> ${body.scope.org.id} limit 1`);
    for (const q of [`townId=${other!.id}`, `villageId=${other!.village}`]) {
      const r = await tl.request({ method: 'GET', url: `/api/dashboard/kpis?${q}` });
      expect(r.statusCode).toBe(404);
    }
    const clerk = await t.login('village-clerk');
    expect((await clerk.request({ method: 'GET', url: '/api/dashboard/kpis' })).statusCode).toBe(403);
  });

  it('counts a village directly and withholds percentages of small samples', async () => {
    const leader = await t.login('leader');
    const [v] = await rows<{ id: string }>(
      sql`select village_id as id from matters group by 1 order by count(*) asc limit 1`,
    );
    const body = (
      await leader.request({
        method: 'GET',
        url: `/api/dashboard/kpis?villageId=${v!.id}&from=${cur.from}&to=${cur.to}`,
      })
    ).json();
    expect(body.scope.source).toBe('direct');
    const r = body.kpis.find((k: { key: string }) => k.key === 'resolvedRate');
    expect(r.current.smallSample).toBe(true);
    expect(r.current.value).toBeNull();
  });

  it('drills a figure down to its matters, and a matter opens', async () => {
    const leader = await t.login('leader');
    const body = (
      await leader.request({ method: 'GET', url: `/api/dashboard/kpis?from=${cur.from}&to=${cur.to}` })
    ).json();
    const n = body.counters.current.collective as number;
    expect(n).toBeGreaterThan(0);
    const ids: string[] = [];
    for (let page = 1; ; page++) {
      const r = (
        await leader.request({
          method: 'GET',
          url: `/api/dashboard/matters?measure=collective&from=${cur.from}&to=${cur.to}&page=${page}&pageSize=10`,
        })
      ).json();
      for (const m of r.items as { id: string; collective: boolean }[]) {
        expect(m.collective).toBe(true);
        ids.push(m.id);
      }
      if (!r.hasMore) break;
    }
    expect(ids.length).toBe(n);
    const live = (await leader.request({ method: 'GET', url: '/api/dashboard/live' })).json();
    const over = (
      await leader.request({ method: 'GET', url: '/api/dashboard/matters?measure=overdue&pageSize=100' })
    ).json();
    expect(live.counts.overdue).toBeGreaterThan(0);
    expect(over.items.length).toBe(Math.min(100, live.counts.overdue));
    const one = await leader.request({ method: 'GET', url: `/api/matters/${ids[0]}` });
    expect(one.statusCode).toBe(200);
  });

  it('refuses a period longer than a year or upside down with a Chinese message', async () => {
    const leader = await t.login('leader');
    const r = await leader.request({ method: 'GET', url: '/api/dashboard/kpis?from=2026-03&to=2025-01' });
    expect(r.statusCode).toBe(400);
    expect(r.json().message).toMatch(/月份/);
  });

  it('refuses a month before 2000 (year 0000, 0001, 946 used to answer 500)', async () => {
    const leader = await t.login('leader');
    for (const view of ['kpis', 'trend', 'map', 'live'])
      for (const q of ['to=0000-05', 'to=0001-01', 'to=0946-11', 'from=1999-12&to=2000-02']) {
        const r = await leader.request({ method: 'GET', url: `/api/dashboard/${view}?${q}` });
        expect(r.statusCode, `${view}?${q}`).toBe(400);
        expect(r.json().details[0]).toMatchObject({ message: '月份不能早于 2000 年 1 月' });
      }
  });

  it('exports the matters behind a figure to XLSX, neutralises formulas and records the export', async () => {
    const clerk = await t.login('village-clerk');
    const [me] = await rows<{ org: string }>(
      sql`select org_id as org from users where username = 'village-clerk'`,
    );
    const made = await register(clerk, disputeBody(me!.org, { title: '=HYPERLINK("http://evil","点我")' }));
    t.clock.advance(60_000);
    await refreshDashboard(t.deps, '620602');
    const leader = await t.login('leader');
    const res = await leader.request({
      method: 'GET',
      url: '/api/dashboard/matters.xlsx?measure=intake&from=2026-03&to=2026-03',
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const titles: string[] = [];
    ws.eachRow((row, n) => {
      if (n > 1) titles.push(String(row.getCell(2).value));
    });
    expect(titles).toContain('\'=HYPERLINK("http://evil","点我")');
    expect(ws.getRow(1).getCell(1).value).toBe('事项编号');
    const [ev] = await rows<{ n: number }>(
      sql`select count(*)::int as n from events where action = 'dashboard.exported'`,
    );
    expect(ev!.n).toBe(1);
    expect(made.matter.code).toBeTruthy();
  });
});
