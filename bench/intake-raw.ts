/**
 * The intake bench's baselines (bench/intake.bench.ts): the bare SQL write of the same rows at the
 * same concurrency, pgbench writing them in one statement, and the HTTP intake in-process on PGlite
 * (the smoke run without PostgreSQL).
 */
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { registerMatter } from '../core/domain/matters/lifecycle';
import { buildApp } from '../server/src/app';
import { testConfig } from '../server/src/config';
import { type Deps, systemClock } from '../server/src/context';
import { type Database, openDatabase } from '../server/src/db/client';
import { migrate } from '../server/src/db/migrate';
import { startSealer } from '../server/src/jobs/event-sealer';
import { loadDemoInput } from '../server/src/modules/demo/demo-data';
import { seedDemo } from '../server/src/modules/demo/demo-seed.service';
import { sealAll } from '../server/src/modules/events/events.service';
import { orgRefOf } from '../server/src/modules/matters/org-refs';
import { piiCipher } from '../server/src/pii/pii-cipher';
import { CONCURRENCY, closedLoop, intakeOp, logIn, type Op, withDb } from './intake-load';
import { backendPids, cpuMeter } from './server-process';

export interface RawSetup {
  town: { id: string; path: string; level: string; kind: string; name: string };
  villageId: string;
  state: string;
  sealedPhone: string;
  /** The applicant's and the respondent's names, sealed as the app stores them. */
  sealedNames: [string, string];
}

export async function rawSetup(pool: pg.Pool | pg.Client): Promise<RawSetup> {
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

export const RAW_MATTER_COLUMNS = `county_code, id, code, kind, channel, category_code, title, description, status,
  risk_grade, urgent, collective, applicant_count, protect_petitioner, owner_org_id, owner_path,
  owner_level, intake_org_id, intake_level, village_id, town_id, route_rule_id, route_reason, state,
  contact_phone_hash, created_at, updated_at`;
export const RULE = JSON.stringify({
  basis: 'LOCAL-ACCEPT',
  label: '受理决定期限',
  amount: 3,
  unit: 'working_day',
});

/** The same rows written bare: matter + two parties + first deadline, one transaction each. */
export async function rawInsert(
  url: string,
  name: string,
  admin: pg.Client,
  seconds: number,
  warmup: number,
) {
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
export type PgbenchResult = { tps: number; latencyMs: number } | { error: string };

export async function pgbenchInsert(
  url: string,
  name: string,
  seconds: number,
): Promise<PgbenchResult | null> {
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
export async function pgliteInProcess(seconds: number, warmup: number) {
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

export async function withFreshDatabase<T>(admin: pg.Client, name: string, fn: () => Promise<T>): Promise<T> {
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.query(`create database ${name}`);
  try {
    return await fn();
  } finally {
    await admin.query(`drop database if exists ${name} with (force)`);
  }
}
