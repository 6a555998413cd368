/** Builders for the rule tests. */
import type { RiskMatter } from './model';

export const T0 = new Date('2026-03-02T01:05:00Z');
const DAY = 86_400_000;

let n = 0;
export function riskMatter(over: Partial<RiskMatter> & { daysAgo?: number } = {}): RiskMatter {
  const { daysAgo = 1, ...rest } = over;
  n++;
  return {
    id: `m${n}`,
    createdAt: new Date(T0.getTime() - daysAgo * DAY),
    villageId: 'v1',
    townId: 't1',
    districtId: 'd1',
    gridId: null,
    categoryCode: 'MED-02',
    applicantHash: `p${n}`,
    address: null,
    respondent: null,
    text: '邻里纠纷',
    ...rest,
  };
}
