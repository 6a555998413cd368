/**
 * Intake cost, measured from outside the server (issue 20). On a fresh PostgreSQL database the server
 * runs in its own process as `npm start` runs it (it migrates and seeds the demo county itself), and
 * this process drives POST /api/matters as 16 logged-in clerks (closed loop) and then at a fixed
 * arrival rate (open loop, latency from the scheduled start, so a slow server cannot hide its queue).
 * Per intake it reports the server process's CPU (/proc/<pid>/stat), the CPU of the database's
 * PostgreSQL backends (/proc, pids from pg_stat_activity), and the statements and round trips the
 * server sent (a counting proxy on the wire: bench/pg-proxy.ts). Everything the server does in the
 * window is charged to the intakes: the event sealer, the after-commit risk rule, the sweep.
 *
 * Baselines in the same run: the bare write of the same rows at the same concurrency (one transaction
 * per matter: the matter, two parties, the first deadline, everything precomputed), and pgbench writing
 * them in one statement. With BENCH_BEFORE_DIR set to a checkout of main (with node_modules), the same
 * measurement runs against that server too, for a before/after from one run. With
 * BENCH_INTAKE_SIZES=db1,db2 (databases holding generated matters, `npm run generate`) the closed loop
 * also runs against each, for per-intake PostgreSQL time by county size.
 *
 * Without PostgreSQL (the smoke run in CI), the HTTP intake runs in-process on PGlite.
 */
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { registerMatter } from '../core/domain/matters/lifecycle';
import { buildApp } from '../server/src/app';
import { loadConfig, testConfig } from '../server/src/config';
import { type Deps, systemClock } from '../server/src/context';
import { type Database, openDatabase } from '../server/src/db/client';
import { migrate } from '../server/src/db/migrate';
import { startSealer } from '../server/src/jobs/event-sealer';
import { loadDemoInput } from '../server/src/modules/demo/demo-data';
import { seedDemo } from '../server/src/modules/demo/demo-seed.service';
import { sealAll } from '../server/src/modules/events/events.service';
import { orgRefOf } from '../server/src/modules/matters/org-refs';
import { piiCipher } from '../server/src/pii/pii-cipher';
import { startCountingProxy, type WireCounts } from './pg-proxy';
import type { BenchContext } from './run';
import { backendPids, cpuMeter, processCpuMs, settle, startServer } from './server-process';

const CONCURRENCY = Number(process.env.BENCH_INTAKE_CONCURRENCY ?? 16);
/** Requests per second of the open loop: below what main's server sustains, so both can be compared. */
const RATE = Number(process.env.BENCH_INTAKE_RATE ?? 40);
/** Rows the baseline writes per matter, and the HTTP path too (besides its event row). */
const ROWS_PER_MATTER = 4;
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function withDb(url: string, name: string) {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

function pct(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;
}

interface Figures {
  rate: number;
  p50: number;
  p99: number;
  count: number;
  errors: number;
  seconds: number;
}

function figures(latencies: number[], errors: number, seconds: number): Figures {
  latencies.sort((a, b) => a - b);
  return {
    rate: latencies.length / seconds,
    p50: pct(latencies, 0.5),
    p99: pct(latencies, 0.99),
    count: latencies.length,
    errors,
    seconds,
  };
}

type Op = (worker: number) => Promise<boolean>;

/** Closed loop: CONCURRENCY workers, each repeating `op` until `seconds` are up; all requests count. */
async function closedLoop(seconds: number, op: Op): Promise<Figures> {
  const latencies: number[] = [];
  let errors = 0;
  const start = performance.now();
  const end = start + seconds * 1000;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async (_, w) => {
      while (performance.now() < end) {
        const t0 = performance.now();
        if (await op(w)) latencies.push(performance.now() - t0);
        else errors++;
      }
    }),
  );
  return figures(latencies, errors, (performance.now() - start) / 1000);
}

/** Open loop: `rate` requests a second on a fixed schedule; latency counts from the scheduled start. */
async function openLoop(seconds: number, rate: number, op: Op): Promise<Figures> {
  const latencies: number[] = [];
  let errors = 0;
  const start = performance.now();
  const total = Math.round(seconds * rate);
  const inFlight: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    inFlight.push(
      op(i).then((ok) => {
        if (ok) latencies.push(performance.now() - due);
        else errors++;
      }),
    );
  }
  await Promise.all(inFlight);
  return figures(latencies, errors, (performance.now() - start) / 1000);
}

interface Clerk {
  cookie: string;
  csrf: string;
  /** The villages of the clerk's town: each intake is about one of them, drawn at random. */
  villageIds: string[];
}

const anyVillage = (c: Clerk) => c.villageIds[Math.floor(Math.random() * c.villageIds.length)]!;

let phoneSeq = 0;
const intakeBody = (villageId: string) => ({
  kind: 'dispute',
  channel: 'walk_in',
  categoryCode: 'MED-02',
  title: '邻里排水沟堵塞纠纷',
  description: '两户邻居因排水沟堵塞导致雨水倒灌，多次协商未果。',
  riskGrade: 'yellow',
  place: { villageId, address: '某巷 3 号' },
  parties: [
    {
      role: 'applicant',
      name: '王甲乙',
      phone: `139${String(10_000_000 + (phoneSeq++ % 90_000_000)).slice(-8)}`,
    },
    { role: 'respondent', name: '李丙丁' },
  ],
});

/**
 * One clerk per town (town01-clerk …), registering matters about the town's villages: spread, so the
 * duplicate search of a long run does not find ever more matters of one village and category.
 */
async function logIn(
  base: string,
  query: (q: string) => Promise<{ town: string; village: string }[]>,
  password: string,
  cookieName: string,
) {
  const villages = await query(
    `select t.division_code as town, string_agg(v.id::text, ',' order by v.id) as village from orgs t
     join orgs v on v.parent_id = t.id and v.kind = 'village'
     where t.kind = 'town' group by t.division_code order by t.division_code`,
  );
  const clerks: Clerk[] = [];
  for (let i = 0; i < CONCURRENCY; i++) {
    const username = `town${String((i % villages.length) + 1).padStart(2, '0')}-clerk`;
    const res = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
    const cookie = res.headers
      .getSetCookie()
      .map((c) => c.split(';')[0]!)
      .find((c) => c.startsWith(`${cookieName}=`));
    if (!cookie) throw new Error(`login ${username}: no session cookie`);
    const body = (await res.json()) as { csrfToken: string };
    clerks.push({
      cookie,
      csrf: body.csrfToken,
      villageIds: villages[i % villages.length]!.village.split(','),
    });
  }
  return clerks;
}

function intakeOp(base: string, clerks: Clerk[], firstError: { text: string }): Op {
  return async (w) => {
    const c = clerks[w % clerks.length]!;
    const res = await fetch(`${base}/api/matters`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: c.cookie, 'x-csrf-token': c.csrf },
      body: JSON.stringify(intakeBody(anyVillage(c))),
    });
    const text = await res.text();
    if (res.status !== 201 && !firstError.text) firstError.text = `${res.status} ${text.slice(0, 200)}`;
    return res.status === 201;
  };
}

/** One measured stretch with what the server and PostgreSQL spent on it. */
interface Measured extends Figures {
  serverCpuMs: number;
  pgCpuMs: number;
  wire: WireCounts;
  bodyBytes: number;
}

interface OutOfProcess {
  closed: Measured;
  open: Measured | null;
  firstError: string;
}

/**
 * The server of the checkout in `dir` on database `name` (through the counting proxy): a warm-up,
 * then the closed loop and (unless `closedOnly`) the open loop, each with its CPU and wire counts.
 */
async function outOfProcess(
  dir: string,
  url: string,
  name: string,
  admin: pg.Client,
  times: { seconds: number; warmup: number; closedOnly?: boolean },
): Promise<OutOfProcess> {
  const target = new URL(url);
  const proxy = await startCountingProxy({ host: target.hostname, port: Number(target.port || 5432) });
  const viaProxy = new URL(url);
  viaProxy.hostname = '127.0.0.1';
  viaProxy.port = String(proxy.port);
  viaProxy.pathname = `/${name}`;
  const server = await startServer(dir, viaProxy.toString(), {
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'info',
  });
  const direct = new pg.Client({ connectionString: withDb(url, name) });
  await direct.connect();
  try {
    const config = loadConfig({ ...process.env, NODE_ENV: 'development' });
    const clerks = await logIn(
      server.base,
      async (q) => (await direct.query(q)).rows,
      config.demoPassword,
      config.session.cookieName,
    );
    const firstError = { text: '' };
    const op = intakeOp(server.base, clerks, firstError);
    await settle(server.pid);
    await closedLoop(times.warmup, op);
    const pgMeter = cpuMeter(() => backendPids(admin, name));
    const measure = async (drive: () => Promise<Figures>): Promise<Measured> => {
      const cpu0 = processCpuMs(server.pid);
      const wire0 = proxy.counts();
      await pgMeter.start();
      const f = await drive();
      const pgCpuMs = await pgMeter.stop();
      const serverCpuMs = processCpuMs(server.pid) - cpu0;
      const wire1 = proxy.counts();
      const one = await fetch(`${server.base}/api/matters`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          cookie: clerks[0]!.cookie,
          'x-csrf-token': clerks[0]!.csrf,
        },
        body: JSON.stringify(intakeBody(anyVillage(clerks[0]!))),
      });
      const bodyBytes = (await one.arrayBuffer()).byteLength;
      return {
        ...f,
        serverCpuMs,
        pgCpuMs,
        bodyBytes,
        wire: {
          statements: wire1.statements - wire0.statements,
          roundTrips: wire1.roundTrips - wire0.roundTrips,
          connections: wire1.connections - wire0.connections,
        },
      };
    };
    const closed = await measure(() => closedLoop(times.seconds, op));
    const open = times.closedOnly ? null : await measure(() => openLoop(times.seconds, RATE, op));
    return { closed, open, firstError: firstError.text };
  } finally {
    await direct.end();
    await server.stop();
    await proxy.close();
  }
}

interface RawSetup {
  town: { id: string; path: string; level: string; kind: string; name: string };
  villageId: string;
  state: string;
  sealedPhone: string;
  /** The applicant's and the respondent's names, sealed as the app stores them. */
  sealedNames: [string, string];
}

async function rawSetup(pool: pg.Pool | pg.Client): Promise<RawSetup> {
  const { rows } = await pool.query<RawSetup['town']>(
    `select id, path, level, kind, name from orgs where division_code = '620602001'`,
  );
  const town = rows[0]!;
  const { rows: vrows } = await pool.query<{ id: string }>(
    `select id from orgs where parent_id = $1 and kind = 'village' limit 1`,
    [town.id],
  );
  const owner = orgRefOf(town);
  const reg = registerMatter(
    { code: '620602-2026-000001', kind: 'dispute', owner },
    { now: new Date(), actor: { type: 'staff', userId: randomUUID(), roles: ['clerk'], org: owner } },
  );
  if (!reg.ok) throw new Error(reg.message);
  // Stored sealed, as the app stores it (docs/SECURITY.md G31); sealed once here: everything precomputed.
  const cipher = piiCipher(testConfig());
  const sealedPhone = cipher.seal('phone', '13912345678')!;
  const sealedNames: [string, string] = [cipher.seal('name', '王甲乙')!, cipher.seal('name', '李丙丁')!];
  return { town, villageId: vrows[0]!.id, state: JSON.stringify(reg.state), sealedPhone, sealedNames };
}

const RAW_MATTER_COLUMNS = `county_code, id, code, kind, channel, category_code, title, description, status,
  risk_grade, urgent, collective, applicant_count, protect_petitioner, owner_org_id, owner_path,
  owner_level, intake_org_id, intake_level, village_id, town_id, route_rule_id, route_reason, state,
  contact_phone_hash, created_at, updated_at`;
const RULE = JSON.stringify({ basis: 'LOCAL-ACCEPT', label: '受理决定期限', amount: 3, unit: 'working_day' });

/** The same rows written bare: matter + two parties + first deadline, one transaction each. */
async function rawInsert(url: string, name: string, admin: pg.Client, seconds: number, warmup: number) {
  const pool = new pg.Pool({ connectionString: url, max: CONCURRENCY });
  pool.on('error', () => {});
  const s = await rawSetup(pool);
  const clients = await Promise.all(Array.from({ length: CONCURRENCY }, () => pool.connect()));
  let seq = 500_000;
  const op: Op = async (w) => {
    const c = clients[w]!;
    const id = randomUUID();
    const code = `620602-2026-${String(seq++).padStart(6, '0')}`;
    const now = new Date();
    const due = new Date(now.getTime() + 3 * 86_400_000);
    const warn = new Date(now.getTime() + 2 * 86_400_000);
    await c.query('begin');
    await c.query(
      `insert into matters (${RAW_MATTER_COLUMNS})
       values ('620602', $1, $2, 'dispute', 'walk_in', 'MED-02', '邻里排水沟堵塞纠纷',
         '两户邻居因排水沟堵塞导致雨水倒灌，多次协商未果。', 'registered', 'yellow', false, false, 1, false,
         $3, $4, $5, $3, $5, $6, $3, 'R-MED-village', '邻里纠纷由村（社区）调解', $7, $8, $9, $9)`,
      [id, code, s.town.id, s.town.path, s.town.level, s.villageId, s.state, randomUUID(), now],
    );
    await c.query(
      `insert into matter_parties (county_code, id, matter_id, role, name, phone, phone_hash, representative, created_at)
       values ('620602', $1, $3, 'applicant', $7, $6, $4, false, $5),
              ('620602', $2, $3, 'respondent', $8, null, null, false, $5)`,
      [randomUUID(), randomUUID(), id, randomUUID(), now, s.sealedPhone, ...s.sealedNames],
    );
    await c.query(
      `insert into deadlines (county_code, id, matter_id, clock_key, basis, org_id, label, citation, started_at,
         due_at, warn_at, explanation, status, rule, created_at)
       values ('620602', $1, $2, $3, 'LOCAL-ACCEPT', $4, '受理决定期限', '本地规定', $5, $6, $7,
         '自登记次日起算 3 个工作日', 'running', $8, $5)`,
      [randomUUID(), id, `LOCAL-ACCEPT@${s.town.id}`, s.town.id, now, due, warn, RULE],
    );
    await c.query('commit');
    return true;
  };
  try {
    await closedLoop(warmup, op);
    const meter = cpuMeter(() => backendPids(admin, name));
    await meter.start();
    const f = await closedLoop(seconds, op);
    return { ...f, pgCpuMs: await meter.stop() };
  } finally {
    for (const c of clients) c.release();
    await pool.end();
  }
}

/** pgbench on the same database: the same four rows per transaction, in one statement. */
type PgbenchResult = { tps: number; latencyMs: number } | { error: string };

async function pgbenchInsert(url: string, name: string, seconds: number): Promise<PgbenchResult | null> {
  const which = spawnSync('pgbench', ['--version'], { encoding: 'utf8' });
  if (which.status !== 0) return null;
  const client = new pg.Client({ connectionString: withDb(url, name) });
  await client.connect();
  const s = await rawSetup(client);
  await client.end();
  const q = (v: string) => `'${v.replaceAll("'", "''")}'`;
  const statement = `with m as (
  insert into matters (${RAW_MATTER_COLUMNS.replaceAll('\n', ' ')})
  values ('620602', gen_random_uuid(), '620602-2026-B' || :client_id || '-' || :n, 'dispute', 'walk_in', 'MED-02',
    '邻里排水沟堵塞纠纷', '两户邻居因排水沟堵塞导致雨水倒灌，多次协商未果。', 'registered', 'yellow', false, false, 1, false,
    ${q(s.town.id)}, ${q(s.town.path)}, ${q(s.town.level)}, ${q(s.town.id)}, ${q(s.town.level)}, ${q(s.villageId)}, ${q(s.town.id)},
    'R-MED-village', '邻里纠纷由村（社区）调解', ${q(s.state)}, md5(:n::text), now(), now()) returning id),
p as (
  insert into matter_parties (county_code, id, matter_id, role, name, phone, phone_hash, representative, created_at)
  select '620602', gen_random_uuid(), m.id, r.role, r.name, r.phone, r.hash, false, now()
  from m, (values ('applicant', ${q(s.sealedNames[0])}, ${q(s.sealedPhone)}, md5(:n::text)), ('respondent', ${q(s.sealedNames[1])}, null, null)) r(role, name, phone, hash))
insert into deadlines (county_code, id, matter_id, clock_key, basis, org_id, label, citation, started_at, due_at,
  warn_at, explanation, status, rule, created_at)
select '620602', gen_random_uuid(), m.id, ${q(`LOCAL-ACCEPT@${s.town.id}`)}, 'LOCAL-ACCEPT', ${q(s.town.id)}, '受理决定期限',
  '本地规定', now(), now() + interval '3 days', now() + interval '2 days', '自登记次日起算 3 个工作日', 'running', ${q(RULE)}, now()
from m;`.replaceAll('\n', ' ');
  const script = `\\set n random(1, 2000000000)\n${statement}\n`;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'zz-pgbench-'));
  try {
    const file = path.join(dir, 'intake.sql');
    writeFileSync(file, script);
    const u = new URL(withDb(url, name));
    const out = spawnSync(
      'pgbench',
      [
        '-n',
        '-c',
        String(CONCURRENCY),
        '-j',
        '2',
        '-T',
        String(seconds),
        '-f',
        file,
        '-h',
        u.hostname,
        '-p',
        u.port || '5432',
        '-U',
        decodeURIComponent(u.username || 'postgres'),
        name,
      ],
      { encoding: 'utf8', env: { ...process.env, PGPASSWORD: decodeURIComponent(u.password) } },
    );
    const tps = /tps = ([\d.]+)/.exec(out.stdout)?.[1];
    const lat = /latency average = ([\d.]+) ms/.exec(out.stdout)?.[1];
    if (!tps) return { error: (out.stderr || out.stdout).slice(0, 300) };
    return { tps: Number(tps), latencyMs: Number(lat) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** In-process HTTP intake on PGlite (file-backed): the smoke run's path when there is no PostgreSQL. */
async function pgliteInProcess(seconds: number, warmup: number) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'zz-bench-intake-'));
  let database: Database | null = null;
  try {
    database = await openDatabase({ pgliteDir: dir });
    const db = database;
    const config = testConfig();
    await migrate(db);
    await seedDemo({ database: db, clock: systemClock, config, kickSealer: () => {} }, loadDemoInput());
    await sealAll(db, systemClock);
    const sealer = startSealer(db, systemClock, { intervalMs: config.sealIntervalMs, onError: () => {} });
    const deps: Deps = { database: db, clock: systemClock, config, kickSealer: () => sealer.kick() };
    const app = await buildApp(deps);
    await app.listen({ host: '127.0.0.1', port: 0 });
    const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    try {
      const clerks = await logIn(
        base,
        async (q) =>
          ((await db.db.execute(sql.raw(q))) as unknown as { rows: { town: string; village: string }[] })
            .rows,
        config.demoPassword,
        config.session.cookieName,
      );
      const firstError = { text: '' };
      const op = intakeOp(base, clerks, firstError);
      await closedLoop(warmup, op);
      return { ...(await closedLoop(seconds, op)), firstError: firstError.text };
    } finally {
      await app.close();
      await sealer.stop();
    }
  } finally {
    await database?.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function withFreshDatabase<T>(admin: pg.Client, name: string, fn: () => Promise<T>): Promise<T> {
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.query(`create database ${name}`);
  try {
    return await fn();
  } finally {
    await admin.query(`drop database if exists ${name} with (force)`);
  }
}

const f1 = (x: number) => x.toFixed(1);
const f2 = (x: number) => x.toFixed(2);

function perIntakeRow(label: string, m: Measured, rawRate: number | null) {
  const n = Math.max(1, m.count);
  return (
    `| ${label} | ${f1(m.rate)} | ${f1(m.p50)} | ${f1(m.p99)} | ${f2(m.serverCpuMs / n)} | ${f2(m.pgCpuMs / n)} | ` +
    `${f1(m.wire.statements / n)} | ${f1(m.wire.roundTrips / n)} | ${(m.bodyBytes / 1024).toFixed(1)} | ` +
    `${rawRate ? f2(m.rate / rawRate) : '–'} |`
  );
}

export default async function run(ctx: BenchContext): Promise<string> {
  const title = '## Intake: out-of-process, per intake, next to raw SQL inserts';
  const seconds = ctx.smoke ? 2 : Number(process.env.BENCH_INTAKE_SECONDS ?? 10);
  const warmup = ctx.smoke ? 0.5 : 3;
  const lines: string[] = [];
  const notes: string[] = [];

  if (ctx.databaseUrl) {
    const admin = new pg.Client({ connectionString: ctx.databaseUrl });
    await admin.connect();
    try {
      const variants = [
        ...(process.env.BENCH_BEFORE_DIR
          ? [{ label: 'before (main)', dir: path.resolve(process.env.BENCH_BEFORE_DIR) }]
          : []),
        { label: 'this branch', dir: repoRoot },
      ];
      const results: { label: string; r: OutOfProcess }[] = [];
      let raw: (Figures & { pgCpuMs: number }) | null = null;
      let bench: Awaited<ReturnType<typeof pgbenchInsert>> = null;
      for (const v of variants) {
        const name = `zz_bench_intake_${process.pid}`;
        await withFreshDatabase(admin, name, async () => {
          const r = await outOfProcess(v.dir, ctx.databaseUrl!, name, admin, { seconds, warmup });
          results.push({ label: v.label, r });
          if (v.dir === repoRoot) {
            raw = await rawInsert(withDb(ctx.databaseUrl!, name), name, admin, seconds, warmup);
            bench = await pgbenchInsert(ctx.databaseUrl!, name, seconds);
          }
        });
      }
      const rawRate = (raw as (Figures & { pgCpuMs: number }) | null)?.rate ?? null;
      lines.push(
        '| intake path | matters/s | p50 ms | p99 ms | server CPU ms | PostgreSQL CPU ms | statements | round trips | 201 body KB | ratio to raw |',
        '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
      );
      if (raw) {
        const r = raw as Figures & { pgCpuMs: number };
        lines.push(
          `| raw SQL: matter + 2 parties + deadline per transaction, ${CONCURRENCY} clients (baseline) | ${f1(r.rate)} | ${f1(r.p50)} | ${f1(r.p99)} | – | ${f2(r.pgCpuMs / Math.max(1, r.count))} | 6 | 6 | – | 1.00 |`,
        );
      }
      const b = bench as Awaited<ReturnType<typeof pgbenchInsert>>;
      if (b && 'tps' in b) {
        lines.push(
          `| pgbench: the same 4 rows in one statement per transaction, ${CONCURRENCY} clients | ${f1(b.tps)} | ${f1(b.latencyMs)} (mean) | – | – | – | 1 | 1 | – | ${rawRate ? f2(b.tps / rawRate) : '–'} |`,
        );
      } else if (b) notes.push(`pgbench failed: ${b.error}`);
      for (const { label, r } of results) {
        lines.push(
          perIntakeRow(`HTTP POST /api/matters, ${label}, ${CONCURRENCY} clients`, r.closed, rawRate),
        );
        if (r.open)
          lines.push(
            perIntakeRow(`HTTP POST /api/matters, ${label}, ${RATE}/s fixed arrival rate`, r.open, rawRate),
          );
        if (r.firstError) notes.push(`${label}: failed requests (first: ${r.firstError}).`);
        const failed = r.closed.errors + (r.open?.errors ?? 0);
        if (failed) notes.push(`${label}: ${failed} requests did not answer 201.`);
      }
      const mine = results.find((x) => x.label === 'this branch')?.r.closed;
      if (mine) {
        const n = Math.max(1, mine.count);
        const verdict = (ok: boolean) => (ok ? 'met' : '**not met**');
        notes.push(
          `Targets (this branch, ${CONCURRENCY} clients): server CPU ≤ 2 ms per intake — ${verdict(mine.serverCpuMs / n <= 2)} (${f2(mine.serverCpuMs / n)}); ` +
            `PostgreSQL CPU ≤ 1.5 ms — ${verdict(mine.pgCpuMs / n <= 1.5)} (${f2(mine.pgCpuMs / n)}); ` +
            `p99 < 50 ms — ${verdict(mine.p99 < 50)} (${f1(mine.p99)}); ` +
            `≥ 0.25× the raw rate — ${rawRate ? `${verdict(mine.rate / rawRate >= 0.25)} (${f2(mine.rate / rawRate)})` : 'no raw figure'}.`,
        );
      }

      const sizes = (process.env.BENCH_INTAKE_SIZES ?? '').split(',').filter(Boolean);
      if (sizes.length && !ctx.smoke) {
        lines.push(
          '',
          `By county size (this branch, ${CONCURRENCY} clients, databases filled by \`npm run generate\`):`,
          '',
          '| database | matters before the run | matters/s | p50 ms | p99 ms | server CPU ms | PostgreSQL CPU ms | statements | round trips |',
          '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
        );
        for (const name of sizes) {
          const c = new pg.Client({ connectionString: withDb(ctx.databaseUrl, name) });
          const counted = await c
            .connect()
            .then(() => c.query<{ n: string }>('select count(*) as n from matters'))
            .catch((e: unknown) => e as Error);
          await c.end().catch(() => {});
          if (counted instanceof Error) {
            notes.push(`${name}: skipped (${counted.message}).`);
            continue;
          }
          const { rows } = counted;
          const r = await outOfProcess(repoRoot, ctx.databaseUrl, name, admin, {
            seconds,
            warmup,
            closedOnly: true,
          });
          const m = r.closed;
          const n = Math.max(1, m.count);
          lines.push(
            `| ${name} | ${Number(rows[0]!.n).toLocaleString('en-US')} | ${f1(m.rate)} | ${f1(m.p50)} | ${f1(m.p99)} | ${f2(m.serverCpuMs / n)} | ${f2(m.pgCpuMs / n)} | ${f1(m.wire.statements / n)} | ${f1(m.wire.roundTrips / n)} |`,
          );
          if (r.firstError) notes.push(`${name}: failed requests (first: ${r.firstError}).`);
        }
      }
    } finally {
      await admin.end();
    }
  } else {
    notes.push('PostgreSQL rows skipped: set BENCH_DATABASE_URL (or DATABASE_URL) to a PostgreSQL server.');
    const p = await pgliteInProcess(seconds, warmup);
    lines.push(
      '| intake path | matters/s | p50 ms | p99 ms |',
      '|---|---:|---:|---:|',
      `| HTTP POST /api/matters, PGlite (file-backed), in-process, ${CONCURRENCY} clients | ${f1(p.rate)} | ${f1(p.p50)} | ${f1(p.p99)} |`,
    );
    if (p.firstError) notes.push(`PGlite: failed requests (first: ${p.firstError}).`);
  }

  return [
    title,
    '',
    `The server runs in its own process (\`node --import tsx server/src/main.ts\`, as \`npm start\`, on a fresh database it migrates and seeds itself); this process is the load generator. ` +
      `${seconds} s per row after ${warmup} s of warm-up; one matter (a dispute with two parties) per request or transaction; rows/s = ${ROWS_PER_MATTER} × matters/s (the HTTP path writes an event row besides). ` +
      "Per intake: the server process's CPU (/proc/<pid>/stat, everything it did in the window: requests, the event sealer, after-commit work), the CPU of the PostgreSQL backends of that database (/proc, background writers not included), " +
      'and the statements and round trips counted on the wire by a proxy between the server and PostgreSQL (bench/pg-proxy.ts). The fixed-rate rows count latency from the scheduled start. ' +
      'The 201 body is one answer measured after the window. The machine is shared: figures move by 10–20 % between runs.',
    '',
    ...lines,
    '',
    ...notes,
  ].join('\n');
}
