/**
 * The server under test in its own process, as `npm start` runs it (the built JavaScript through
 * scripts/run-built.mjs, in one process, so /proc/<pid> is all of it; a checkout from before the build
 * existed runs its sources through tsx's loader), and the CPU time of processes read from /proc: the bench
 * charges the server and PostgreSQL's backends separately from the load generator.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type pg from 'pg';

const TICK_MS = 10; // USER_HZ is 100 on Linux

/** User + system CPU milliseconds of a process so far (0 when it is gone). */
export function processCpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces): state is field 3, utime 14, stime 15.
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(rest[11]) + Number(rest[12])) * TICK_MS;
  } catch {
    return 0;
  }
}

/** The PostgreSQL backends connected to `database` now. */
export async function backendPids(admin: pg.Client, database: string): Promise<number[]> {
  const { rows } = await admin.query<{ pid: number }>(
    'select pid from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
    [database],
  );
  return rows.map((r) => r.pid);
}

/**
 * CPU of a set of processes over an interval: `start()` reads each, `stop()` reads them again and
 * sums the growth. Backends that appear in between count from zero (a new connection's backend).
 */
export function cpuMeter(pids: () => Promise<number[]>) {
  let before = new Map<number, number>();
  return {
    async start() {
      before = new Map((await pids()).map((p) => [p, processCpuMs(p)]));
    },
    async stop(): Promise<number> {
      let total = 0;
      const now = new Set([...before.keys(), ...(await pids())]);
      for (const p of now) {
        const after = processCpuMs(p);
        if (after > 0) total += after - (before.get(p) ?? 0);
      }
      return total;
    },
  };
}

/**
 * Waits until the process (and, given, the database backends serving it) used under 5 % of a core
 * over a second (at most `maxMs`): a server that has just started runs its sweeps and the risk rules
 * over the whole county first, which on a large county would otherwise be charged to the first intakes.
 */
export async function settle(
  pid: number,
  maxMs = 180_000,
  backends?: () => Promise<number[]>,
): Promise<number> {
  const started = Date.now();
  for (;;) {
    const meter = backends ? cpuMeter(backends) : null;
    await meter?.start();
    const a = processCpuMs(pid);
    await new Promise((r) => setTimeout(r, 1000));
    const busy = processCpuMs(pid) - a + ((await meter?.stop()) ?? 0);
    if (busy < 50 || Date.now() - started > maxMs) return Date.now() - started;
  }
}

async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

export interface ServerProcess {
  pid: number;
  base: string;
  stop(): Promise<void>;
}

/**
 * Starts the server of the checkout in `dir` on `databaseUrl` (migrated and, when empty,
 * seeded with the demo county by the server itself; no generated history) and waits until it listens.
 */
export async function startServer(
  dir: string,
  databaseUrl: string,
  env: Record<string, string> = {},
): Promise<ServerProcess> {
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'zz-bench-server-'));
  // BENCH_SERVER_NODE_ARGS: node flags for the server only, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`.
  const nodeArgs = process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  // tsx's loader costs the server CPU per request too (source maps, module hooks): measure what runs.
  const entry = existsSync(path.join(dir, 'scripts/run-built.mjs'))
    ? ['scripts/run-built.mjs', 'main']
    : ['--import', 'tsx', 'server/src/main.ts'];
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, ...entry, '--empty'], {
    cwd: dir,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      HOST: '127.0.0.1',
      PORT: String(port),
      DATA_DIR: dataDir,
      ZONGZHI_DEMO_HISTORY: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const keep = (d: Buffer) => {
    log = (log + d.toString()).slice(-20_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}):\n${log}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server did not listen within 180 s:\n${log}`);
    }
    if (log.includes('listening on')) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    pid: child.pid!,
    base,
    async stop() {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
