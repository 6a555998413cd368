/**
 * The county's risk-warning policy: every threshold the four rules use, in one versioned document
 * ('risk_policies', edited in the admin console like the time limits). None of these numbers comes
 * from a statute; they are local practice of low confidence (docs/LEGAL.md §6.5), so a county sets them, and
 * the defaults are only where a county starts.
 *
 * `riskPolicyFields` describes each number once (label, unit, bounds) for validation here, the API
 * contract and the admin form, so the three cannot drift apart.
 */
import { type CollectivePolicy, defaultCollectivePolicy } from './collective.rule';
import { defaultEscalationPolicy, type EscalationPolicy } from './escalation.rule';
import { defaultRepeatPolicy, type RepeatPolicy } from './repeat.rule';
import { defaultSpikePolicy, type SpikePolicy } from './spike.rule';

export interface RiskPolicies {
  spike: SpikePolicy;
  repeat: RepeatPolicy;
  collective: CollectivePolicy;
  escalation: EscalationPolicy;
}

export const defaultRiskPolicies: RiskPolicies = {
  spike: defaultSpikePolicy,
  repeat: defaultRepeatPolicy,
  collective: defaultCollectivePolicy,
  escalation: defaultEscalationPolicy,
};

export type RiskPolicyGroup = keyof RiskPolicies;
export const riskPolicyGroupLabels: Record<RiskPolicyGroup, string> = {
  spike: '同类事项激增',
  repeat: '同一人或地址反复反映',
  collective: '群体性矛盾苗头',
  escalation: '单件事项升级风险',
};

export interface RiskPolicyField {
  group: RiskPolicyGroup;
  key: string;
  label: string;
  unit: string;
  min: number;
  max: number;
  /** Whole numbers only (days, people, points). */
  integer: boolean;
}

const f = (
  group: RiskPolicyGroup,
  key: string,
  label: string,
  unit: string,
  min: number,
  max: number,
  integer = true,
): RiskPolicyField => ({ group, key, label, unit, min, max, integer });

export const riskPolicyFields: readonly RiskPolicyField[] = [
  f('spike', 'windowDays', '观察窗口', '日', 1, 31),
  f('spike', 'baselineDays', '历史基线', '日', 14, 365),
  f('spike', 'minCount', '最少件数', '件', 2, 100),
  f('spike', 'yellowP', '黄色预警显著性（偶然概率不高于）', '', 1e-12, 0.1, false),
  f('spike', 'orangeP', '橙色预警显著性（偶然概率不高于）', '', 1e-15, 0.1, false),
  f('spike', 'redP', '红色预警显著性（偶然概率不高于）', '', 1e-20, 0.1, false),
  f('repeat', 'windowDays', '统计窗口', '日', 7, 365),
  f('repeat', 'yellowAt', '黄色预警', '件', 2, 100),
  f('repeat', 'orangeAt', '橙色预警', '件', 2, 100),
  f('repeat', 'redAt', '红色预警', '件', 2, 100),
  f('collective', 'windowDays', '统计窗口', '日', 1, 90),
  f('collective', 'similarity', '文本相似度阈值（0–1）', '', 0.05, 1, false),
  f('collective', 'yellowAt', '黄色预警（同一被反映方，不同群众）', '人', 2, 1000),
  f('collective', 'orangeAt', '橙色预警', '人', 2, 1000),
  f('collective', 'redAt', '红色预警', '人', 2, 1000),
  f('collective', 'placeOnlyAt', '无共同被反映方时，同村最少人数', '人', 2, 1000),
  f('collective', 'significance', '集中程度显著性（偶然概率不高于）', '', 1e-12, 1, false),
  f('collective', 'baselineDays', '历史基线', '日', 14, 365),
  f('escalation', 'overdue', '已超期未办结', '分', 0, 20),
  f('escalation', 'unsatisfied', '群众评价不满意', '分', 0, 20),
  f('escalation', 'priorOnce', '同一反映人近一年曾反映1次', '分', 0, 20),
  f('escalation', 'priorMany', '同一反映人近一年反映2次及以上', '分', 0, 20),
  f('escalation', 'redCategory', '类别为红色风险', '分', 0, 20),
  f('escalation', 'orangeCategory', '类别为橙色风险', '分', 0, 20),
  f('escalation', 'collective', '集体反映', '分', 0, 20),
  f('escalation', 'yellowAt', '黄色预警', '分', 1, 100),
  f('escalation', 'orangeAt', '橙色预警', '分', 1, 100),
  f('escalation', 'redAt', '红色预警', '分', 1, 100),
];

export class RiskPolicyError extends Error {}

/**
 * The defaults with the saved overrides on top, checked: every number in its bounds, grades in
 * order (yellow before orange before red), a baseline longer than the window. Throws RiskPolicyError
 * with a Chinese message naming the field.
 */
export function resolveRiskPolicies(saved: unknown): RiskPolicies {
  const s = (saved ?? {}) as Partial<Record<RiskPolicyGroup, Record<string, unknown>>>;
  const out = {} as Record<RiskPolicyGroup, Record<string, number>>;
  for (const g of Object.keys(defaultRiskPolicies) as RiskPolicyGroup[]) {
    out[g] = { ...(defaultRiskPolicies[g] as unknown as Record<string, number>) };
  }
  for (const field of riskPolicyFields) {
    const v = s[field.group]?.[field.key];
    if (v === undefined) continue;
    const name = `${riskPolicyGroupLabels[field.group]}·${field.label}`;
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new RiskPolicyError(`“${name}”须为数字`);
    if (field.integer && !Number.isInteger(v)) throw new RiskPolicyError(`“${name}”须为整数`);
    if (v < field.min || v > field.max)
      throw new RiskPolicyError(`“${name}”须在 ${field.min} 到 ${field.max} 之间`);
    out[field.group][field.key] = v;
  }
  const p = out as unknown as RiskPolicies;
  const ordered = (g: RiskPolicyGroup, a: number, b: number, c: number, what: string) => {
    if (!(a <= b && b <= c)) throw new RiskPolicyError(`${riskPolicyGroupLabels[g]}：${what}`);
  };
  ordered('spike', p.spike.redP, p.spike.orangeP, p.spike.yellowP, '显著性须红色 ≤ 橙色 ≤ 黄色');
  if (p.spike.baselineDays < 2 * p.spike.windowDays)
    throw new RiskPolicyError('同类事项激增：历史基线至少是观察窗口的两倍');
  ordered('repeat', p.repeat.yellowAt, p.repeat.orangeAt, p.repeat.redAt, '件数须黄色 ≤ 橙色 ≤ 红色');
  ordered(
    'collective',
    p.collective.yellowAt,
    p.collective.orangeAt,
    p.collective.redAt,
    '人数须黄色 ≤ 橙色 ≤ 红色',
  );
  if (p.collective.placeOnlyAt < p.collective.yellowAt)
    throw new RiskPolicyError('群体性矛盾苗头：无共同被反映方时的人数不能少于黄色预警人数');
  ordered(
    'escalation',
    p.escalation.yellowAt,
    p.escalation.orangeAt,
    p.escalation.redAt,
    '分数须黄色 ≤ 橙色 ≤ 红色',
  );
  return p;
}
