/**
 * The event log's hash chain must not serialise every write in the county behind one lock
 * (issue: "intake must scale with concurrency"). This measures, on PostgreSQL with 16 concurrent
 * writers, transactions that each append one event:
 * - ours: plain inserts, sealed right behind by the batch sealer (server/src/modules/events);
 * - baseline: the naive chain, where each writer takes a county lock, reads the last hash and
 *   appends its own hashed row inside its transaction.
 * Both in the same run, on the same fresh database.
 */
import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { systemClock } from '../server/src/context';
import { openDatabase } from '../server/src/db/client';
import { migrate } from '../server/src/db/migrate';
import { sealAll, verifyChain } from '../server/src/modules/events/events.service';
import type { BenchContext } from './run';

const CONCURRENCY = 16;

function withDb(url: string, name: string) {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

function pct(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;
}

async function drive(pool: pg.Pool, seconds: number, write: (c: pg.PoolClient, i: number) => Promise<void>) {
  const latencies: number[] = [];
  const end = performance.now() + seconds * 1000;
  let n = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      const c = await pool.connect();
      try {
        while (performance.now() < end) {
          const t0 = performance.now();
          await c.query('begin');
          await write(c, n++);
          await c.query('commit');
          latencies.push(performance.now() - t0);
        }
      } finally {
        c.release();
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  return {
    rate: latencies.length / seconds,
    p50: pct(latencies, 0.5),
    p99: pct(latencies, 0.99),
    count: latencies.length,
  };
}

export default async function run(ctx: BenchContext): Promise<string> {
  const title = '## Event log: hash chain under concurrent writers';
  if (!ctx.databaseUrl)
    return `${title}\n\nSkipped: set BENCH_DATABASE_URL (or DATABASE_URL) to a PostgreSQL server.`;
  const seconds = ctx.smoke ? 2 : 10;
  const name = `zz_bench_chain_${process.pid}`;
  const admin = new pg.Client({ connectionString: ctx.databaseUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${name}`);
  await admin.query(`create database ${name}`);
  const url = withDb(ctx.databaseUrl, name);
  const database = await openDatabase({ databaseUrl: url, poolSize: 4 });
  await migrate(database);
  await database.db.execute(
    // The naive chain lives in its own table so the two runs do not share rows.
    (await import('drizzle-orm'))
      .sql`create table naive_chain (id bigserial primary key, county_code text, body jsonb, prev_hash text, row_hash text)`,
  );
  const pool = new pg.Pool({ connectionString: url, max: CONCURRENCY });
  pool.on('error', () => {});
  const body = (i: number) =>
    JSON.stringify({ action: 'matter.created', objectId: `m-${i}`, after: { text: '某村道路积水' } });

  // Ours: the writer only inserts; a sealer runs alongside, as in the server.
  let sealing = true;
  const sealer = (async () => {
    while (sealing) {
      await sealAll(database, systemClock);
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  const ours = await drive(pool, seconds, async (c, i) => {
    await c.query(
      `insert into events (county_code, at, action, object_type, object_id, after) values ('620602', now(), 'matter.created', 'matter', $1, $2)`,
      [`m-${i}`, body(i)],
    );
  });
  sealing = false;
  await sealer;
  const sealStart = performance.now();
  await sealAll(database, systemClock);
  const drainMs = performance.now() - sealStart;
  const verify = await verifyChain(database);

  const naive = await drive(pool, seconds, async (c, i) => {
    await c.query(`select pg_advisory_xact_lock(hashtext('620602'))`);
    const last = await c.query(
      `select row_hash from naive_chain where county_code = '620602' order by id desc limit 1`,
    );
    const prev = (last.rows[0]?.row_hash as string | undefined) ?? '0'.repeat(64);
    const b = body(i);
    const hash = createHash('sha256').update(prev).update(b).digest('hex');
    await c.query(
      `insert into naive_chain (county_code, body, prev_hash, row_hash) values ('620602', $1, $2, $3)`,
      [b, prev, hash],
    );
  });

  await pool.end();
  await database.close();
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.end();

  const f = (x: number) => x.toFixed(1);
  return [
    title,
    '',
    `PostgreSQL, ${CONCURRENCY} concurrent writers, ${seconds} s each, one event per transaction.`,
    '',
    '| chain design | transactions/s | p50 ms | p99 ms | ratio |',
    '|---|---:|---:|---:|---:|',
    `| naive: lock + read last hash + insert in each writer (baseline) | ${f(naive.rate)} | ${f(naive.p50)} | ${f(naive.p99)} | 1.00 |`,
    `| ours: plain insert, batch sealer right behind | ${f(ours.rate)} | ${f(ours.p50)} | ${f(ours.p99)} | ${(ours.rate / naive.rate).toFixed(2)} |`,
    '',
    `After the writers stopped, the sealer needed ${f(drainMs)} ms to seal what was left; the verifier then checked ${verify.checked} chained events: ${verify.ok ? 'intact' : `BROKEN at ${JSON.stringify(verify.firstBroken)}`}.`,
  ].join('\n');
}
