/**
 * Risk early warning measured against ground truth: generated matters with injected anomalies (known
 * spikes, forming collective conflicts, one person coming back again and again; server/src/modules/demo/generator/
 * anomalies.ts) on PGlite, the rules run once a day over the last year as the sweep would, and each
 * rule's precision and recall against the injected anomaly of its kind.
 *
 * - A warning is a true positive when at least half of its matters belong to one injected anomaly of
 *   the rule's kind. Daily findings are folded as the store keeps them (risk.store.ts), with nobody
 *   acting on them: a finding whose dedup key was found the same or the previous day refreshes that
 *   warning (the store keeps it open and merges the matters); one whose key went unseen for a day
 *   and shares no matters with it is a new warning (as if the old one had been handled meanwhile).
 * - An anomaly is found (recall) when some true-positive warning of the rule covers it.
 * - The rest are false alarms, split into those lying on an injected anomaly of another kind (a
 *   village-only cluster on an injected spike is a real anomaly, reported by the wrong rule) and those
 *   on background matters only; the precision column counts neither.
 * - The escalation rule is per matter and looks ahead: it runs once at the generator's asOf, as the
 *   sweep does, and is scored against the generator's decision about the future (server/src/modules/demo/generator/
 *   escalations.ts): K open matters whose applicants will escalate, 2K decoys drawn from the same
 *   signal model whose applicants will not, on top of the background. Precision = warned cases / all
 *   warned matters; recall = warned cases / K. The text states the assumed model.
 * Baselines in the same run: the collective rule before this change (bench/baselines/collective-v1.ts,
 * pairwise clusters, a dedup key per first matter, no concentration test), and the new rule with
 * character bigrams instead of jieba words.
 */
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import { detectCollectives } from '../core/domain/risk/collective.rule';
import { DAY_MS, type RiskMatter, type RiskRule, type RiskWarning } from '../core/domain/risk/model';
import { detectRepeats } from '../core/domain/risk/repeat.rule';
import { bigramTokenizer, type Tokenizer } from '../core/domain/risk/similarity';
import { detectSpikes } from '../core/domain/risk/spike.rule';
import { testConfig } from '../server/src/config';
import type { Deps } from '../server/src/context';
import { openDatabase } from '../server/src/db/client';
import { migrate } from '../server/src/db/migrate';
import { loadDemoInput } from '../server/src/modules/demo/demo-data';
import { seedDemo } from '../server/src/modules/demo/demo-seed.service';
import type { InjectedAnomaly } from '../server/src/modules/demo/generator/anomalies';
import { escalationModel } from '../server/src/modules/demo/generator/escalations';
import { generateMatters } from '../server/src/modules/demo/generator/generate.service';
import { jiebaTokenizer } from '../server/src/modules/risk/jieba-tokenizer';
import * as riskRepo from '../server/src/modules/risk/risk.repo';
import { evaluateCounty } from '../server/src/modules/risk/run.service';
import { piiCipher } from '../server/src/pii/pii-cipher';
import { FixedClock } from '../server/test/clock';
import { detectCollectivesV1 } from './baselines/collective-v1';
import type { Bench } from './run';

const COUNTY = '620602';
const AS_OF = new Date('2026-03-02T01:05:00Z');

interface Merged {
  key: string;
  ids: Set<string>;
  lastDay: number;
}

/** Daily findings folded into warnings the way the store keeps them (see the header). */
function fold(findings: RiskWarning[][]): Merged[] {
  const open = new Map<string, Merged>();
  const all: Merged[] = [];
  findings.forEach((day, d) => {
    for (const w of day) {
      const cur = open.get(w.dedupKey);
      if (cur && (cur.lastDay >= d - 1 || w.matterIds.some((id) => cur.ids.has(id)))) {
        for (const id of w.matterIds) cur.ids.add(id);
        cur.lastDay = d;
      } else {
        const m = { key: w.dedupKey, ids: new Set(w.matterIds), lastDay: d };
        open.set(w.dedupKey, m);
        all.push(m);
      }
    }
  });
  return all;
}

const onAnomaly = (w: Merged, a: { ids: Set<string> }) => {
  let inside = 0;
  for (const id of w.ids) if (a.ids.has(id)) inside++;
  return inside * 2 >= w.ids.size;
};

function score(warnings: Merged[], truth: { ids: Set<string> }[], others: { ids: Set<string> }[]) {
  let tp = 0;
  let onOther = 0;
  const found = new Set<number>();
  for (const w of warnings) {
    let hit = false;
    truth.forEach((a, i) => {
      if (onAnomaly(w, a)) {
        hit = true;
        found.add(i);
      }
    });
    if (hit) tp++;
    else if (others.some((a) => onAnomaly(w, a))) onOther++;
  }
  return {
    raised: warnings.length,
    tp,
    onOther,
    background: warnings.length - tp - onOther,
    precision: warnings.length ? tp / warnings.length : null,
    found: found.size,
    recall: truth.length ? found.size / truth.length : null,
  };
}

const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(0)}%`);

const run: Bench = async ({ smoke }) => {
  const n = smoke ? 1500 : Number(process.env.BENCH_RISK_MATTERS ?? 60_000);
  const clock = new FixedClock(AS_OF);
  const database = await openDatabase({});
  await migrate(database);
  const deps: Deps = { database, clock, config: testConfig(), kickSealer: () => {} };
  await seedDemo(deps, loadDemoInput());
  const gen = await generateMatters(
    deps,
    { requestId: 'bench-risk', ip: null, actor: null },
    {
      countyCode: COUNTY,
      matters: n,
      years: 2,
      anomalies: true,
      seed: 6,
      asOf: AS_OF,
      piiKey: deps.config.piiHashKey,
      cipher: piiCipher(deps.config),
    },
  );
  const codes = (
    (await database.db.execute(sql`select id, code from matters`)) as unknown as {
      rows: { id: string; code: string }[];
    }
  ).rows;
  const idOf = new Map(codes.map((r) => [r.code, r.id]));
  // "Another injected anomaly" includes the escalation decoys and their earlier matters.
  const truthOf = (kind: InjectedAnomaly['kind'], other = false) =>
    [...gen.truth, ...(other ? gen.decoys : [])]
      .filter((a) => (a.kind === kind) !== other)
      .map((a) => ({ ids: new Set((a.codes ?? []).map((c) => idOf.get(c)!)) }));
  const scored = (kind: InjectedAnomaly['kind'], found: RiskWarning[][]) =>
    score(fold(found), truthOf(kind), truthOf(kind, true));

  const root = (await riskRepo.countyRoot(database.db, COUNTY))!;
  const facts = await riskRepo.recentFacts(
    database.db,
    piiCipher(deps.config),
    COUNTY,
    root.id,
    new Date(0),
    AS_OF,
  );
  facts.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  const days = smoke ? 14 : 365;
  const span = 91 * DAY_MS;
  const times = facts.map((f) => f.createdAt.getTime());
  const slice = (end: number): RiskMatter[] => {
    const lo = lowerBound(times, end - span);
    const hi = lowerBound(times, end + 1);
    return facts.slice(lo, hi);
  };

  const findings: Record<RiskRule | 'collectiveBigram' | 'collectiveV1', RiskWarning[][]> = {
    spike: [],
    repeat: [],
    collective: [],
    collectiveBigram: [],
    collectiveV1: [],
    escalation: [],
  };
  const ms: Record<string, number> = {
    spike: 0,
    repeat: 0,
    collective: 0,
    collectiveBigram: 0,
    collectiveV1: 0,
  };
  const timed = <T>(k: string, f: () => T): T => {
    const a = performance.now();
    const out = f();
    ms[k]! += performance.now() - a;
    return out;
  };
  const collective = (tok: Tokenizer, now: Date, part: RiskMatter[]) => detectCollectives(part, now, tok);
  for (let d = days - 1; d >= 0; d--) {
    const now = new Date(AS_OF.getTime() - d * DAY_MS);
    const part = slice(now.getTime());
    findings.spike.push(timed('spike', () => detectSpikes(part, now)));
    findings.repeat.push(timed('repeat', () => detectRepeats(part, now)));
    findings.collective.push(timed('collective', () => collective(jiebaTokenizer, now, part)));
    findings.collectiveBigram.push(timed('collectiveBigram', () => collective(bigramTokenizer, now, part)));
    findings.collectiveV1.push(timed('collectiveV1', () => detectCollectivesV1(part, now, jiebaTokenizer)));
  }
  // One scheduled run through the server's path (the four rules, escalation's SQL included).
  const started = performance.now();
  const oneRun = await evaluateCounty(database.db, piiCipher(deps.config), COUNTY, AS_OF);
  const runMs = performance.now() - started;
  const esc = scoreEscalations(
    oneRun.filter((w) => w.rule === 'escalation'),
    gen.truth.filter((a) => a.kind === 'escalation'),
    gen.decoys,
    idOf,
  );
  const facts0 = await riskRepo.escalationFacts(database.db, COUNTY, AS_OF);
  const signals = (group: InjectedAnomaly[]) => {
    const heads = new Set(group.map((a) => idOf.get(a.codes![0]!)!));
    const read = facts0.filter((f) => heads.has(f.id));
    return (
      `${read.length} of ${group.length} in the rule's reach (still handled, or rated 不满意), ` +
      `${read.filter((f) => f.overdue).length} overdue, ${read.filter((f) => f.rating === 'unsatisfied').length} 不满意, ` +
      `${read.filter((f) => f.prior >= 1).length} with earlier matters (${read.filter((f) => f.prior >= 2).length} with 2 or more)`
    );
  };
  const caseSignals = signals(gen.truth.filter((a) => a.kind === 'escalation'));
  const decoySignals = signals(gen.decoys);
  await database.close();

  const rows: [string, string, ReturnType<typeof score>, number][] = [
    ['spike (Poisson, village/grid × category)', 'spike', scored('spike', findings.spike), ms.spike!],
    ['repeat (same person or address)', 'repeat', scored('repeat', findings.repeat), ms.repeat!],
    [
      'collective, before: pairwise clusters, key per first matter (baseline)',
      'collective',
      scored('collective', findings.collectiveV1),
      ms.collectiveV1!,
    ],
    [
      'collective, now: + concentration test, one key per conflict (jieba words)',
      'collective',
      scored('collective', findings.collective),
      ms.collective!,
    ],
    [
      'collective, now, with character bigrams instead of jieba',
      'collective',
      scored('collective', findings.collectiveBigram),
      ms.collectiveBigram!,
    ],
  ];
  const out = [
    '## Risk early warning: precision and recall on injected anomalies',
    '',
    `\`npm run bench -- --only=risk\`${smoke ? ' --smoke' : ''}: ${gen.matters.toLocaleString('en-US')} generated matters over 2 years on PGlite (seed 6), ` +
      `${gen.truth.filter((a) => a.kind !== 'escalation').length} injected anomalies in the last year (spikes, collective conflicts, repeats) ` +
      `plus ${esc.k} escalation cases and ${esc.decoys} decoys (below); the rules evaluated once a day for the last ${days} days ` +
      '(as the sweep runs them), daily findings folded into warnings as the store keeps them (a key seen the same or the previous day, ' +
      'or sharing matters, refreshes its warning). A warning is a true positive when at least half of its matters belong to one ' +
      'injected anomaly of its kind; an anomaly is found when a true positive covers it. False alarms are split into those lying on ' +
      "an injected anomaly of another kind and those on background matters only; precision counts neither. The escalation cases' and " +
      'decoys\' applicants come back too (their earlier matters), so a repeat warning on them falls under "another injected anomaly".',
    '',
    '| rule | anomalies of its kind | warnings raised | true positives | false: on another injected anomaly | false: background only | precision | anomalies found | recall | rule time over all days |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map(
      ([label, kind, s, t]) =>
        `| ${label} | ${truthOf(kind as InjectedAnomaly['kind']).length} | ${s.raised} | ${s.tp} | ${s.onOther} | ${s.background} | ${pct(s.precision)} | ${s.found} | ${pct(s.recall)} | ${(t / 1000).toFixed(1)} s |`,
    ),
    '',
    `One scheduled run of all four rules through the server path (SQL reads included) took ${(runMs / 1000).toFixed(2)} s at this size.`,
    '',
    '### Escalation (per matter, looking ahead)',
    '',
    `The rule runs once at the generator's "now" (${AS_OF.toISOString().slice(0, 16)}Z) on the database as it stands, as the sweep does. ` +
      `Ground truth is the generator's decision about the future: ${esc.k} matters open at that instant whose applicants will escalate ` +
      `within ${escalationModel.horizonDays} days (the future petitions are not written), and ${esc.decoys} decoys drawn from the same signal model ` +
      'whose applicants will not, on top of the background matters (which hold overdue and 不满意 matters of their own). ' +
      "Precision = warned matters that are escalation cases / all warned matters (decoys, the injected applicants' earlier matters and " +
      'background all count as false alarms); recall = cases warned / cases.',
    '',
    `The measure depends on the assumed model, the same for cases and decoys: rated (so it can carry a rating) with p = ${escalationModel.rated}, ` +
      `else still being handled; a rated matter is 不满意 with p = ${escalationModel.unsatisfiedIfRated}; ` +
      `90–180 days old (past its handling or follow-up limit, hence overdue) with p = ${escalationModel.old}, else 1–4 days old; ` +
      `0/1/2/3 earlier matters of the same applicant (same phone, within the year before it) with p = ${escalationModel.priors.join('/')}; ` +
      `an orange-category dispute with p = ${escalationModel.orangeCategory}, else a yellow-category petition or dispute ` +
      '(the built-in catalog has no red category). Since cases and decoys share the model, the signals cannot tell them apart: ' +
      'the measure says how well the rule separates matters like these from the background, and a different model gives different numbers; ' +
      `with ${esc.k} cases, recall moves in steps of ${Math.round(100 / Math.max(1, esc.k))} points and the drawn signals vary from seed to seed. ` +
      `Drawn signals as the rule read them — cases: ${caseSignals}; decoys: ${decoySignals}.`,
    '',
    '| escalation cases | warned matters | warned cases (true) | warned decoys | warned earlier matters of injected applicants | warned background | precision | recall |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|',
    `| ${esc.k} | ${esc.warned} | ${esc.tp} | ${esc.decoysWarned} | ${esc.priorsWarned} | ${esc.background} | ${pct(esc.precision)} | ${pct(esc.recall)} |`,
  ];
  return out.join('\n');
};

/** One run's escalation warnings against the injected cases (see the header). */
function scoreEscalations(
  warnings: RiskWarning[],
  cases: InjectedAnomaly[],
  decoys: InjectedAnomaly[],
  idOf: Map<string, string>,
) {
  const head = (g: InjectedAnomaly[]) => new Set(g.map((a) => idOf.get(a.codes![0]!)!));
  const caseIds = head(cases);
  const decoyIds = head(decoys);
  const priorIds = new Set([...cases, ...decoys].flatMap((a) => a.codes!.slice(1).map((c) => idOf.get(c)!)));
  const warned = warnings.map((w) => w.matterIds[0]!);
  const tp = warned.filter((id) => caseIds.has(id)).length;
  const decoysWarned = warned.filter((id) => decoyIds.has(id)).length;
  const priorsWarned = warned.filter((id) => priorIds.has(id)).length;
  return {
    k: cases.length,
    decoys: decoys.length,
    warned: warned.length,
    tp,
    decoysWarned,
    priorsWarned,
    background: warned.length - tp - decoysWarned - priorsWarned,
    precision: warned.length ? tp / warned.length : null,
    recall: cases.length ? tp / cases.length : null,
  };
}

function lowerBound(xs: number[], x: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export default run;
