/**
 * A province on Citus (issue 18): the same server, the same four counties of 武威市 and the same load
 * on one PostgreSQL and on the two-node Citus cluster (coordinator + worker, tables distributed by
 * county with `db:distribute`), in the same run. The server runs in its own process (`npm start`'s
 * code, bench/server-process.ts); the load generator is this process. Per engine:
 * - intake at 16 clients into one county, and into all four at once (rate, p50, p99, server CPU per
 *   intake, database CPU per intake: every backend of every node serving the database);
 * - the county dashboard (its leader's 指标 request) and the province dashboard (the 市/省级领导's
 *   全市总览: one query per county, side by side), sequential requests, p50/p95.
 * The four counties: 凉州区 (the demo's real divisions and grids) and 民勤县 (620621), 古浪县 (620622),
 * 天祝藏族自治县 (620623) with their real county codes and names but synthetic towns, villages and
 * grids (5 towns × 6 villages each), each filled by the generator with history for the dashboards.
 * Needs BENCH_DATABASE_URL (the single PostgreSQL) and BENCH_CITUS_URL (the coordinator); without the
 * latter the section says so and measures nothing.
 */
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import type { Role } from '../core/domain/roles';
import { loadConfig, testConfig } from '../server/src/config';
import { type Deps, systemClock } from '../server/src/context';
import { openDatabase } from '../server/src/db/client';
import { distribute } from '../server/src/db/distribute';
import { migrate } from '../server/src/db/migrate';
import { hashPassword } from '../server/src/modules/auth/passwords';
import { importCounty } from '../server/src/modules/counties/county-import.service';
import { loadDemoInput } from '../server/src/modules/demo/demo-data';
import { seedDemo } from '../server/src/modules/demo/demo-seed.service';
import { generateMatters } from '../server/src/modules/demo/generator/generate.service';
import { importGrids } from '../server/src/modules/grids/grid-import.service';
import * as orgsRepo from '../server/src/modules/orgs/orgs.repo';
import * as usersRepo from '../server/src/modules/users/users.repo';
import { piiCipher } from '../server/src/pii/pii-cipher';
import { createClusterDatabase, dropDatabase, workerUrls } from '../server/test/citus-cluster';
import { type Clerk, closedLoop, type Figures, intakeBody, loginAs, repoRoot, withDb } from './intake-load';
import type { BenchContext } from './run';
import { backendPids, cpuMeter, processCpuMs, settle, startServer } from './server-process';

const others = [
  { code: '620621', name: '民勤县', lng: 103.09, lat: 38.62 },
  { code: '620622', name: '古浪县', lng: 102.9, lat: 37.47 },
  { code: '620623', name: '天祝藏族自治县', lng: 103.14, lat: 36.97 },
] as const;
const TOWNS = 5;
const VILLAGES = 6;
const ctxOf = () => ({ requestId: 'bench', ip: null, actor: null });
const f1 = (x: number) => x.toFixed(1);
const f2 = (x: number) => x.toFixed(2);
const int = (x: number) => Math.round(x).toLocaleString('en-US');
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(s.length * p))] ?? 0;
};

const square = (x: number, y: number, s: number) => [
  [
    [x, y],
    [x + s, y],
    [x + s, y + s],
    [x, y + s],
    [x, y],
  ],
];

/** A county with its real code and name, synthetic towns, villages, one square grid per village, staff. */
async function addCounty(deps: Deps, c: (typeof others)[number], password: string) {
  const towns = Array.from({ length: TOWNS }, (_, t) => ({
    code: `${c.code}${String(t + 1).padStart(3, '0')}`,
    name: `${c.name}第${t + 1}镇（合成）`,
    kind: 'town' as const,
    villages: Array.from({ length: VILLAGES }, (_, v) => ({
      code: `${c.code}${String(t + 1).padStart(3, '0')}${String(v + 1).padStart(3, '0')}`,
      name: `第${t + 1}镇${v + 1}村村委会`,
      kind: 'village' as const,
    })),
  }));
  const size = 0.02;
  await importCounty(
    deps,
    ctxOf(),
    {
      code: c.code,
      name: c.name,
      cityName: '武威市',
      provinceName: '甘肃省',
      source: 'bench (synthetic towns)',
      towns,
    },
    {
      boundary: { type: 'Polygon', coordinates: square(c.lng, c.lat, size * (VILLAGES + 1)) },
      center: [c.lng + size * 3, c.lat + size * 3],
    },
  );
  await importGrids(deps, ctxOf(), c.code, {
    type: 'FeatureCollection',
    features: towns.flatMap((t, ti) =>
      t.villages.map((v, vi) => ({
        type: 'Feature' as const,
        properties: { code: `${v.code}001`, villageCode: v.code, name: `${v.name}第1网格` },
        geometry: {
          type: 'Polygon' as const,
          coordinates: square(c.lng + vi * size, c.lat + (ti * size) / TOWNS, size / TOWNS),
        },
      })),
    ),
  });
  // A clerk per town and the county's leader, as the demo has for 凉州区.
  const hash = await hashPassword(password);
  const now = new Date();
  const add = async (username: string, orgId: string, role: Role) => {
    const id = crypto.randomUUID();
    await usersRepo.insert(deps.database.db, {
      id,
      countyCode: c.code,
      username,
      displayName: username,
      phone: null,
      orgId,
      kind: 'staff',
      passwordHash: hash,
      disabled: false,
      passwordChangedAt: now,
      createdAt: now,
      updatedAt: now,
    });
    await usersRepo.insertRoles(deps.database.db, [
      { userId: id, role, countyCode: c.code, grantedAt: now, grantedBy: null },
    ]);
  };
  const root = await orgsRepo.byDivisionCode(deps.database.db, c.code);
  await add(`${c.code}-leader`, root!.id, 'leader');
  for (const t of towns) {
    const town = await orgsRepo.byDivisionCode(deps.database.db, t.code);
    await add(`${t.code}-clerk`, town!.id, 'clerk');
  }
}

interface Engine {
  label: string;
  /** Every node's URL of the server (the coordinator last); one for a single PostgreSQL. */
  nodes: string[];
  citus: boolean;
}

/** Migrated (and distributed), the demo county seeded, the other three added, all four filled. */
async function prepare(e: Engine, name: string, matters: number) {
  const coord = e.nodes[e.nodes.length - 1]!;
  if (e.citus) await createClusterDatabase(coord, e.nodes.slice(0, -1), name);
  else {
    await dropDatabase([coord], name);
    const a = new pg.Client({ connectionString: coord });
    await a.connect();
    await a.query(`create database ${name}`);
    await a.end();
  }
  const database = await openDatabase({ databaseUrl: withDb(coord, name), poolSize: 4 });
  const config = testConfig();
  const deps: Deps = { database, clock: systemClock, config, kickSealer: () => {} };
  try {
    await migrate(database);
    if (e.citus) await distribute(database);
    await seedDemo(deps, loadDemoInput());
    for (const c of others) await addCounty(deps, c, config.demoPassword);
    for (const code of ['620602', ...others.map((c) => c.code)]) {
      await generateMatters(deps, ctxOf(), {
        countyCode: code,
        matters,
        years: 1,
        anomalies: false,
        seed: Number(code),
        asOf: new Date(),
        piiKey: config.piiHashKey,
        cipher: piiCipher(config),
      });
    }
  } finally {
    await database.close();
  }
}

interface Row {
  engine: string;
  what: string;
  f: Figures;
  serverMs: number;
  dbMs: number;
}

async function measureEngine(e: Engine, name: string, seconds: number, requests: number) {
  const coord = e.nodes[e.nodes.length - 1]!;
  const config = loadConfig({ ...process.env, NODE_ENV: 'development' });
  const server = await startServer(repoRoot, withDb(coord, name), { LOG_LEVEL: 'info' });
  const admins = await Promise.all(
    e.nodes.map(async (u) => {
      const c = new pg.Client({ connectionString: u });
      await c.connect();
      return c;
    }),
  );
  const direct = new pg.Client({ connectionString: withDb(coord, name) });
  await direct.connect();
  const intakes: Row[] = [];
  const dashboards: { engine: string; what: string; p50: number; p95: number; n: number }[] = [];
  try {
    // Clerks: one per town; villages of that town to register about.
    const towns = (
      await direct.query<{ county: string; town: string; villages: string }>(
        `select t.county_code as county, t.division_code as town, string_agg(v.id::text, ',') as villages
         from orgs t join orgs v on v.parent_id = t.id and v.kind = 'village'
         where t.kind = 'town' group by 1, 2 order by 1, 2`,
      )
    ).rows;
    const clerkName = (county: string, town: string, i: number) =>
      county === '620602' ? `town${String(i + 1).padStart(2, '0')}-clerk` : `${town}-clerk`;
    const clerksOf = async (county: string): Promise<Clerk[]> => {
      const ts = towns.filter((t) => t.county === county).slice(0, TOWNS);
      return Promise.all(
        ts.map(async (t, i) => ({
          ...(await loginAs(
            server.base,
            clerkName(county, t.town, i),
            config.demoPassword,
            config.session.cookieName,
          )),
          villageIds: t.villages.split(','),
        })),
      );
    };
    const byCounty = new Map<string, Clerk[]>();
    for (const code of ['620602', ...others.map((c) => c.code)]) byCounty.set(code, await clerksOf(code));
    const op = (clerks: Clerk[]) => async (w: number) => {
      const c = clerks[w % clerks.length]!;
      const res = await fetch(`${server.base}/api/matters`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: c.cookie, 'x-csrf-token': c.csrf },
        body: JSON.stringify(intakeBody(c.villageIds[Math.floor(Math.random() * c.villageIds.length)]!)),
      });
      await res.arrayBuffer();
      return res.status === 201;
    };
    const dbMeter = cpuMeter(async () => (await Promise.all(admins.map((a) => backendPids(a, name)))).flat());
    await settle(server.pid);
    const run = async (what: string, clerks: Clerk[]) => {
      await closedLoop(Math.min(2, seconds), op(clerks));
      const cpu0 = processCpuMs(server.pid);
      await dbMeter.start();
      const f = await closedLoop(seconds, op(clerks));
      const dbMs = await dbMeter.stop();
      intakes.push({ engine: e.label, what, f, serverMs: processCpuMs(server.pid) - cpu0, dbMs });
    };
    await run('one county (凉州区)', byCounty.get('620602')!);
    await run('all four counties at once', [...byCounty.values()].flat());

    const timed = async (what: string, session: { cookie: string }, url: string) => {
      const t: number[] = [];
      for (let i = 0; i < requests + 3; i++) {
        const a = performance.now();
        const res = await fetch(`${server.base}${url}`, { headers: { cookie: session.cookie } });
        await res.arrayBuffer();
        if (res.status !== 200) throw new Error(`${e.label} ${url}: ${res.status} ${await res.text()}`);
        if (i >= 3) t.push(performance.now() - a);
      }
      dashboards.push({ engine: e.label, what, p50: pct(t, 0.5), p95: pct(t, 0.95), n: t.length });
    };
    const leader = await loginAs(server.base, 'leader', config.demoPassword, config.session.cookieName);
    const regional = await loginAs(
      server.base,
      'city-leader',
      config.demoPassword,
      config.session.cookieName,
    );
    await timed('county dashboard (凉州区 指标)', leader, '/api/dashboard/kpis');
    await timed('province dashboard (全市总览, 4 counties)', regional, '/api/dashboard/region?scope=city');
  } finally {
    await direct.end();
    for (const a of admins) await a.end();
    await server.stop();
  }
  return { intakes, dashboards };
}

export default async function run(ctx: BenchContext): Promise<string> {
  const title = '## A province on Citus: four counties, intake and dashboards, beside one PostgreSQL';
  const citusUrl = process.env.BENCH_CITUS_URL;
  if (!ctx.databaseUrl || !citusUrl) {
    return `${title}\n\nNot measured in this run: needs BENCH_DATABASE_URL and BENCH_CITUS_URL (a Citus coordinator).`;
  }
  const seconds = ctx.smoke ? 2 : Number(process.env.BENCH_CITUS_SECONDS ?? 10);
  const matters = ctx.smoke ? 200 : Number(process.env.BENCH_CITUS_MATTERS ?? 20_000);
  const requests = ctx.smoke ? 5 : 50;
  const engines: Engine[] = [
    { label: 'one PostgreSQL', nodes: [ctx.databaseUrl], citus: false },
    {
      label: 'Citus (coordinator + 1 worker)',
      nodes: [...(await workerUrls(citusUrl)), citusUrl],
      citus: true,
    },
  ];
  const name = `zz_bench_citus_${process.pid}`;
  const intakes: Row[] = [];
  const dashboards: Awaited<ReturnType<typeof measureEngine>>['dashboards'] = [];
  const prepared: string[] = [];
  for (const e of engines) {
    const t0 = performance.now();
    await prepare(e, name, matters);
    prepared.push(`${e.label} ${f1((performance.now() - t0) / 1000)} s`);
    try {
      const r = await measureEngine(e, name, seconds, requests);
      intakes.push(...r.intakes);
      dashboards.push(...r.dashboards);
    } finally {
      await dropDatabase(e.nodes, name);
    }
  }
  const n = (r: Row) => Math.max(1, r.f.count);
  return [
    title,
    '',
    `Measured with \`BENCH_DATABASE_URL=… BENCH_CITUS_URL=… npx tsx bench/run.ts --only=citus\` on ${new Date().toISOString().slice(0, 10)}: each engine gets a fresh database with the four counties of 武威市 (${int(matters)} generated matters each; setup ${prepared.join(', ')}), the server in its own process, 16 clients for ${seconds} s per intake line. Database CPU sums every backend of every node serving the database (on Citus: the coordinator's and the worker's).`,
    '',
    '| engine | intake into | intakes/s | p50 ms | p99 ms | server CPU ms/intake | database CPU ms/intake | errors |',
    '|---|---|---:|---:|---:|---:|---:|---:|',
    ...intakes.map(
      (r) =>
        `| ${r.engine} | ${r.what} | ${f1(r.f.rate)} | ${f1(r.f.p50)} | ${f1(r.f.p99)} | ${f2(r.serverMs / n(r))} | ${f2(r.dbMs / n(r))} | ${r.f.errors} |`,
    ),
    '',
    '| engine | request | p50 ms | p95 ms | requests |',
    '|---|---|---:|---:|---:|',
    ...dashboards.map((d) => `| ${d.engine} | ${d.what} | ${f1(d.p50)} | ${f1(d.p95)} | ${d.n} |`),
  ].join('\n');
}
