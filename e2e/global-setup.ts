/**
 * Vitest global setup for the browser journeys: builds the web app, starts the real server on a free
 * port with a fresh PGlite database seeded with the demo county (ZONGZHI_MODE=demo), waits for
 * /healthz, hands the address to the tests (E2E_BASE_URL) and stops the server afterwards.
 *
 * Set E2E_DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/postgres) to run the server on
 * PostgreSQL instead: a fresh database zz_e2e_<pid> is created there, the server runs on it with a
 * one-second deadline sweep, its address goes to the tests (e2eDatabaseUrl, so a journey may move a
 * deadline by SQL) and it is dropped afterwards. Without it e2eDatabaseUrl is empty and the journeys
 * that need it are skipped.
 *
 * The court platform simulator (`npm run court-sim`, docs/COURT-API.md) runs beside it as its own
 * process; the server delivers to it every half second, and its address goes to the tests
 * (e2eCourtSimUrl).
 *
 * Set E2E_BASE_URL yourself to test a server that is already running (nothing is started then, and
 * e2eDatabaseUrl is empty); set E2E_SKIP_BUILD=1 to reuse an existing web/dist.
 */
import { execFileSync, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { artifacts, freePort, freshDatabase, repoRoot, stop, waitForHealth } from './server';

declare module 'vitest' {
  export interface ProvidedContext {
    e2eBaseUrl: string;
    /** The server's PostgreSQL database, or '' when it runs on PGlite (or is not ours). */
    e2eDatabaseUrl: string;
    /** The court simulator the server docks to, or '' when the server is not ours. */
    e2eCourtSimUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const given = process.env.E2E_BASE_URL;
  if (given) {
    // Said, not silent: a run against someone else's server skips what needs our own.
    console.warn(
      `[e2e] E2E_BASE_URL=${given}: testing that server; the court journey (it needs our court simulator) is skipped`,
    );
    project.provide('e2eBaseUrl', given);
    project.provide('e2eDatabaseUrl', '');
    project.provide('e2eCourtSimUrl', '');
    return undefined;
  }

  if (process.env.E2E_SKIP_BUILD !== '1') {
    execFileSync('npx', ['vite', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], {
      cwd: repoRoot,
      stdio: 'inherit',
    });
  }

  mkdirSync(artifacts, { recursive: true });
  const logFile = path.join(artifacts, 'server.log');
  const log = createWriteStream(logFile);
  const dataDir = mkdtempSync(path.join(tmpdir(), 'zongzhi-e2e-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const database = await freshDatabase(`zz_e2e_${process.pid}`);
  console.warn(
    database
      ? '[e2e] the journeys run on PostgreSQL (E2E_DATABASE_URL), as in CI'
      : '[e2e] E2E_DATABASE_URL is not set: the journeys, the full one included, run on PGlite, not on PostgreSQL as in CI (set E2E_DATABASE_URL=postgres://… to run them there)',
  );
  const env: NodeJS.ProcessEnv = { ...process.env };
  // The server reads DATABASE_URL: unless this run set one, it stays on PGlite in DATA_DIR.
  delete env.DATABASE_URL;
  if (database) {
    env.DATABASE_URL = database.url;
    // The journey makes a deadline pass by SQL and waits for the sweep to act on it.
    env.SWEEP_INTERVAL_MS = '1000';
  }

  const simPort = await freePort();
  const simUrl = `http://127.0.0.1:${simPort}`;
  const simLog = createWriteStream(path.join(artifacts, 'court-sim.log'));
  const sim = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'scripts/court-sim.ts',
      '--port',
      String(simPort),
      '--dir',
      path.join(dataDir, 'court-sim'),
      '--target',
      url,
      '--auto-rule-ms',
      '500',
      '--auto-register-ms',
      '500',
    ],
    {
      cwd: repoRoot,
      env: { ...env, NODE_ENV: 'development' },
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  sim.stdout?.pipe(simLog);
  sim.stderr?.pipe(simLog);

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
      COURT_PLATFORM_URL: simUrl,
      COURT_DELIVERY_INTERVAL_MS: '500',
    },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);

  try {
    await waitForHealth(url, child, logFile, 120_000);
    await waitForHealth(simUrl, sim, path.join(artifacts, 'court-sim.log'), 60_000);
  } catch (e) {
    await stop(child);
    await stop(sim);
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
    throw e;
  }

  process.env.E2E_BASE_URL = url;
  project.provide('e2eBaseUrl', url);
  project.provide('e2eDatabaseUrl', database?.url ?? '');
  project.provide('e2eCourtSimUrl', simUrl);

  return async () => {
    await stop(child);
    await stop(sim);
    log.end();
    simLog.end();
    delete process.env.E2E_BASE_URL;
    rmSync(dataDir, { recursive: true, force: true });
    await database?.drop();
  };
}
