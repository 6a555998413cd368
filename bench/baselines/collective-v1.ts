/**
 * BASELINE for bench/risk.bench.ts only: the collective rule as it was before the significance test
 * and the one-warning-per-conflict key (core/domain/risk/collective.rule.ts now), kept verbatim so the
 * bench reports before and after in the same run. Not used by the server.
 *
 * Rule (c): a collective conflict forming — several different people bringing similar matters about
 * the same place (village) or the same respondent within a short window, before anyone has filed it as
 * one collective matter. Matters are grouped by respondent and by village; inside a group, matters
 * whose texts are similar (word-set Jaccard ≥ threshold) are joined into clusters (single linkage via
 * union-find), and a cluster with enough distinct people fires. People are counted by applicant hash,
 * so one person filing five times is the repeat rule's business, not a crowd.
 */
import {
  actingOrg,
  DAY_MS,
  type RiskMatter,
  type RiskWarning,
  type WarningGrade,
} from '../../core/domain/risk/model';
import { contentWords, jaccard, type Tokenizer } from '../../core/domain/risk/similarity';

interface CollectivePolicy {
  windowDays: number;
  similarity: number;
  /** Distinct people from which a cluster is a warning, and the grades above it. */
  yellowAt: number;
  orangeAt: number;
  redAt: number;
}

/**
 * Orange at 5 people because 5 is the local practice for 集体访 (see matters/collective.ts, a policy
 * value of low confidence); yellow from 3 so the town hears of it before it gets there.
 */
const defaultCollectivePolicy: CollectivePolicy = {
  windowDays: 14,
  similarity: 0.3,
  yellowAt: 3,
  orangeAt: 5,
  redAt: 10,
};

function normaliseRespondent(r: string): string {
  return r.replace(/[\s（）()]/g, '');
}

export function detectCollectivesV1(
  matters: readonly RiskMatter[],
  now: Date,
  tokenize: Tokenizer,
  policy: CollectivePolicy = defaultCollectivePolicy,
): RiskWarning[] {
  const end = now.getTime();
  const start = end - policy.windowDays * DAY_MS;
  const groups = new Map<string, RiskMatter[]>();
  const add = (k: string, m: RiskMatter) => {
    const g = groups.get(k);
    if (g) g.push(m);
    else groups.set(k, [m]);
  };
  for (const m of matters) {
    const t = m.createdAt.getTime();
    if (t < start || t > end) continue;
    if (m.respondent && normaliseRespondent(m.respondent).length >= 2) {
      add(`respondent:${normaliseRespondent(m.respondent)}`, m);
    }
    if (m.villageId) add(`village:${m.villageId}`, m);
  }
  const words = new Map<string, Set<string>>();
  const wordsOf = (m: RiskMatter) => {
    let w = words.get(m.id);
    if (!w) {
      w = contentWords(m.text, tokenize);
      words.set(m.id, w);
    }
    return w;
  };
  const out: RiskWarning[] = [];
  const seen = new Set<string>();
  for (const [groupKey, ms] of groups) {
    // A named respondent is a strong link; a village alone is weak (neighbours bring the same kind of
    // matter every season), so a village-only cluster needs as many people as a collective visit.
    const minPeople = groupKey.startsWith('respondent:') ? policy.yellowAt : policy.orangeAt;
    if (distinctPeople(ms) < minPeople) continue;
    for (const cluster of clusters(ms, wordsOf, policy.similarity)) {
      const people = distinctPeople(cluster);
      if (people < minPeople) continue;
      const grade: WarningGrade | null =
        people >= policy.redAt
          ? 'red'
          : people >= policy.orangeAt
            ? 'orange'
            : people >= policy.yellowAt
              ? 'yellow'
              : null;
      if (!grade) continue;
      const ids = cluster.map((m) => m.id).sort();
      // The same matters found through both the respondent and the village are one warning.
      const sig = ids.join(',');
      if (seen.has(sig)) continue;
      seen.add(sig);
      const shared = sharedWords(cluster.map(wordsOf));
      const [by, who] = groupKey.split(/:(.*)/s) as [string, string];
      out.push({
        rule: 'collective',
        grade,
        targetOrgId: actingOrg(grade, cluster[0]!),
        explanation:
          `${policy.windowDays}日内${people}名不同群众就${by === 'respondent' ? `同一被反映方“${who}”` : '同一村（社区）'}` +
          `反映相似事项${cluster.length}件${shared.length ? `（共同关键词：${shared.slice(0, 5).join('、')}）` : ''}，` +
          `有形成群体性矛盾的苗头，需提前介入、联合化解。`,
        matterIds: ids,
        dedupKey: `collective:${groupKey}:${ids[0]}`,
      });
    }
  }
  return out;
}

function distinctPeople(ms: readonly RiskMatter[]): number {
  const people = new Set<string>();
  for (const m of ms) people.add(m.applicantHash ?? `matter:${m.id}`);
  return people.size;
}

function clusters(
  ms: readonly RiskMatter[],
  wordsOf: (m: RiskMatter) => Set<string>,
  threshold: number,
): RiskMatter[][] {
  const parent = ms.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  for (let i = 0; i < ms.length; i++) {
    for (let j = i + 1; j < ms.length; j++) {
      const sim = jaccard(wordsOf(ms[i]!), wordsOf(ms[j]!));
      // Different categories join only on clearly similar text.
      const needed = ms[i]!.categoryCode === ms[j]!.categoryCode ? threshold : Math.max(threshold, 0.5);
      if (sim >= needed) parent[find(i)] = find(j);
    }
  }
  const byRoot = new Map<number, RiskMatter[]>();
  ms.forEach((m, i) => {
    const r = find(i);
    const c = byRoot.get(r);
    if (c) c.push(m);
    else byRoot.set(r, [m]);
  });
  return [...byRoot.values()];
}

/** Words present in at least half of the cluster's matters, most common first. */
function sharedWords(sets: Set<string>[]): string[] {
  const count = new Map<string, number>();
  for (const s of sets) for (const w of s) count.set(w, (count.get(w) ?? 0) + 1);
  return [...count]
    .filter(([, n]) => n * 2 >= sets.length)
    .sort((a, b) => b[1] - a[1])
    .map(([w]) => w);
}
