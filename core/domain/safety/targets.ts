/**
 * 平安建设联创: each village's targets for a year, from the county's list (the 'safety_targets' config
 * document over the shipped defaults). A target is either
 *   - computed from the product's own matters: a KPI share of core/domain/kpi (化解率 …) at least a
 *     threshold, or a matter counter (越级, 集体访 …) at most a ceiling, over the village's matters
 *     registered in the year; or
 *   - attested: the town states it with a note (and optionally a file), the district reviews it.
 * A village is 达标 when every target is met, 未达标 when any is not, else 待核. Formula in docs/SAFETY.md.
 */
import { computeKpis, type KpiKey, kpiLabels, MIN_SAMPLE } from '../kpi/formulas';
import { type MatterCounterName, type MatterCounters, matterCounterNames } from '../kpi/measures';

/** The KPI shares a village's matters alone decide (no deadline rows needed). */
export const targetKpis = [
  'resolvedRate',
  'satisfactionRate',
  'villageLocalRate',
] as const satisfies readonly KpiKey[];
export type TargetKpi = (typeof targetKpis)[number];

export type TargetRule =
  | { kind: 'kpi_min'; kpi: TargetKpi; min: number }
  | { kind: 'count_max'; counter: MatterCounterName; max: number }
  | { kind: 'attested' };

export interface SafetyTargetDef {
  code: string;
  label: string;
  rule: TargetRule;
}

/**
 * Liangzhou defaults, after the Gansu 平安乡镇(村) criteria the seed names (无命案, 无重大群体性事件,
 * 矛盾纠纷化解率, 刑事案件下降): the figures are local policy (confidence: medium), editable per county.
 */
export const defaultSafetyTargets: SafetyTargetDef[] = [
  { code: 'no_homicide', label: '无命案', rule: { kind: 'attested' } },
  { code: 'no_mass_incident', label: '无重大群体性事件', rule: { kind: 'attested' } },
  { code: 'crime_down', label: '刑事案件同比下降', rule: { kind: 'attested' } },
  {
    code: 'resolved_rate',
    label: '矛盾纠纷化解率 ≥ 95%',
    rule: { kind: 'kpi_min', kpi: 'resolvedRate', min: 0.95 },
  },
  {
    code: 'no_skipped_level',
    label: '无越级上访',
    rule: { kind: 'count_max', counter: 'skippedLevel', max: 0 },
  },
];

export class SafetyTargetsError extends Error {}

/** A stored list, checked: codes unique, thresholds in range; absent → the defaults. */
export function resolveSafetyTargets(body: unknown): SafetyTargetDef[] {
  if (body === undefined || body === null) return defaultSafetyTargets;
  const list = (body as { targets?: unknown }).targets;
  if (!Array.isArray(list) || list.length === 0) throw new SafetyTargetsError('目标清单不能为空');
  const seen = new Set<string>();
  return list.map((raw) => {
    const t = raw as Partial<SafetyTargetDef>;
    if (typeof t.code !== 'string' || !/^[a-z_]{2,40}$/.test(t.code))
      throw new SafetyTargetsError('目标代码格式不正确');
    if (seen.has(t.code)) throw new SafetyTargetsError(`目标代码重复：${t.code}`);
    seen.add(t.code);
    if (typeof t.label !== 'string' || t.label.trim().length < 2)
      throw new SafetyTargetsError('请填写目标名称');
    const r = t.rule as TargetRule | undefined;
    if (r?.kind === 'kpi_min') {
      if (!(targetKpis as readonly string[]).includes(r.kpi) || !(r.min >= 0 && r.min <= 1))
        throw new SafetyTargetsError(`${t.label}：指标或比例不正确`);
    } else if (r?.kind === 'count_max') {
      if (
        !(matterCounterNames as readonly string[]).includes(r.counter) ||
        !Number.isInteger(r.max) ||
        r.max < 0
      )
        throw new SafetyTargetsError(`${t.label}：计数或上限不正确`);
    } else if (r?.kind !== 'attested') throw new SafetyTargetsError(`${t.label}：规则不正确`);
    return { code: t.code, label: t.label.trim(), rule: r };
  });
}

export const targetStatuses = ['met', 'unmet', 'pending'] as const;
export type TargetStatus = (typeof targetStatuses)[number];
export const targetStatusLabels: Record<TargetStatus, string> = {
  met: '达标',
  unmet: '未达标',
  pending: '待核',
};

/** What the town stated for an attested target, and the district's review of it. */
export interface Attestation {
  state: 'attested' | 'approved' | 'rejected';
}

export interface TargetResult {
  status: TargetStatus;
  /** The figure shown: "化解率 96.2%（25/26 件）", "越级上访 0 件", or the attestation's state. */
  figure: string;
  /** Computed shares below the dashboard's minimum sample are shown as counts, and flagged. */
  smallSample: boolean;
}

const pct = (v: number) => `${(Math.round(v * 1000) / 10).toFixed(1)}%`;
const noDue = { onTime: 0, late: 0, openOverdue: 0 };

/**
 * One target of one village for the year. A computed share is judged on the year's whole count even
 * below the dashboard's minimum sample (the year is the period the county assesses, and a small village
 * must be judged too); with no case at all it stays 待核. An attested target is 待核 until the district
 * approves (达标) or rejects (未达标) the town's statement, and 未达标 when nothing was stated.
 */
export function evaluateTarget(
  def: SafetyTargetDef,
  counters: MatterCounters,
  attestation: Attestation | null,
  yearOver: boolean,
): TargetResult {
  const r = def.rule;
  if (r.kind === 'kpi_min') {
    const k = computeKpis({ matters: counters, handling: noDue, supervision: noDue }, 1)[r.kpi];
    const label = kpiLabels[r.kpi];
    if (k.value === null) return { status: 'pending', figure: `${label}：暂无办结事项`, smallSample: true };
    return {
      status: k.value >= r.min ? 'met' : 'unmet',
      figure: `${label} ${pct(k.value)}（${k.num}/${k.den} 件）`,
      smallSample: k.den < MIN_SAMPLE,
    };
  }
  if (r.kind === 'count_max') {
    const n = counters[r.counter];
    return { status: n <= r.max ? 'met' : 'unmet', figure: `${n} 件（上限 ${r.max}）`, smallSample: false };
  }
  if (!attestation)
    return { status: yearOver ? 'unmet' : 'pending', figure: '镇（街道）尚未填报', smallSample: false };
  const map = {
    attested: ['pending', '已填报，待区级审核'],
    approved: ['met', '区级审核通过'],
    rejected: ['unmet', '区级审核未通过'],
  } as const;
  const [status, figure] = map[attestation.state];
  return { status, figure, smallSample: false };
}

/** The village's standing: 未达标 if any target is unmet, 达标 if all are met, else 待核. */
export function villageStatus(results: readonly { status: TargetStatus }[]): TargetStatus {
  if (results.some((r) => r.status === 'unmet')) return 'unmet';
  if (results.length > 0 && results.every((r) => r.status === 'met')) return 'met';
  return 'pending';
}
