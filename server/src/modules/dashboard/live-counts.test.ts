/**
 * The live counters (dash_live_counts, kept by a row trigger on matters, migration 0033) against a
 * full count of the matters, after a random sequence of what changes a live count: intakes through
 * the intake service, acceptances through the actions service, and straight SQL moves of status,
 * town and intake instant (what a transfer, an ending, a merge or a correction does to the row). Then
 * the dashboard's live figures from the counters against the same figures from the matters, at
 * instants that put the backlog buckets' edges on every kind of day.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orgByDivision } from '../../../test/factories';
import { buildMatter, clerkOf } from '../../../test/matter-factory';
import { createTestApp, type TestApp } from '../../../test/test-app';
import { actOnMatter } from '../matters/actions.service';
import { rows } from './dashboard.repo';
import { liveFromCounters, liveFromMatters } from './live.repo';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
}, 120_000);
afterAll(() => t?.close());

const COUNTY = '620602';
const statuses = [
  'registered',
  'handling',
  'transferring',
  'answered',
  'rated',
  'archived',
  'voided',
  'mediating',
];

/** A small deterministic generator: a failing sequence can be replayed from its seed. */
function lcg(seed: number) {
  let x = seed >>> 0;
  return (n: number) => {
    x = (Math.imul(x, 1_664_525) + 1_013_904_223) >>> 0;
    return x % n;
  };
}

const byKey = (r: { county_code: string; town_key: string; status: string; day: string; n: number }) =>
  `${r.county_code}|${r.town_key}|${r.status}|${r.day}=${Number(r.n)}`;

async function counters() {
  return (
    await rows<{ county_code: string; town_key: string; status: string; day: string; n: number }>(
      t.database.db,
      sql`select county_code, town_key, status, day::text as day, n from dash_live_counts`,
    )
  )
    .map(byKey)
    .sort();
}

async function fullCount() {
  return (
    await rows<{ county_code: string; town_key: string; status: string; day: string; n: number }>(
      t.database.db,
      sql`select county_code, coalesce(town_id::text, '') as town_key, status,
          ((created_at at time zone 'UTC')::date)::text as day, count(*)::int as n
        from matters
        where status in ('registered', 'filed', 'transferring', 'objected', 'handling', 'mediating',
          'checking', 'answered', 'rated')
        group by 1, 2, 3, 4`,
    )
  )
    .map(byKey)
    .sort();
}

describe('live counters', () => {
  it('hold the seeded matters as a full count does', async () => {
    expect(await counters()).toEqual(await fullCount());
  });

  it('match a full count after a random sequence of intakes, actions and moves', async () => {
    const rnd = lcg(20_261_207);
    const villages = await Promise.all(
      ['620602001001', '620602001002', '620602002001'].map((c) => orgByDivision(t, c)),
    );
    const towns = (
      await rows<{ id: string }>(
        t.database.db,
        sql`select id from orgs where county_code = ${COUNTY} and kind = 'town' order by division_code limit 3`,
      )
    ).map((r) => r.id);
    const made: string[] = [];
    for (let step = 0; step < 60; step++) {
      const op = rnd(5);
      if (op === 0 || made.length < 3) {
        const org = villages[rnd(villages.length)]!;
        made.push((await buildMatter(t, org)).id);
        continue;
      }
      const id = made[rnd(made.length)]!;
      if (op === 1) {
        const [m] = await rows<{ status: string; owner_org_id: string }>(
          t.database.db,
          sql`select status, owner_org_id from matters where id = ${id}`,
        );
        const owner = villages.find((v) => v.id === m?.owner_org_id);
        if (m?.status === 'registered' && owner) {
          await actOnMatter(t.deps, await clerkOf(t, owner), id, { action: 'accept' });
        }
      } else if (op === 2) {
        const to = statuses[rnd(statuses.length)]!;
        await t.database.db.execute(sql`update matters set status = ${to} where id = ${id}`);
      } else if (op === 3) {
        const town = rnd(4) === 0 ? null : towns[rnd(towns.length)]!;
        await t.database.db.execute(sql`update matters set town_id = ${town} where id = ${id}`);
      } else {
        const days = rnd(200);
        const hours = days * 24 + rnd(24);
        // The new instant is computed here: Citus refuses a stable function of a column (timestamptz −
        // interval) in an UPDATE.
        const [c] = await rows<{ created_at: string | Date }>(
          t.database.db,
          sql`select created_at from matters where county_code = ${COUNTY} and id = ${id}`,
        );
        const at = new Date(new Date(c!.created_at).getTime() - hours * 3_600_000).toISOString();
        await t.database.db.execute(
          sql`update matters set created_at = ${at}::timestamptz where county_code = ${COUNTY} and id = ${id}`,
        );
      }
      // Unrelated writes (version, title) leave the counters alone.
      await t.database.db.execute(sql`update matters set version = version + 1 where id = ${id}`);
    }
    expect(await counters()).toEqual(await fullCount());
  }, 120_000);

  it('give the dashboard the figures the matters give, whatever instant and town', async () => {
    const towns = await rows<{ id: string }>(
      t.database.db,
      sql`select id from orgs where county_code = ${COUNTY} and kind = 'town' order by division_code limit 2`,
    );
    const base = t.clock.now().getTime();
    for (const shift of [0, 3_600_000, 11 * 3_600_000, 5 * 86_400_000 + 7_000, 40 * 86_400_000]) {
      const now = new Date(base + shift);
      // Live matters on both sides of every bucket edge (now − 1, 8, 31, 61, 91 days) and on it, so a
      // day that holds an edge counted from its counters would put them in the wrong bucket.
      const open = await rows<{ id: string }>(
        t.database.db,
        sql`select id from matters where county_code = ${COUNTY}
          and status in ('registered', 'handling', 'transferring') order by id limit 15`,
      );
      const edges = [1, 8, 31, 61, 91].flatMap((d) =>
        [-3_600_000, 0, 3_600_000].map((off) => now.getTime() - d * 86_400_000 + off),
      );
      for (const [i, r] of open.entries()) {
        const at = new Date(edges[i % edges.length]!).toISOString();
        await t.database.db.execute(
          sql`update matters set created_at = ${at}::timestamptz where id = ${r.id}`,
        );
      }
      for (const townId of [undefined, ...towns.map((r) => r.id)]) {
        const w = { countyCode: COUNTY, townId };
        const [fromMatters] = await liveFromMatters(t.database.db, w, now);
        const [fromCounters] = await liveFromCounters(t.database.db, w, now);
        const norm = (r: Record<string, number> | undefined) =>
          Object.fromEntries(
            ['unowned', 'awaitingVisit', 'd0_7', 'd8_30', 'd31_60', 'd61_90', 'd90_plus'].map((k) => [
              k,
              Number(r?.[k] ?? 0),
            ]),
          );
        expect(norm(fromCounters), `${now.toISOString()} ${townId ?? 'county'}`).toEqual(norm(fromMatters));
      }
    }
    // Not a vacuous comparison: the county has live matters in more than one bucket.
    const [all] = await liveFromMatters(t.database.db, { countyCode: COUNTY }, t.clock.now());
    expect(Number(all?.unowned)).toBeGreaterThan(0);
  });
});
