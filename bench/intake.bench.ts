import path from 'node:path';
import pg from 'pg';
import {
  CONCURRENCY,
  type Figures,
  type Measured,
  type OutOfProcess,
  outOfProcess,
  RATE,
  ROWS_PER_MATTER,
  repoRoot,
  withDb,
} from './intake-load';
import { pgbenchInsert, pgliteInProcess, rawInsert, withFreshDatabase } from './intake-raw';
import type { BenchContext } from './run';

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
    `The server runs in its own process (\`node scripts/run-built.mjs main\`, the built JavaScript, as \`npm start\` runs it; a checkout without a build step through tsx; on a fresh database it migrates and seeds itself); this process is the load generator. ` +
      `${seconds} s per row after ${warmup} s of warm-up; one matter (a dispute with two parties) per request or transaction; rows/s = ${ROWS_PER_MATTER} × matters/s (the HTTP path writes an event row besides). ` +
      "Per intake: the server process's CPU (/proc/<pid>/stat, everything it did in the window: requests, the event sealer, after-commit work; the minute's deadline sweep and the risk run are set to an hour so that they run at start only, their cost being per county and minute, not per intake), the CPU of the PostgreSQL backends of that database (/proc, background writers not included), " +
      'and the statements and round trips counted on the wire by a proxy between the server and PostgreSQL (bench/pg-proxy.ts). The fixed-rate rows count latency from the scheduled start. ' +
      'The 201 body is one answer measured after the window. The machine is shared: figures move by 10–20 % between runs.',
    '',
    ...lines,
    '',
    ...notes,
  ].join('\n');
}
