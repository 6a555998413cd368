import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { loadConfig } from '../server/src/config';
import { startCountingProxy, type WireCounts } from './pg-proxy';
import { backendPids, cpuMeter, processCpuMs, settle, startServer } from './server-process';

export const CONCURRENCY = Number(process.env.BENCH_INTAKE_CONCURRENCY ?? 16);
/** Requests per second of the open loop: below what main's server sustains, so both can be compared. */
export const RATE = Number(process.env.BENCH_INTAKE_RATE ?? 40);
/** Rows the baseline writes per matter, and the HTTP path too (besides its event row). */
export const ROWS_PER_MATTER = 4;
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export function withDb(url: string, name: string) {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export function pct(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;
}

export interface Figures {
  rate: number;
  p50: number;
  p99: number;
  count: number;
  errors: number;
  seconds: number;
}

export function figures(latencies: number[], errors: number, seconds: number): Figures {
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

export type Op = (worker: number) => Promise<boolean>;

/** Closed loop: CONCURRENCY workers, each repeating `op` until `seconds` are up; all requests count. */
export async function closedLoop(seconds: number, op: Op): Promise<Figures> {
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
export async function openLoop(seconds: number, rate: number, op: Op): Promise<Figures> {
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

export interface Clerk {
  cookie: string;
  csrf: string;
  /** The villages of the clerk's town: each intake is about one of them, drawn at random. */
  villageIds: string[];
}

export const anyVillage = (c: Clerk) => c.villageIds[Math.floor(Math.random() * c.villageIds.length)]!;

let phoneSeq = 0;
export const intakeBody = (villageId: string) => ({
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

/** Logs one account in over HTTP: its session cookie and CSRF token. */
export async function loginAs(base: string, username: string, password: string, cookieName: string) {
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
  return { cookie, csrf: body.csrfToken };
}

/**
 * One clerk per town (town01-clerk …), registering matters about the town's villages: spread, so the
 * duplicate search of a long run does not find ever more matters of one village and category.
 */
export async function logIn(
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
    clerks.push({
      ...(await loginAs(base, username, password, cookieName)),
      villageIds: villages[i % villages.length]!.village.split(','),
    });
  }
  return clerks;
}

export function intakeOp(base: string, clerks: Clerk[], firstError: { text: string }): Op {
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
export interface Measured extends Figures {
  serverCpuMs: number;
  pgCpuMs: number;
  wire: WireCounts;
  bodyBytes: number;
}

export interface OutOfProcess {
  closed: Measured;
  open: Measured | null;
  firstError: string;
}

/**
 * The server of the checkout in `dir` on database `name` (through the counting proxy): a warm-up,
 * then the closed loop and (unless `closedOnly`) the open loop, each with its CPU and wire counts.
 */
export async function outOfProcess(
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
    // The minute's deadline sweep (with the dashboard's rollup refresh) and the quarter-hourly risk run
    // cost per county and minute, not per intake: run at start, they do not fall again into the window.
    // The sealer, the per-matter risk rule and the rest of an intake's after-commit work stay in it.
    SWEEP_INTERVAL_MS: '3600000',
    RISK_INTERVAL_MS: '3600000',
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
    // Start-up work (migrations, the first sweep's rollup refresh on a large county) runs mostly in
    // PostgreSQL: wait until the database's backends are quiet too.
    await settle(server.pid, 180_000, () => backendPids(admin, name));
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
