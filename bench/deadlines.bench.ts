/**
 * Deadline computations per second: `computeDue` on the calendar the server uses — built from the
 * holiday table (`holiday_years`, read from a migrated PGlite database, as a county's calendar is) and
 * kept per table revision — on a mix of statutory and local rules, against the naive approach measured
 * in the same run: step one day at a time and ask `chineseDays.isWorkday` about each day. Both must give
 * the same last day for every case before their speeds mean anything. Also measured: building a
 * county's calendar from the table (what a saved year costs each server once) and the cached lookup
 * every clock start makes.
 *
 * The naive baseline uses the package's functions, which are only right on a machine at or east of UTC
 * (see core/domain/time-limits/calendar.ts); the bench refuses to run elsewhere rather than compare
 * wrong answers.
 */
import chineseDays from 'chinese-days';
import { mulberry32 } from '../core/domain/geo/generate-grids';
import {
  computeDue,
  type DeadlineRule,
  defaultLocalPolicies,
  extend,
  LD_14,
  type LocalDate,
  type Pause,
  RT_33,
  TY_27_ENTRUSTED,
  toLocalDate,
  XF_23_NOTICE,
  XF_23_OBJECTION,
  XF_34,
  XF_34_EXT,
  XF_35,
  XF_36,
  ZX_12,
  ZX_24_PRE_FILING,
} from '../core/domain/time-limits';
import { testConfig } from '../server/src/config';
import { type Deps, systemClock } from '../server/src/context';
import { openDatabase } from '../server/src/db/client';
import { migrate } from '../server/src/db/migrate';
import { loadWorkCalendar, workCalendar } from '../server/src/modules/calendar/calendar-cache';
import type { Bench } from './run';

interface Case {
  rule: DeadlineRule;
  triggerAt: Date;
  pauses: Pause[];
}

const CASES = 10_000;
const BATCH = 500;
const DAY = 86_400_000;

/** The mix: weights roughly as a county centre would see them (notices and handling dominate). */
const MIX: { rule: DeadlineRule; weight: number; pause?: boolean }[] = [
  { rule: XF_23_NOTICE, weight: 3 },
  { rule: XF_23_OBJECTION, weight: 1 },
  { rule: XF_34, weight: 3 },
  { rule: extend(XF_34, 30, XF_34_EXT.amount), weight: 1 },
  { rule: XF_35, weight: 1 },
  { rule: XF_36, weight: 1, pause: true },
  { rule: RT_33, weight: 1 },
  { rule: TY_27_ENTRUSTED, weight: 1, pause: true },
  { rule: ZX_24_PRE_FILING, weight: 1, pause: true },
  { rule: ZX_12, weight: 1 },
  { rule: LD_14, weight: 1 },
  { rule: defaultLocalPolicies.peopleMediation.value, weight: 1 },
  { rule: defaultLocalPolicies.simpleHandle.value, weight: 1 },
];

function buildCases(): Case[] {
  const rng = mulberry32(7);
  const bag = MIX.flatMap((m) => Array.from({ length: m.weight }, () => m));
  const from = Date.parse('2025-01-01T00:00:00+08:00');
  const span = Date.parse('2026-06-30T00:00:00+08:00') - from;
  return Array.from({ length: CASES }, () => {
    const m = bag[Math.floor(rng() * bag.length)]!;
    const triggerAt = new Date(from + Math.floor(rng() * span));
    const pauses: Pause[] = [];
    if (m.pause) {
      const start = triggerAt.getTime() + Math.floor(rng() * 10) * DAY;
      pauses.push({ from: new Date(start), to: new Date(start + Math.floor(1 + rng() * 5) * DAY) });
    }
    return { rule: m.rule, triggerAt, pauses };
  });
}

// --- The naive approach: a date as 'YYYY-MM-DD', one step = one day, one question per day. -------------

const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10) as LocalDate;
const CST = 8 * 3_600_000;

function naiveLastDay(c: Case): LocalDate {
  const { rule } = c;
  // Local midnight of the trigger day, as a UTC-midnight timestamp of the same calendar date.
  let t = Math.floor((c.triggerAt.getTime() + CST) / DAY) * DAY;
  const pausedDays = c.pauses.map((p) => [
    iso(p.from.getTime() + CST),
    iso((p.to ?? p.from).getTime() + CST),
  ]);
  const paused = (d: string) => pausedDays.some(([a, b]) => a! <= d && d <= b!);
  if (rule.unit === 'month') {
    const d = new Date(t);
    const day = d.getUTCDate();
    const end = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + rule.amount + 1, 0));
    t = Date.UTC(end.getUTCFullYear(), end.getUTCMonth(), Math.min(day, end.getUTCDate()));
  } else {
    let counted = 0;
    while (counted < rule.amount) {
      t += DAY;
      const d = iso(t);
      if (paused(d)) continue;
      if (rule.unit === 'working_day' && !chineseDays.isWorkday(d)) continue;
      counted++;
    }
  }
  if (rule.rollOverIfRestDay) while (!chineseDays.isWorkday(iso(t))) t += DAY;
  return iso(t);
}

/** Computations per second over at least `ms`, cycling through the cases. */
function measure(cases: Case[], ms: number, compute: (c: Case) => unknown): number {
  let done = 0;
  let i = 0;
  let sink = 0;
  const started = performance.now();
  let elapsed = 0;
  while (elapsed < ms) {
    for (let b = 0; b < BATCH; b++) {
      if (compute(cases[i]!)) sink++;
      i = (i + 1) % cases.length;
    }
    done += BATCH;
    elapsed = performance.now() - started;
  }
  if (sink < 0) console.log(sink);
  return (done / elapsed) * 1000;
}

const run: Bench = async ({ smoke }) => {
  if (new Date('2025-06-01T00:00:00Z').getTimezoneOffset() > 0) {
    return '## Deadline computations\n\nSkipped: the naive baseline (chinese-days functions) is wrong west of UTC.';
  }
  // The server's calendar: a migrated database (the holiday table seeded), read as a county's calendar.
  const database = await openDatabase({});
  await migrate(database);
  const deps: Deps = { database, clock: systemClock, config: testConfig(), kickSealer: () => {} };
  const buildRuns = smoke ? 5 : 20;
  const buildStarted = performance.now();
  for (let r = 0; r < buildRuns; r++) await loadWorkCalendar(database.db, '620602');
  const buildMs = (performance.now() - buildStarted) / buildRuns;
  const cal = await workCalendar(deps, '620602');
  const lookups = smoke ? 2_000 : 20_000;
  const lookupStarted = performance.now();
  for (let r = 0; r < lookups; r++) await workCalendar(deps, '620602');
  const lookupUs = ((performance.now() - lookupStarted) / lookups) * 1000;
  await database.close();
  const cases = buildCases();
  for (const c of cases) {
    const ours = computeDue(c.rule, c.triggerAt, cal, { pauses: c.pauses }).lastDay;
    const naive = naiveLastDay(c);
    if (ours !== naive) {
      throw new Error(
        `deadlines: ${c.rule.basis} from ${toLocalDate(c.triggerAt)}: ${ours} ≠ naive ${naive}`,
      );
    }
  }

  const ms = smoke ? 1_000 : 5_000;
  const fast = (c: Case) => computeDue(c.rule, c.triggerAt, cal, { pauses: c.pauses });
  const slow = (c: Case) => naiveLastDay(c);
  const results = [
    {
      method: 'step one day at a time through `chineseDays.isWorkday` (baseline)',
      perSecond: measure(cases, ms, slow),
    },
    {
      method: '`computeDue` on the table-backed calendar (with the Chinese explanation)',
      perSecond: measure(cases, ms, fast),
    },
  ];
  const base = results[0]!.perSecond;
  const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
  const pausedShare = cases.filter((c) => c.pauses.length > 0).length / cases.length;
  return [
    '## Deadline computations',
    '',
    `${CASES.toLocaleString('en-US')} cases: ${MIX.length} rules (信访 15/60/90/30 days and 5 working days, 司法确认, ` +
      `委托/在线调解, 劳动争议, 1 month, 10 working days), triggers at random instants 2025-01-01 – 2026-06-30, ` +
      `${(pausedShare * 100).toFixed(0)} % with a pause of 1–5 days. Both methods give the same last day for every ` +
      `case (checked first); each runs for ${ms / 1000} s. The calendar is the server's: read from the ` +
      `holiday table of a migrated PGlite database and built for a county in ${buildMs.toFixed(2)} ms ` +
      `(mean of ${buildRuns}; once per table revision per process); the cached lookup a clock start makes ` +
      `costs ${lookupUs.toFixed(2)} µs (mean of ${lookups.toLocaleString('en-US')}; the table's stamp is ` +
      'read again at most every 2 s).',
    '',
    '| method | computations/s | µs each | ratio |',
    '|---|---:|---:|---:|',
    ...results.map(
      (r) =>
        `| ${r.method} | ${fmt(r.perSecond)} | ${(1e6 / r.perSecond).toFixed(2)} | ${(r.perSecond / base).toFixed(1)}× |`,
    ),
  ].join('\n');
};

export default run;
