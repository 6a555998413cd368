/**
 * `npm run bench`: runs every benchmark in bench/ and rewrites bench/RESULTS.md.
 * Each benchmark module default-exports `run(ctx)` and returns a markdown section that states
 * its figure next to a baseline measured in the same run. `--smoke` runs each for a few seconds
 * (CI uses it to prove they still run; it never asserts timings). `--only=name` re-runs the matching
 * benchmarks and replaces just their sections in RESULTS.md.
 */
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export interface BenchContext {
  smoke: boolean;
  /** PostgreSQL URL for benchmarks that need a server; unset means skip those parts. */
  databaseUrl: string | undefined;
}

export type Bench = (ctx: BenchContext) => Promise<string>;

const here = path.dirname(fileURLToPath(import.meta.url));
const smoke = process.argv.includes('--smoke');
const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);
const ctx: BenchContext = { smoke, databaseUrl: process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL };

const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => !only || f.includes(only))
  .sort();

const sections: string[] = [];
for (const f of files) {
  const mod = (await import(pathToFileURL(path.join(here, f)).href)) as { default: Bench };
  const started = Date.now();
  console.log(`bench: ${f} …`);
  const md = await mod.default(ctx);
  console.log(`bench: ${f} done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  sections.push(md.trim());
}

const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
let pg = 'not used';
try {
  if (ctx.databaseUrl)
    pg = execSync(`psql "${ctx.databaseUrl}" -Atc "show server_version"`).toString().trim();
} catch {
  pg = 'unreachable';
}
const header = [
  '# Benchmark results',
  '',
  `Written by \`npm run bench${smoke ? ' -- --smoke' : ''}\` on ${new Date().toISOString()}.`,
  `Machine: ${os.cpus().length} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, PostgreSQL ${pg}.`,
  'Every figure stands next to its baseline, measured in the same run on the same machine.',
  smoke ? '\n**Smoke run: figures are from a few seconds each and are not meaningful.**' : '',
  '',
].join('\n');

if (smoke) {
  // A smoke run proves the benchmarks still run; its figures must not replace the real ones.
  console.log(`${header}\n${sections.join('\n\n')}`);
} else if (only) {
  // One benchmark re-run: its sections replace those with the same heading, the others stay as they
  // were measured (each section names its own command and run).
  const file = path.join(here, 'RESULTS.md');
  const current = existsSync(file) ? readFileSync(file, 'utf8') : `${header}\n`;
  const [head, ...old] = current.split(/\n(?=## )/);
  const headingOf = (md: string) => md.split('\n', 1)[0]!.trim();
  const fresh = new Map(sections.map((md) => [headingOf(md), md]));
  const kept = old.map((md) => {
    const f = fresh.get(headingOf(md));
    if (!f) return md.trim();
    fresh.delete(headingOf(md));
    return f;
  });
  writeFileSync(file, `${[head!.trimEnd(), ...kept, ...fresh.values()].join('\n\n')}\n`);
  console.log(`${sections.join('\n\n')}\nbench: merged into bench/RESULTS.md`);
} else {
  writeFileSync(path.join(here, 'RESULTS.md'), `${header}\n${sections.join('\n\n')}\n`);
  console.log('bench: wrote bench/RESULTS.md');
}
