/**
 * Time limits that no statute fixes, or whose source could not be confirmed (docs/LEGAL.md confidence medium or
 * low): they must not be hard-coded (docs/LEGAL.md §12). Each one is an entry an administrator can replace with
 * the county's own table (凉州区委政法委's 矛盾纠纷受理办理流程, the local 立案处置结案标准); code that uses
 * them takes a `LocalPolicies` as input, normally `resolveLocalPolicies(countyOverrides)`.
 *
 * `defaultLocalPolicies` is a starting point, not a rule: every `low` entry is a placeholder chosen to be
 * plausible and is labelled as such.
 */
import { assertValidRule, type DeadlineRule, sameDayRule } from './deadline';

export type PolicyConfidence = 'medium' | 'low';

export interface LocalPolicy<T> {
  /** Chinese name shown on the administrator's settings page. */
  label: string;
  value: T;
  confidence: PolicyConfidence;
  /** Where the number comes from, or that it is a placeholder. */
  source: string;
}

export interface LocalPolicies {
  /** 人民调解 target duration. */
  peopleMediation: LocalPolicy<DeadlineRule>;
  /** Village/community-level handling of a dispute (社情民意疏导站, Liangzhou model). */
  villageHandling: LocalPolicy<DeadlineRule>;
  /** Town/street-level handling (一般矛盾终点站). */
  townHandling: LocalPolicy<DeadlineRule>;
  /** Grid report: 核实 (verify). */
  gridVerify: LocalPolicy<DeadlineRule>;
  /** Grid report: 派遣 (dispatch after filing). */
  gridDispatch: LocalPolicy<DeadlineRule>;
  /** Grid report: 处置 (handling by the department). */
  gridHandle: LocalPolicy<DeadlineRule>;
  /** 信访 简易办理: acceptance. */
  simpleAccept: LocalPolicy<DeadlineRule>;
  /** 信访 简易办理: completion. */
  simpleHandle: LocalPolicy<DeadlineRule>;
  /** Urgent matters: same day (事不过夜). */
  urgentSameDay: LocalPolicy<DeadlineRule>;
  /** 转介服务 (issue 17): how long the provider has to conclude each kind of referral. */
  referralLegalAid: LocalPolicy<DeadlineRule>;
  referralCounselling: LocalPolicy<DeadlineRule>;
  referralJudicialRelief: LocalPolicy<DeadlineRule>;
  referralHardshipAid: LocalPolicy<DeadlineRule>;
  referralAdminMediation: LocalPolicy<DeadlineRule>;
  /** Share of the period after which the sweep warns (0 < f < 1). */
  warningFraction: LocalPolicy<number>;
}

const PLACEHOLDER =
  '无依据的占位默认值：未找到凉州区本地时限表（docs/LEGAL.md §12 第 7 项），请管理员按本地规定修改。';

function localRule(
  basis: string,
  label: string,
  amount: number,
  unit: DeadlineRule['unit'],
  citation: string,
  startRule: DeadlineRule['startRule'] = 'next_day',
): DeadlineRule {
  return Object.freeze({ basis, label, amount, unit, startRule, rollOverIfRestDay: true, citation });
}

/** Defaults for a new county; override per county with `resolveLocalPolicies`. */
export const defaultLocalPolicies: Readonly<LocalPolicies> = Object.freeze({
  peopleMediation: {
    label: '人民调解一般调结期限',
    // 人民调解工作若干规定 (2002) art. 33: 一般在一个月内调结 (docs/LEGAL.md §2.25); the 2010 人民调解法 sets none.
    value: localRule(
      'LOCAL-RT-1M',
      '人民调解一般调结期限',
      1,
      'month',
      '司法部《人民调解工作若干规定》（2002）第三十三条',
    ),
    confidence: 'medium',
    source:
      'docs/LEGAL.md §2.25：司法部令第75号第三十三条“一般在一个月内调结”；该规定现行有效性未核实，人民调解法本身未设期限。',
  },
  villageHandling: {
    label: '村（社区）级矛盾纠纷办理期限',
    value: localRule('LOCAL-VILLAGE', '村（社区）级矛盾纠纷办理期限', 7, 'calendar_day', '本地规定（待定）'),
    confidence: 'low',
    source: PLACEHOLDER,
  },
  townHandling: {
    label: '乡镇（街道）级矛盾纠纷办理期限',
    value: localRule('LOCAL-TOWN', '乡镇（街道）级矛盾纠纷办理期限', 15, 'calendar_day', '本地规定（待定）'),
    confidence: 'low',
    source: PLACEHOLDER,
  },
  gridVerify: {
    label: '网格事件核实期限',
    value: localRule(
      'LOCAL-GRID-VERIFY',
      '网格事件核实期限',
      24,
      'hour',
      '本地立案处置结案标准（待定）',
      'immediate',
    ),
    confidence: 'low',
    source: `docs/LEGAL.md §4.10、11.4：核实、派遣、处置时限由本地部件事件立案结案标准规定。${PLACEHOLDER}`,
  },
  gridDispatch: {
    label: '网格事件派遣期限',
    value: localRule(
      'LOCAL-GRID-DISPATCH',
      '网格事件派遣期限',
      1,
      'working_day',
      '本地立案处置结案标准（待定）',
    ),
    confidence: 'low',
    source: `docs/LEGAL.md §4.10、11.4。${PLACEHOLDER}`,
  },
  gridHandle: {
    label: '网格事件处置期限',
    value: localRule(
      'LOCAL-GRID-HANDLE',
      '网格事件处置期限',
      5,
      'working_day',
      '本地立案处置结案标准（待定）',
    ),
    confidence: 'low',
    source: `docs/LEGAL.md §4.10、11.4。${PLACEHOLDER}`,
  },
  simpleAccept: {
    label: '信访事项简易办理受理期限',
    value: localRule(
      'LOCAL-XF-SIMPLE-ACCEPT',
      '信访事项简易办理受理期限',
      3,
      'working_day',
      '国家信访局《信访事项简易办理办法（试行）》（2019，未核实）',
    ),
    confidence: 'low',
    source: 'docs/LEGAL.md §1.29：据报道为 3 个工作日内决定是否受理，原文未核实。',
  },
  simpleHandle: {
    label: '信访事项简易办理办结期限',
    value: localRule(
      'LOCAL-XF-SIMPLE-HANDLE',
      '信访事项简易办理办结期限',
      10,
      'working_day',
      '国家信访局《信访事项简易办理办法（试行）》（2019，未核实）',
    ),
    confidence: 'low',
    source: 'docs/LEGAL.md §1.29：据报道为 10 个工作日内办结，原文未核实。',
  },
  urgentSameDay: {
    label: '紧急事项当日办结（事不过夜）',
    value: Object.freeze(sameDayRule('LOCAL-SAME-DAY', '紧急事项当日办结', '本地规定（事不过夜）')),
    confidence: 'low',
    source: 'docs/LEGAL.md §6.5、9.2：红橙黄分级中“橙色当日处置”、12345“紧急事项当日办理”均为地方做法。',
  },
  // 转介服务 (docs/LEGAL.md §12 item 9): no statute in docs/LEGAL.md fixes how long a referral may run, so
  // each is a low-confidence placeholder the county replaces with its own rule.
  referralLegalAid: {
    label: '法律援助转介办理期限（审查决定）',
    // 法律援助法 art. 43 (as we recall it, not checked against the text in docs/LEGAL.md): the center
    // decides within 7 days of the application. Only a configurable default, never a cited rule.
    value: localRule('LOCAL-REF-LEGAL-AID', '法律援助转介办理期限', 7, 'calendar_day', '本地规定（待定）'),
    confidence: 'low',
    source: `据记忆《法律援助法》第四十三条为“七日内审查决定”，原文未核实，仅作默认值。${PLACEHOLDER}`,
  },
  referralCounselling: {
    label: '社会心理服务转介办理期限',
    value: localRule('LOCAL-REF-COUNSEL', '社会心理服务转介办理期限', 30, 'calendar_day', '本地规定（待定）'),
    confidence: 'low',
    source: PLACEHOLDER,
  },
  referralJudicialRelief: {
    label: '司法救助转介办理期限',
    value: localRule('LOCAL-REF-RELIEF', '司法救助转介办理期限', 20, 'working_day', '本地规定（待定）'),
    confidence: 'low',
    source: PLACEHOLDER,
  },
  referralHardshipAid: {
    label: '困难帮扶转介办理期限',
    value: localRule('LOCAL-REF-HARDSHIP', '困难帮扶转介办理期限', 15, 'working_day', '本地规定（待定）'),
    confidence: 'low',
    source: PLACEHOLDER,
  },
  referralAdminMediation: {
    label: '行政调解转介办理期限',
    value: localRule('LOCAL-REF-ADMIN-MED', '行政调解转介办理期限', 30, 'calendar_day', '本地规定（待定）'),
    confidence: 'low',
    source: PLACEHOLDER,
  },
  warningFraction: {
    label: '期限预警点（占期限的比例）',
    value: 2 / 3,
    confidence: 'low',
    source: 'docs/LEGAL.md §11.2：督办预警“例如在期限过去 2/3 时”，为建议值，可配置。',
  },
} satisfies LocalPolicies);

function checkPolicy<T>(key: string, policy: LocalPolicy<T>, checkValue: (v: T) => void): void {
  if (!policy.label.trim() || !policy.source.trim())
    throw new RangeError(`${key}: label and source are required`);
  if (policy.confidence !== 'medium' && policy.confidence !== 'low') {
    throw new RangeError(`${key}: confidence must be 'medium' or 'low'`);
  }
  checkValue(policy.value);
}

/** The county's policies: the defaults with the administrator's entries on top, each checked. */
export function resolveLocalPolicies(overrides: Partial<LocalPolicies> = {}): Readonly<LocalPolicies> {
  const merged: LocalPolicies = { ...defaultLocalPolicies, ...overrides };
  for (const key of Object.keys(merged) as (keyof LocalPolicies)[]) {
    if (key === 'warningFraction') {
      checkPolicy(key, merged.warningFraction, (f) => {
        if (!(f > 0 && f < 1)) throw new RangeError('warningFraction must be between 0 and 1');
      });
    } else {
      checkPolicy(key, merged[key], (rule) => {
        assertValidRule(rule);
        if (rule.amount === 0) throw new RangeError(`${key}: a time limit of 0 is not a time limit`);
      });
    }
  }
  return Object.freeze(merged);
}
