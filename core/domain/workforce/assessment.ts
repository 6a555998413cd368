/**
 * 网格员考核: the score of one worker in one period, and the ranking of a town's workers. The formula
 * is defined here once and written out in docs/WORKFORCE.md; the server, the export and the worker's
 * own record on /field all read it from here.
 *
 *   score = 25·min(1, 巡查/应巡查) + 20·min(1, 走访/应走访) + 10·min(1, 跟进/应跟进)
 *         + 15·(及时上报/上报) + 10·(有效上报/上报) + 镇街评价 (0–20)
 *
 * A share with nothing owed (应跟进 = 0) or nothing reported counts as met. The score is rounded to
 * one decimal only at the end.
 */
import type { Performance } from './performance';

export const assessmentWeights = {
  patrol: 25,
  visit: 20,
  followUp: 10,
  timeliness: 15,
  validity: 10,
  town: 20,
} as const;

export const TOWN_POINTS_MAX = assessmentWeights.town;

export interface AssessmentParts {
  patrol: number;
  visit: number;
  followUp: number;
  timeliness: number;
  validity: number;
  town: number;
}

export interface Assessment {
  parts: AssessmentParts;
  total: number;
  /** False while the town has not entered its points for the period (they count as 0). */
  townAssessed: boolean;
}

function share(done: number, due: number): number {
  return due <= 0 ? 1 : Math.min(1, done / due);
}

const round1 = (x: number) => Math.round(x * 10) / 10;

export function assess(p: Performance, townPoints: number | null): Assessment {
  const w = assessmentWeights;
  const parts: AssessmentParts = {
    patrol: w.patrol * share(p.patrols, p.patrolsDue),
    visit: w.visit * share(p.visits, p.visitsDue),
    followUp: w.followUp * share(p.followUps, p.followUpsDue),
    timeliness: w.timeliness * share(p.timelyReports, p.reports),
    validity: w.validity * share(p.validReports, p.reports),
    town: Math.max(0, Math.min(w.town, townPoints ?? 0)),
  };
  const total = Object.values(parts).reduce((a, b) => a + b, 0);
  return {
    parts: Object.fromEntries(
      Object.entries(parts).map(([k, v]) => [k, round1(v)]),
    ) as unknown as AssessmentParts,
    total: round1(total),
    townAssessed: townPoints !== null,
  };
}

/**
 * Rank within a town: the highest total first, equal totals share a rank and the next rank skips
 * (1, 1, 3); equal totals list by name.
 */
export function rankWithinTown<T extends { total: number; name: string }>(
  items: readonly T[],
): (T & { rank: number })[] {
  const sorted = [...items].sort((a, b) => b.total - a.total || a.name.localeCompare(b.name, 'zh-CN'));
  return sorted.map((it) => ({ ...it, rank: 1 + sorted.filter((o) => o.total > it.total).length }));
}
