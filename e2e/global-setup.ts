/**
 * Vitest global setup for the browser journeys: builds the web app, starts the real server on a free
 * port with a fresh PGlite database seeded with the demo county (ZONGZHI_MODE=demo), waits for
 * /healthz, hands the address to the tests (E2E_BASE_URL) and stops the server afterwards.
 *
 * Set E2E_BASE_URL yourself to test a server that is already running (nothing is started then);
 * set E2E_SKIP_BUILD=1 to reuse an existing web/dist.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    e2eBaseUrl: string;
  }
}

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const artifacts = path.join(repoRoot, 'e2e', 'artifacts');

function freePort(): Promise<number> {
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

async function waitForHealth(
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

function tail(file: string): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-40).join('\n');
  } catch {
    return '(no log)';
  }
}

function stop(child: ChildProcess): Promise<void> {
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
    const force = setTimeout(() => kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    kill('SIGTERM');
  });
}

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const given = process.env.E2E_BASE_URL;
  if (given) {
    project.provide('e2eBaseUrl', given);
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

  const child = spawn('npx', ['tsx', 'server/src/main.ts'], {
    cwd: repoRoot,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      ZONGZHI_MODE: 'demo',
      LOG_LEVEL: 'warn',
    },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);

  try {
    await waitForHealth(url, child, logFile, 120_000);
  } catch (e) {
    await stop(child);
    rmSync(dataDir, { recursive: true, force: true });
    throw e;
  }

  process.env.E2E_BASE_URL = url;
  project.provide('e2eBaseUrl', url);

  return async () => {
    await stop(child);
    log.end();
    delete process.env.E2E_BASE_URL;
    rmSync(dataDir, { recursive: true, force: true });
  };
}
