/**
 * Starting and stopping the processes a journey needs: the server (on a fresh PGlite directory, or
 * the database the environment names), the court simulator. global-setup.ts starts the shared
 * server; a journey that needs a server of its own (another "today", ZONGZHI_CLOCK) starts one here.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

export const repoRoot = fileURLToPath(new URL('..', import.meta.url));
export const artifacts = path.join(repoRoot, 'e2e', 'artifacts');

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export async function waitForHealth(
  url: string,
  child: ChildProcess,
  logFile: string,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`server exited with code ${child.exitCode}:\n${tail(logFile)}`);
    }
    try {
      const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`server not healthy after ${timeoutMs} ms:\n${tail(logFile)}`);
}

export function tail(file: string): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-40).join('\n');
  } catch {
    return '(no log)';
  }
}

export function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.pid === undefined) return resolve();
    const pid = child.pid;
    const kill = (sig: NodeJS.Signals) => {
      try {
        // The server runs in its own process group (npx → tsx → node): signal the whole group.
        process.kill(-pid, sig);
      } catch {
        // already gone
      }
    };
    const groupAlive = () => {
      try {
        process.kill(-pid, 0);
        return true;
      } catch {
        return false;
      }
    };
    const force = setTimeout(() => kill('SIGKILL'), 10_000);
    // npx exits at the signal while the server underneath still shuts down (it seals the log and
    // writes its last checkpoint into the data directory): wait for the whole group, or removing
    // the data directory races with those last writes (ENOTEMPTY).
    child.once('exit', () => {
      const poll = setInterval(() => {
        if (groupAlive()) return;
        clearInterval(poll);
        clearTimeout(force);
        resolve();
      }, 50);
    });
    kill('SIGTERM');
  });
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** Runs one statement on the administrative connection (CREATE/DROP DATABASE cannot be parameterised). */
async function admin(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A fresh PostgreSQL database for this run, or null for PGlite; drop() removes it. */
/** A fresh PostgreSQL database of this name when E2E_DATABASE_URL is set, or null for PGlite. */
export async function freshDatabase(
  name: string,
): Promise<{ url: string; drop: () => Promise<void> } | null> {
  const adminUrl = process.env.E2E_DATABASE_URL;
  if (!adminUrl) return null;
  await admin(adminUrl, `drop database if exists ${name} with (force)`);
  await admin(adminUrl, `create database ${name}`);
  return {
    url: withDatabase(adminUrl, name),
    drop: () => admin(adminUrl, `drop database if exists ${name} with (force)`),
  };
}

/**
 * A demo server of its own, with extra environment (e.g. ZONGZHI_CLOCK): on a fresh PostgreSQL
 * database when E2E_DATABASE_URL is set and `postgres` is asked for, else on a fresh PGlite directory;
 * its log goes to e2e/artifacts/<name>.log. stop() ends it and removes its data.
 */
export async function startServer(
  name: string,
  extraEnv: NodeJS.ProcessEnv,
  opts: { postgres?: boolean } = {},
): Promise<{ url: string; stop: () => Promise<void>; engine: 'pglite' | 'postgres' }> {
  mkdirSync(artifacts, { recursive: true });
  const logFile = path.join(artifacts, `${name}.log`);
  const log = createWriteStream(logFile);
  const dataDir = mkdtempSync(path.join(tmpdir(), `zongzhi-${name}-`));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.DATABASE_URL;
  const database = opts.postgres
    ? await freshDatabase(`zz_e2e_${name.replace(/\W/g, '_')}_${process.pid}`)
    : null;
  if (database) env.DATABASE_URL = database.url;
  const child = spawn('npx', ['tsx', 'server/src/main.ts'], {
    cwd: repoRoot,
    env: {
      ...env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      ZONGZHI_MODE: 'demo',
      // The journeys work on the bare demo county; the demo-history journey asks for its history.
      ZONGZHI_DEMO_HISTORY: '0',
      LOG_LEVEL: 'warn',
      // One browser plays every resident at once from one address: the per-address public limit is not under test here.
      PUBLIC_RATE_PER_MINUTE: '100000',
      // Likewise every staff login of the journeys comes from one address: on a quick machine they passed
      // the 30 a minute of the default and a journey's login got 操作过于频繁 (seen 2026-12-07, risk, phone).
      LOGIN_RATE_PER_MINUTE: '100000',
      ...extraEnv,
    },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const stopAll = async () => {
    await stop(child);
    log.end();
    rmSync(dataDir, { recursive: true, force: true });
    await database?.drop();
  };
  try {
    await waitForHealth(url, child, logFile, 120_000);
  } catch (e) {
    await stopAll();
    throw e;
  }
  return { url, stop: stopAll, engine: database ? 'postgres' : 'pglite' };
}
