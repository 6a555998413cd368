/**
 * Every dashboard KPI as a formula over the additive counters of measures.ts. Ratios carry their
 * numerator and denominator; below `minSample` they carry no percentage at all, because "2 of 3"
 * shown as 66.7 % swings to 100 % with the next matter and tells a leader nothing (docs/KPI.md).
 */
import type { DueCounters, MatterCounters } from './measures';

/** Below this many cases a share is shown as "n/m 件", not as a percentage. */
export const MIN_SAMPLE = 30;

export interface Ratio {
  num: number;
  den: number;
  /** num/den in [0, 1]; null when den is 0 or below the minimum sample. */
  value: number | null;
  smallSample: boolean;
}

export function ratio(num: number, den: number, minSample = MIN_SAMPLE): Ratio {
  const smallSample = den < minSample;
  return { num, den, value: den === 0 || smallSample ? null : num / den, smallSample };
}

export const kpiKeys = [
  'resolvedRate',
  'onTimeRate',
  'satisfactionRate',
  'residentSatisfactionRate',
  'onBehalfRatingShare',
  'reworkRate',
  'followUpRate',
  'bothResolvedRate',
  'villageLocalRate',
  'townLocalRate',
  'supervisionOnTimeRate',
  'petitionMediatedShare',
  'petitionWithdrawnShare',
] as const;
export type KpiKey = (typeof kpiKeys)[number];

export const kpiLabels: Record<KpiKey, string> = {
  resolvedRate: '化解率',
  onTimeRate: '按期办结率',
  satisfactionRate: '满意率',
  residentSatisfactionRate: '群众自评满意率',
  onBehalfRatingShare: '代录评价占比',
  reworkRate: '返工率',
  followUpRate: '回访率',
  bothResolvedRate: '事心双结率',
  villageLocalRate: '小事不出村（村级就地化解率）',
  townLocalRate: '大事不出镇（镇级就地化解率）',
  supervisionOnTimeRate: '督办按期回复率',
  petitionMediatedShare: '信访调解化解占比',
  petitionWithdrawnShare: '信访撤回占比',
};

export interface KpiInput {
  matters: MatterCounters;
  /** Handling deadlines that fell due (deadline rows of the handling clocks). */
  handling: DueCounters;
  /** 督办 orders' answer deadlines. */
  supervision: DueCounters;
}

export type Kpis = Record<KpiKey, Ratio>;

export function computeKpis(i: KpiInput, minSample = MIN_SAMPLE): Kpis {
  const m = i.matters;
  const fellDue = (d: DueCounters) => d.onTime + d.late + d.openOverdue;
  return {
    resolvedRate: ratio(m.resolved, m.done, minSample),
    onTimeRate: ratio(i.handling.onTime, fellDue(i.handling), minSample),
    satisfactionRate: ratio(m.satisfied, m.rated, minSample),
    residentSatisfactionRate: ratio(m.satisfied - m.satisfiedOnBehalf, m.rated - m.ratedOnBehalf, minSample),
    onBehalfRatingShare: ratio(m.ratedOnBehalf, m.rated, minSample),
    reworkRate: ratio(m.reworked, m.done, minSample),
    followUpRate: ratio(m.followedUp, m.rated, minSample),
    bothResolvedRate: ratio(m.bothResolved, m.followUpAnswered, minSample),
    villageLocalRate: ratio(m.villageClosedInVillage, m.villageStartedDone, minSample),
    townLocalRate: ratio(m.townClosedInTown, m.townReachedDone, minSample),
    supervisionOnTimeRate: ratio(i.supervision.onTime, fellDue(i.supervision), minSample),
    petitionMediatedShare: ratio(m.petitionMediated, m.petitionDone, minSample),
    petitionWithdrawnShare: ratio(m.petitionWithdrawn, m.petitionDone, minSample),
  };
}

export interface CountChange {
  current: number;
  previous: number;
  /** (current − previous) / previous; null when the previous period is below the minimum sample. */
  change: number | null;
  smallSample: boolean;
}

/** Year on year (同比) of a count: the same months a year earlier. */
export function countChange(current: number, previous: number, minSample = MIN_SAMPLE): CountChange {
  const smallSample = previous < minSample;
  return { current, previous, change: smallSample ? null : (current - previous) / previous, smallSample };
}

export interface RatioChange {
  current: Ratio;
  previous: Ratio;
  /** Difference in percentage points; null unless both periods have a percentage. */
  points: number | null;
}

/** Year on year of a share, in percentage points (a rate of change of a rate misleads). */
export function ratioChange(current: Ratio, previous: Ratio): RatioChange {
  const points =
    current.value === null || previous.value === null ? null : (current.value - previous.value) * 100;
  return { current, previous, points };
}

/** Backlog by age (积案): open matters by whole days since intake. */
export const backlogBuckets = [
  { key: 'd0_7', label: '7 天以内', maxDays: 7 },
  { key: 'd8_30', label: '8–30 天', maxDays: 30 },
  { key: 'd31_60', label: '31–60 天', maxDays: 60 },
  { key: 'd61_90', label: '61–90 天', maxDays: 90 },
  { key: 'd90_plus', label: '90 天以上', maxDays: Number.POSITIVE_INFINITY },
] as const;
export type BacklogBucket = (typeof backlogBuckets)[number]['key'];

const DAY = 86_400_000;

export function backlogBucketOf(createdAt: Date, asOf: Date): BacklogBucket {
  const days = Math.max(0, Math.floor((asOf.getTime() - createdAt.getTime()) / DAY));
  return backlogBuckets.find((b) => days <= b.maxDays)?.key ?? 'd90_plus';
}

/** The same period one year earlier, for 同比: months as 'YYYY-MM'. */
export function sameMonthsLastYear(from: string, to: string): { from: string; to: string } {
  const back = (m: string) => `${Number(m.slice(0, 4)) - 1}${m.slice(4)}`;
  return { from: back(from), to: back(to) };
}
