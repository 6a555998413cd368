/**
 * `npm run generate`: fills the database with realistic matters over the county already imported
 * (its real towns, villages and grids). Intake instants are drawn first for the whole run and sorted,
 * so codes rise with time and each year's block of the code sequence is reserved once (the app's
 * own intake then continues after it). Rows are then synthesized and written in batches.
 */
import { formatMatterCode, maxMatterSeq } from '../../../../../core/domain/matters/code';
import { toLocalDate } from '../../../../../core/domain/time-limits';
import type { Clock, RequestCtx } from '../../../context';
import type { Database } from '../../../db/client';
import type { PiiCipher } from '../../../pii/pii-cipher';
import { countyPolicies } from '../../config/policies.service';
import { recordEvent } from '../../events/events.service';
import { reserveMatterNumbers } from '../../matters/matter-counters.repo';
import { type InjectedAnomaly, injectAnomalies } from './anomalies';
import { bulkWriter } from './bulk-write';
import { loadCounty } from './county';
import { monthVolume, rng } from './distributions';
import { injectEscalations } from './escalations';
import { analyzeGeneratedTables } from './generator.repo';
import { type Generated, localMonth, type MatterSpec, synthesize } from './synthesize';

export interface GenerateOptions {
  countyCode: string;
  matters: number;
  years: number;
  anomalies: boolean;
  seed: number;
  asOf: Date;
  piiKey: string;
  /** Seals the parties' phone numbers as the server does (docs/SECURITY.md G31). */
  cipher: PiiCipher;
  batchSize?: number;
  /** PostgreSQL only: 'insert' writes with multi-row INSERTs instead of COPY (a benchmark baseline). */
  writeMode?: 'copy' | 'insert';
  onProgress?: (done: number, total: number) => void;
}

export interface GenerateOutcome {
  matters: number;
  rows: number;
  seconds: number;
  rowsPerSecond: number;
  truth: InjectedAnomaly[];
  /** Escalation decoys: open matters drawn like the escalation cases whose applicants do not escalate. */
  decoys: InjectedAnomaly[];
}

/** Escalation cases injected with the anomalies, and twice as many decoys (escalations.ts). */
export const ESCALATION_CASES = 20;

const DAY = 86_400_000;

/** Intake instants over the window: seasonal month volume, quieter weekends, office hours (08:00–18:00 CST). */
function intakeInstants(r: ReturnType<typeof rng>, n: number, from: Date, to: Date): Float64Array {
  const days = Math.ceil((to.getTime() - from.getTime()) / DAY);
  const cum = new Float64Array(days);
  let total = 0;
  for (let i = 0; i < days; i++) {
    const d = new Date(from.getTime() + i * DAY);
    const dow = new Date(d.getTime() + 8 * 3600_000).getUTCDay();
    total += monthVolume[localMonth(d)]! * (dow === 0 || dow === 6 ? 0.55 : 1) * (1 + (0.06 * i) / 365);
    cum[i] = total;
  }
  const out = new Float64Array(n);
  const startOfLocalDay = (t: number) => t - ((t + 8 * 3600_000) % DAY);
  for (let k = 0; k < n; k++) {
    const x = r.next() * total;
    let lo = 0;
    let hi = days - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cum[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    const day = startOfLocalDay(from.getTime() + lo * DAY);
    out[k] = Math.min(to.getTime() - 60_000, day + (8 + r.next() * 10) * 3600_000);
  }
  return out;
}

async function reserveCodes(
  database: Database,
  countyCode: string,
  year: number,
  n: number,
): Promise<number> {
  const last = await reserveMatterNumbers(database.db, countyCode, year, n);
  if (last > maxMatterSeq) {
    throw new Error(
      `${year} 年的事项编号不够用：本年最多 ${maxMatterSeq} 件，请减少 --matters 或增加 --years。`,
    );
  }
  return last - n + 1;
}

export async function generateMatters(
  deps: { database: Database; clock: Clock },
  ctx: RequestCtx,
  o: GenerateOptions,
): Promise<GenerateOutcome> {
  const r = rng(o.seed);
  const county = await loadCounty(deps.database.db, o.countyCode, r);
  const policies = await countyPolicies(deps.database.db, o.countyCode);
  const to = o.asOf;
  const from = new Date(to.getTime() - Math.round(o.years * 365 * DAY));

  const base = intakeInstants(r, o.matters, from, to);
  const specs: Omit<MatterSpec, 'code'>[] = Array.from(base, (t) => ({ createdAt: new Date(t) }));
  let truth: InjectedAnomaly[] = [];
  let decoys: InjectedAnomaly[] = [];
  if (o.anomalies) {
    // Anomalies go into the last year, where the early-warning rules have a year of history behind them.
    const lastYear = { from: new Date(Math.max(from.getTime() + 90 * DAY, to.getTime() - 365 * DAY)), to };
    const injected = injectAnomalies(
      r,
      county,
      lastYear,
      Math.max(6, Math.min(60, Math.round(o.matters / 2000))),
    );
    const offset = specs.length;
    for (const s of injected.specs)
      specs.push({ ...s, createdAt: new Date(Math.min(s.createdAt.getTime(), to.getTime() - 60_000)) });
    truth = injected.truth.map((a) => ({ ...a, specIndexes: a.specIndexes.map((i) => i + offset) }));
    const esc = injectEscalations(r, county, to, ESCALATION_CASES, 2 * ESCALATION_CASES);
    const at = specs.length;
    specs.push(...esc.specs);
    const shift = (a: InjectedAnomaly) => ({ ...a, specIndexes: a.specIndexes.map((i) => i + at) });
    truth.push(...esc.truth.map(shift));
    decoys = esc.decoys.map(shift);
  }
  const order = specs
    .map((_, i) => i)
    .sort((a, b) => specs[a]!.createdAt.getTime() - specs[b]!.createdAt.getTime());

  // One block of codes per year of intake.
  const yearOf = (i: number) => Number(toLocalDate(specs[i]!.createdAt).slice(0, 4));
  const perYear = new Map<number, number>();
  for (const i of order) perYear.set(yearOf(i), (perYear.get(yearOf(i)) ?? 0) + 1);
  const next = new Map<number, number>();
  for (const [year, n] of perYear) next.set(year, await reserveCodes(deps.database, o.countyCode, year, n));
  const codeOf = new Map<number, string>();
  for (const i of order) {
    const year = yearOf(i);
    const seq = next.get(year)!;
    next.set(year, seq + 1);
    codeOf.set(i, formatMatterCode({ countyCode: o.countyCode, year, seq }));
  }
  for (const a of [...truth, ...decoys]) a.codes = a.specIndexes.map((i) => codeOf.get(i)!);

  const writer = await bulkWriter(deps.database, o.writeMode);
  const batchSize = o.batchSize ?? (deps.database.kind === 'postgres' ? 5000 : 500);
  const started = performance.now();
  let rows = 0;
  try {
    for (let k = 0; k < order.length; k += batchSize) {
      const batch: Generated[] = order
        .slice(k, k + batchSize)
        .map((i) =>
          synthesize(
            r,
            { county, policies, piiKey: o.piiKey, cipher: o.cipher, asOf: to },
            { ...specs[i]!, code: codeOf.get(i)! },
          ),
        );
      rows += await writer.write(batch);
      o.onProgress?.(Math.min(order.length, k + batchSize), order.length);
    }
  } finally {
    await writer.close();
  }
  const seconds = (performance.now() - started) / 1000;
  // Not counted in the rate.
  await analyzeGeneratedTables(deps.database.db);
  await deps.database.transaction((tx) =>
    recordEvent(tx, ctx, deps.clock, {
      countyCode: o.countyCode,
      action: 'dataset.generated',
      objectType: 'county',
      objectId: o.countyCode,
      after: {
        matters: order.length,
        rows,
        years: o.years,
        anomalies: truth.length,
        decoys: decoys.length,
        seed: o.seed,
      },
    }),
  );
  return { matters: order.length, rows, seconds, rowsPerSecond: rows / seconds, truth, decoys };
}
