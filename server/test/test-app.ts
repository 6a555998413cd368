/**
 * A whole application over a private copy of the seeded demo county, for module tests through
 * app.inject(). Runs on PGlite, or on PostgreSQL when the run was started with TEST_DATABASE_URL.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { inject } from 'vitest';
import { buildApp } from '../src/app';
import { type Config, testConfig } from '../src/config';
import type { Deps } from '../src/context';
import { type Database, type Db, openDatabase } from '../src/db/client';
import * as schema from '../src/db/schema';
import { loggerOptions } from '../src/plugins/log-redaction';
import { copyDatabase, dropDatabase, guardCounties, unguarded, withDatabase } from './citus-cluster';
import { FixedClock, SEED_TIME } from './clock';
import { refuseOverlappingQueries } from './overlapping-queries';

export const DEMO_PASSWORD = 'zongzhi-demo';

export interface TestApp {
  app: FastifyInstance;
  deps: Deps;
  /** The test's own handle on its database (on Citus without the county guard; the app runs on deps.database). */
  database: Database;
  clock: FixedClock;
  engine: 'pglite' | 'postgres';
  login(username: string, password?: string): Promise<Session>;
  close(): Promise<void>;
}

export interface Session {
  cookie: string;
  csrf: string;
  userId: string;
  /** inject() as this user, with the cookie and, for writes, the CSRF token. */
  request(opts: InjectOptions): Promise<LightMyRequestResponse>;
}

let copies = 0;

/**
 * The test file's own database. `database` is what the app runs on; `inspect` is what the test itself
 * reads and writes with. They differ on Citus only: the app's connections carry the guard against
 * statements across counties (citus-cluster.ts guardCounties), the test's own look at whatever they
 * like (a check that nothing changed anywhere reads every county).
 */
async function privateDatabase(): Promise<{
  database: Database;
  inspect: Database;
  drop: () => Promise<void>;
}> {
  const pgTemplate = inject('pgTemplate');
  if (pgTemplate) {
    const base = inject('pgBaseUrl');
    const name = `zz_t_${process.ppid}_${process.pid}_${copies++}`;
    const nodes = inject('citusNodes') ? inject('citusNodes').split(',') : [base];
    await copyDatabase(nodes, pgTemplate, name);
    if (inject('citusNodes')) await guardCounties(base, name);
    const database = await openDatabase({ databaseUrl: withDatabase(base, name), poolSize: 10 });
    refuseOverlappingQueries(database);
    const inspect = inject('citusNodes')
      ? await openDatabase({ databaseUrl: unguarded(withDatabase(base, name)), poolSize: 4 })
      : database;
    return {
      database,
      inspect,
      drop: async () => {
        await database.close();
        if (inspect !== database) await inspect.close();
        await dropDatabase(nodes, name);
      },
    };
  }
  const blob = new Blob([readFileSync(inject('pgliteTemplate'))]);
  const client = new PGlite({ loadDataDir: blob });
  await client.waitReady;
  const db = drizzle(client, { schema, casing: 'snake_case' }) as unknown as Db;
  const database: Database = {
    db,
    kind: 'pglite',
    pglite: client,
    transaction: (fn) => db.transaction(fn),
    close: () => client.close(),
  };
  return { database, inspect: database, drop: () => client.close() };
}

export async function createTestApp(
  overrides: Partial<Config> = {},
  /** Receives the server's log lines, with the production logger's redaction (plugins/log-redaction). */
  opts: { log?: { write(line: string): void } } = {},
): Promise<TestApp> {
  const { database, inspect, drop } = await privateDatabase();
  const clock = new FixedClock(new Date(SEED_TIME));
  clock.advanceMinutes(5);
  // Attachments go to a private temporary directory, never into the repository's ./data.
  const config = testConfig({ filesDir: mkdtempSync(path.join(os.tmpdir(), 'zz-files-')), ...overrides });
  const deps: Deps = { database, clock, config, kickSealer: () => {} };
  // TEST_LOG=1 shows the server's error log (the 500s' causes) while a test is being written.
  const app = await buildApp(deps, {
    logger: opts.log ? loggerOptions('info', opts.log) : process.env.TEST_LOG ? { level: 'error' } : false,
  });
  await app.ready();

  const login = async (username: string, password = DEMO_PASSWORD): Promise<Session> => {
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
    if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
    const set = res.cookies.find((c) => c.name === config.session.cookieName);
    if (!set) throw new Error('no session cookie');
    const body = res.json() as { csrfToken: string; user: { id: string } };
    const cookie = `${set.name}=${set.value}`;
    return {
      cookie,
      csrf: body.csrfToken,
      userId: body.user.id,
      request: (opts) =>
        app.inject({
          ...opts,
          headers: { ...(opts.headers ?? {}), cookie, 'x-csrf-token': body.csrfToken },
        }),
    };
  };

  return {
    app,
    deps,
    database: inspect,
    clock,
    engine: database.kind,
    login,
    async close() {
      await app.close();
      await drop();
    },
  };
}
