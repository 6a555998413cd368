/**
 * Which deadline rule each lifecycle clock runs on. The lifecycle (matters/clocks.ts) names clocks by
 * basis code; the statutory ones come from the law (time-limits/statutory-rules.ts), the local ones
 * from the county's configurable policies — never hard-coded (docs/LEGAL.md §12). The steps no rule at all
 * covers (accepting at a window, signing for a transfer, rating, follow-up, archive …) have placeholder
 * defaults here, each labelled as such, that the administrator replaces with the county's own table.
 */

import type { BasisCode } from './matters/clocks';
import { type DeadlineRule, type LocalPolicies, type LocalPolicy, statutoryRules } from './time-limits';

export interface LifecyclePolicies {
  accept: LocalPolicy<DeadlineRule>;
  receive: LocalPolicy<DeadlineRule>;
  objection: LocalPolicy<DeadlineRule>;
  objectionDecide: LocalPolicy<DeadlineRule>;
  districtHandling: LocalPolicy<DeadlineRule>;
  coHandle: LocalPolicy<DeadlineRule>;
  check: LocalPolicy<DeadlineRule>;
  gridCheck: LocalPolicy<DeadlineRule>;
  rate: LocalPolicy<DeadlineRule>;
  followUp: LocalPolicy<DeadlineRule>;
  archive: LocalPolicy<DeadlineRule>;
}

const PLACEHOLDER =
  '无依据的占位默认值：本地时限表未收集到（docs/LEGAL.md §12 第 7 项），请管理员按本地规定修改。';

function local(
  basis: string,
  label: string,
  amount: number,
  unit: DeadlineRule['unit'],
  source = PLACEHOLDER,
) {
  return {
    label,
    value: Object.freeze({
      basis,
      label,
      amount,
      unit,
      startRule: 'next_day',
      rollOverIfRestDay: true,
      citation: '本地规定（待定）',
    } satisfies DeadlineRule),
    confidence: 'low' as const,
    source,
  };
}

export const defaultLifecyclePolicies: Readonly<LifecyclePolicies> = Object.freeze({
  accept: local('LOCAL-ACCEPT', '受理决定期限', 3, 'working_day'),
  receive: local('LOCAL-RECEIVE', '接收单位签收期限', 2, 'working_day'),
  objection: local(
    'LOCAL-OBJECTION',
    '错派异议期限',
    5,
    'working_day',
    '参照信访工作条例第二十三条第三款（5 个工作日），用于非信访事项，属类推。',
  ),
  objectionDecide: local('LOCAL-OBJECTION-DECIDE', '异议决定期限', 3, 'working_day'),
  districtHandling: local('LOCAL-DISTRICT', '区级矛盾纠纷办理期限', 30, 'calendar_day'),
  coHandle: local('LOCAL-CO-HANDLE', '协办单位反馈期限', 5, 'working_day'),
  check: local('LOCAL-CHECK', '办理结果核查期限', 3, 'working_day'),
  gridCheck: local('LOCAL-GRID-CHECK', '网格事件核查期限', 2, 'working_day'),
  rate: local(
    'LOCAL-RATE',
    '群众评价期限',
    7,
    'calendar_day',
    'docs/LEGAL.md §9.2（12345 做法，低可信度）；占位默认值，请按本地规定修改。',
  ),
  followUp: local(
    'LOCAL-FOLLOW-UP',
    '回访期限',
    5,
    'working_day',
    'docs/LEGAL.md §9.2：“办结次日回访”为地方做法（低可信度）；占位默认值。',
  ),
  archive: local('LOCAL-ARCHIVE', '归档期限', 10, 'working_day'),
} satisfies LifecyclePolicies);

/** The rule a clock runs on. */
export function ruleForClock(
  basis: BasisCode,
  p: { local: LocalPolicies; lifecycle: LifecyclePolicies },
): DeadlineRule {
  switch (basis) {
    case 'XF-22':
    case 'XF-23-notice':
    case 'XF-23-objection':
    case 'XF-34':
    case 'XF-35-request':
    case 'XF-35':
    case 'XF-36-request':
    case 'XF-36':
    case 'LD-14':
    case 'TY-27-delegated':
    case 'TY-27-entrusted':
    case 'TY-27-entrusted-simple':
      return statutoryRules[basis]!;
    case 'LOCAL-SAME-DAY':
      return p.local.urgentSameDay.value;
    case 'LOCAL-VILLAGE':
      return p.local.villageHandling.value;
    case 'LOCAL-TOWN':
      return p.local.townHandling.value;
    case 'LOCAL-DISTRICT':
      return p.lifecycle.districtHandling.value;
    case 'LOCAL-ACCEPT':
      return p.lifecycle.accept.value;
    case 'LOCAL-RECEIVE':
      return p.lifecycle.receive.value;
    case 'LOCAL-OBJECTION':
      return p.lifecycle.objection.value;
    case 'LOCAL-OBJECTION-DECIDE':
      return p.lifecycle.objectionDecide.value;
    case 'LOCAL-CO-HANDLE':
      return p.lifecycle.coHandle.value;
    case 'LOCAL-RT-1M':
      return p.local.peopleMediation.value;
    case 'LOCAL-CHECK':
      return p.lifecycle.check.value;
    case 'LOCAL-RATE':
      return p.lifecycle.rate.value;
    case 'LOCAL-FOLLOW-UP':
      return p.lifecycle.followUp.value;
    case 'LOCAL-ARCHIVE':
      return p.lifecycle.archive.value;
    case 'LOCAL-GRID-VERIFY':
      return p.local.gridVerify.value;
    case 'LOCAL-GRID-DISPATCH':
      return p.local.gridDispatch.value;
    case 'LOCAL-GRID-HANDLE':
      return p.local.gridHandle.value;
    case 'LOCAL-GRID-CHECK':
      return p.lifecycle.gridCheck.value;
  }
}
