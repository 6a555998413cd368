/**
 * Rule (a): a spike of one category in one village or grid against its own trailing history.
 *
 * Test: Poisson upper tail, not EWMA. Counts per village × category per week are small (mostly 0–2);
 * EWMA control limits assume roughly normal counts and either never fire or fire on every single
 * matter at such rates, while the Poisson tail P(X ≥ k | λ) is exact for rare independent events and
 * gives a probability a leader can read ("this many would happen by chance once in N weeks"). The
 * baseline λ is the unit's own mean per window over the trailing baseline, with half a matter added so a
 * unit with an empty history does not turn its first few matters into a "spike" (λ = 0 would make any
 * count infinitely unlikely); a minimum count keeps single-digit noise out.
 */
import { actingOrg, DAY_MS, type RiskMatter, type RiskWarning, type WarningGrade } from './model';
import { poissonUpperTail } from './poisson';

export interface SpikePolicy {
  windowDays: number;
  baselineDays: number;
  minCount: number;
  /** Tail probabilities at or below which the grade is reached. */
  yellowP: number;
  orangeP: number;
  redP: number;
}

export const defaultSpikePolicy: SpikePolicy = {
  windowDays: 7,
  baselineDays: 84,
  minCount: 6,
  yellowP: 1e-3,
  orangeP: 1e-5,
  redP: 1e-8,
};

type Unit = 'village' | 'grid';
const unitLabel: Record<Unit, string> = { village: '村（社区）', grid: '网格' };

export function detectSpikes(
  matters: readonly RiskMatter[],
  now: Date,
  policy: SpikePolicy = defaultSpikePolicy,
  categoryName: (code: string) => string = (c) => c,
): RiskWarning[] {
  const end = now.getTime();
  const windowStart = end - policy.windowDays * DAY_MS;
  const baselineStart = windowStart - policy.baselineDays * DAY_MS;
  const windows = policy.baselineDays / policy.windowDays;
  const groups = new Map<string, { unit: Unit; unitId: string; current: RiskMatter[]; baseline: number }>();
  for (const m of matters) {
    const t = m.createdAt.getTime();
    if (t < baselineStart || t > end) continue;
    const units: [Unit, string | null][] = [
      ['village', m.villageId],
      ['grid', m.gridId],
    ];
    for (const [unit, unitId] of units) {
      if (!unitId) continue;
      const key = `${unit}:${unitId}:${m.categoryCode}`;
      let g = groups.get(key);
      if (!g) {
        g = { unit, unitId, current: [], baseline: 0 };
        groups.set(key, g);
      }
      if (t >= windowStart) g.current.push(m);
      else g.baseline++;
    }
  }
  const out: RiskWarning[] = [];
  for (const [key, g] of groups) {
    const k = g.current.length;
    if (k < policy.minCount) continue;
    const lambda = (g.baseline + 0.5) / windows;
    const p = poissonUpperTail(k, lambda);
    const grade: WarningGrade | null =
      p <= policy.redP ? 'red' : p <= policy.orangeP ? 'orange' : p <= policy.yellowP ? 'yellow' : null;
    if (!grade) continue;
    const first = g.current[0]!;
    const cat = categoryName(first.categoryCode);
    out.push({
      rule: 'spike',
      grade,
      targetOrgId: actingOrg(grade, first),
      explanation:
        `${unitLabel[g.unit]}近${policy.windowDays}日“${cat}”类事项${k}件，` +
        `前${policy.baselineDays}日平均每${policy.windowDays}日${(g.baseline / windows).toFixed(1)}件；` +
        `按泊松分布，偶然出现${k}件及以上的概率约为${formatP(p)}。`,
      matterIds: g.current.map((m) => m.id),
      dedupKey: `spike:${key}`,
    });
  }
  return out;
}

function formatP(p: number): string {
  if (p <= 0) return '0';
  const exp = Math.floor(Math.log10(p));
  return `${(p / 10 ** exp).toFixed(1)}×10^${exp}`;
}
