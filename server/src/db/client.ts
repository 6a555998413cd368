/**
 * One database handle for the whole server: PGlite (embedded, the zero-setup default, stored under
 * ./data/pglite or in memory for tests) or PostgreSQL through `pg` when DATABASE_URL is set. Both
 * speak the same SQL; only this file and migrate.ts know which one runs.
 */
import { PGlite } from '@electric-sql/pglite';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import * as schema from './schema';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** What repos take: the database or an open transaction. */
export type Executor = Db | Tx;

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** The PostgreSQL URL, for tools that need a second connection (benchmarks, tests). */
  url?: string;
  /** Runs fn in one transaction and makes the commit durable before returning. */
  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /** For PGlite only: the underlying instance (dump/restore in tests and scripts). */
  pglite?: PGlite;
  /** For PostgreSQL only: the connection pool's state now (/metrics). */
  poolStats?: () => { total: number; idle: number; waiting: number };
}

export interface OpenOptions {
  databaseUrl?: string | undefined;
  /** PGlite data directory; undefined means in memory. */
  pgliteDir?: string | undefined;
  poolSize?: number;
  /** Where a lost idle connection is reported (the server's logger); silent when not given. */
  onIdleError?: (err: Error) => void;
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: opts.poolSize ?? 10 });
    // An idle connection dropped by the server (restart, failover) must not take the process down;
    // the next query gets a fresh connection.
    pool.on('error', (err) => opts.onIdleError?.(err));
    const db = drizzlePg(pool, { schema, casing: 'snake_case' }) as unknown as Db;
    return {
      db,
      kind: 'postgres',
      url: opts.databaseUrl,
      transaction: (fn) => db.transaction(fn),
      close: () => pool.end(),
      poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    };
  }
  const client = opts.pgliteDir
    ? new PGlite(opts.pgliteDir, { relaxedDurability: false })
    : new PGlite({ relaxedDurability: false });
  await client.waitReady;
  const db = drizzlePglite(client, { schema, casing: 'snake_case' }) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    pglite: client,
    transaction: async (fn) => {
      const result = await db.transaction(fn);
      // PGlite's transaction() commits without flushing to its file system (electric-sql/pglite#1065);
      // a top-level query does flush, so an acknowledged write survives a kill -9 (docs/SECURITY.md G14).
      if (opts.pgliteDir) await client.query('select 1');
      return result;
    },
    close: () => client.close(),
  };
}
