/**
 * Rule (c): a collective conflict forming — several different people bringing similar matters about
 * the same respondent (被反映方) or, failing a named one, the same village within a short window,
 * before anyone has filed it as one collective matter. Matters are grouped by respondent and by
 * village; inside a group, matters whose texts are similar (word-set Jaccard ≥ threshold) are joined
 * into clusters (single linkage via union-find). People are counted by applicant hash, so one person
 * filing five times is the repeat rule's business, not a crowd.
 *
 * A cluster fires only when it is also more concentrated on its party or place than usual: of the n
 * matters in the whole county in the window that are like the cluster's typical matter (same category
 * or similar text), the number that name this respondent (or lie in this village) is compared, by the
 * binomial upper tail, with that party's (place's) share of the same category over the trailing
 * baseline before the window. The group's own history is the yardstick because categories are not
 * spread evenly: a town-centre community always brings more neighbours' quarrels than a farming
 * village, and that is no crowd forming. Without the test, a common kind of matter against a common
 * respondent or in a big village fired every fortnight — 517 warnings for 10 real conflicts in the
 * bench; three people out of hundreds saying the same ordinary thing is not a crowd forming, three out
 * of ten saying it about a company that is rarely named is.
 *
 * One warning per conflict: the dedup key names the respondent (or village and category), not a
 * member matter, so as the cluster grows or its first matter leaves the window the store refreshes
 * the same warning instead of raising another one.
 */
import { actingOrg, DAY_MS, type RiskMatter, type RiskWarning, type WarningGrade } from './model';
import { binomialUpperTail } from './poisson';
import { contentWords, jaccard, type Tokenizer } from './similarity';

export interface CollectivePolicy {
  windowDays: number;
  similarity: number;
  /** Distinct people from which a respondent cluster is a warning, and the grades above it. */
  yellowAt: number;
  orangeAt: number;
  redAt: number;
  /** Distinct people a cluster needs when it shares only a village, no named respondent. */
  placeOnlyAt: number;
  /** Chance probability of the concentration at or below which the cluster is a warning. */
  significance: number;
  /** Days before the window over which a party's or place's usual share is measured. */
  baselineDays: number;
}

/**
 * Orange at 5 people because 5 is the local practice for 集体访 (see matters/collective.ts, a policy
 * value of low confidence); yellow from 3 so the town hears of it before it gets there.
 */
export const defaultCollectivePolicy: CollectivePolicy = {
  windowDays: 14,
  similarity: 0.3,
  yellowAt: 3,
  orangeAt: 5,
  redAt: 10,
  placeOnlyAt: 5,
  significance: 1e-3,
  baselineDays: 77,
};

export function normaliseRespondent(r: string): string {
  return r.replace(/[\s（）()]/g, '');
}

export function detectCollectives(
  matters: readonly RiskMatter[],
  now: Date,
  tokenize: Tokenizer,
  policy: CollectivePolicy = defaultCollectivePolicy,
): RiskWarning[] {
  const end = now.getTime();
  const start = end - policy.windowDays * DAY_MS;
  const baselineStart = start - policy.baselineDays * DAY_MS;
  const inWindow: RiskMatter[] = [];
  const groups = new Map<string, RiskMatter[]>();
  // Baseline counts: matters per category, and per group × category.
  const before = new Map<string, number>();
  const bump = (k: string) => before.set(k, (before.get(k) ?? 0) + 1);
  for (const m of matters) {
    const t = m.createdAt.getTime();
    if (t < baselineStart || t > end) continue;
    if (t < start) {
      bump(`cat:${m.categoryCode}`);
      for (const g of groupKeys(m)) bump(`${g}|${m.categoryCode}`);
      continue;
    }
    inWindow.push(m);
    for (const g of groupKeys(m)) {
      const list = groups.get(g);
      if (list) list.push(m);
      else groups.set(g, [m]);
    }
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
  const similar = (a: RiskMatter, b: RiskMatter) =>
    // Different categories join only on clearly similar text.
    jaccard(wordsOf(a), wordsOf(b)) >=
    (a.categoryCode === b.categoryCode ? policy.similarity : Math.max(policy.similarity, 0.5));
  const out: RiskWarning[] = [];
  const seen = new Set<string>();
  // Matters already in a respondent warning: the same crowd found again through its village is the
  // same conflict, and a second warning for it would only split the leader's attention.
  const claimed = new Set<string>();
  const ordered = [...groups].sort(
    ([a], [b]) => Number(!a.startsWith('respondent:')) - Number(!b.startsWith('respondent:')),
  );
  for (const [groupKey, ms] of ordered) {
    // A named respondent is a strong link; a village alone is weak (neighbours bring the same kind of
    // matter every season), so a village-only cluster needs as many people as a collective visit.
    const byRespondent = groupKey.startsWith('respondent:');
    const minPeople = byRespondent ? policy.yellowAt : policy.placeOnlyAt;
    if (distinctPeople(ms) < minPeople) continue;
    for (const cluster of clusters(ms, similar)) {
      const people = distinctPeople(cluster);
      if (people < minPeople) continue;
      const ids = cluster.map((m) => m.id).sort();
      // The same matters found through both the respondent and the village are one warning.
      const sig = ids.join(',');
      if (seen.has(sig)) continue;
      if (!byRespondent && ids.filter((id) => claimed.has(id)).length * 2 >= ids.length) continue;
      // How many matters county-wide in the window read like this cluster (its most central matter),
      // and how likely `people` of them would fall on this group by chance.
      const centre = medoid(cluster, wordsOf);
      const members = new Set(ids);
      let alike = cluster.length;
      for (const m of inWindow) {
        if (!members.has(m.id) && (m.categoryCode === centre.categoryCode || similar(m, centre))) alike++;
      }
      // Half a matter added, so a party never named before is rare, not impossible.
      const share =
        ((before.get(`${groupKey}|${centre.categoryCode}`) ?? 0) + 0.5) /
        ((before.get(`cat:${centre.categoryCode}`) ?? 0) + 1);
      const p = binomialUpperTail(people, alike, Math.min(1, share));
      if (p > policy.significance) continue;
      seen.add(sig);
      if (byRespondent) for (const id of ids) claimed.add(id);
      const grade: WarningGrade =
        people >= policy.redAt ? 'red' : people >= policy.orangeAt ? 'orange' : 'yellow';
      const shared = sharedWords(cluster.map(wordsOf));
      const [, who] = groupKey.split(/:(.*)/s) as [string, string];
      out.push({
        rule: 'collective',
        grade,
        targetOrgId: actingOrg(grade, centre),
        explanation:
          `${policy.windowDays}日内${people}名不同群众就${byRespondent ? `同一被反映方“${who}”` : '同一村（社区）'}` +
          `反映相似事项${cluster.length}件${shared.length ? `（共同关键词：${shared.slice(0, 5).join('、')}）` : ''}；` +
          `全县同期同类或相似事项${alike}件，按前${policy.baselineDays}日的比例，集中于此的偶然概率约为${formatP(p)}，` +
          `有形成群体性矛盾的苗头，需提前介入、联合化解。`,
        matterIds: ids,
        // A village cluster that mostly names one respondent is that respondent's conflict, found on a
        // day the respondent's own test was not yet (or no longer) significant: the same key, so the
        // store keeps one warning for it instead of two.
        dedupKey: byRespondent
          ? `collective:${groupKey}`
          : (dominantRespondent(cluster) ?? `collective:${groupKey}:${centre.categoryCode}`),
      });
    }
  }
  return out;
}

function dominantRespondent(cluster: readonly RiskMatter[]): string | null {
  const n = new Map<string, number>();
  for (const m of cluster) {
    if (!m.respondent) continue;
    const r = normaliseRespondent(m.respondent);
    if (r.length >= 2) n.set(r, (n.get(r) ?? 0) + 1);
  }
  for (const [r, c] of n) if (c * 2 >= cluster.length) return `collective:respondent:${r}`;
  return null;
}

function groupKeys(m: RiskMatter): string[] {
  const out: string[] = [];
  if (m.respondent && normaliseRespondent(m.respondent).length >= 2) {
    out.push(`respondent:${normaliseRespondent(m.respondent)}`);
  }
  if (m.villageId) out.push(`village:${m.villageId}`);
  return out;
}

/** The member most similar to the others: the cluster's typical matter. */
function medoid(cluster: readonly RiskMatter[], wordsOf: (m: RiskMatter) => Set<string>): RiskMatter {
  let best = cluster[0]!;
  let bestSum = -1;
  for (const a of cluster) {
    let sum = 0;
    for (const b of cluster) if (a !== b) sum += jaccard(wordsOf(a), wordsOf(b));
    if (sum > bestSum) {
      bestSum = sum;
      best = a;
    }
  }
  return best;
}

function formatP(p: number): string {
  if (p <= 0) return '0';
  const exp = Math.floor(Math.log10(p));
  return `${(p / 10 ** exp).toFixed(1)}×10^${exp}`;
}

function distinctPeople(ms: readonly RiskMatter[]): number {
  const people = new Set<string>();
  for (const m of ms) people.add(m.applicantHash ?? `matter:${m.id}`);
  return people.size;
}

function clusters(
  ms: readonly RiskMatter[],
  similar: (a: RiskMatter, b: RiskMatter) => boolean,
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
      if (similar(ms[i]!, ms[j]!)) parent[find(i)] = find(j);
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
