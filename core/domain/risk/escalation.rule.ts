/**
 * Rule (d): one matter whose risk of escalating (越级、重复访、激化) is high. A points score over the
 * signals practice names — overdue, the resident unsatisfied, the same person back again, a red or
 * orange category, a collective matter — because each is known to raise the risk and none alone
 * decides it; the points are a policy, not a fitted model, and the explanation lists every signal so a
 * leader can judge for himself.
 */
import type { RiskGrade } from '../matters/model';
import { actingOrg, type PlacePath, type RiskWarning, type WarningGrade } from './model';

export interface EscalationFacts extends PlacePath {
  id: string;
  code: string;
  overdue: boolean;
  /** The resident's latest rating was 不满意. */
  unsatisfied: boolean;
  /** Earlier matters by the same applicant (by hash) in the trailing year. */
  priorByApplicant: number;
  categoryRisk: RiskGrade;
  collective: boolean;
}

/** Points per signal and the scores at which each grade is reached: a county's policy (policy.ts). */
export interface EscalationPolicy {
  overdue: number;
  unsatisfied: number;
  priorOnce: number;
  priorMany: number;
  redCategory: number;
  orangeCategory: number;
  collective: number;
  yellowAt: number;
  orangeAt: number;
  redAt: number;
}

export const defaultEscalationPolicy: EscalationPolicy = {
  overdue: 2,
  unsatisfied: 2,
  priorOnce: 1,
  priorMany: 2,
  redCategory: 3,
  orangeCategory: 1,
  collective: 2,
  yellowAt: 3,
  orangeAt: 5,
  redAt: 7,
};

export function scoreEscalation(
  f: EscalationFacts,
  w: EscalationPolicy = defaultEscalationPolicy,
): { score: number; reasons: string[] } {
  const reasons: string[] = [];
  let score = 0;
  const add = (points: number, why: string) => {
    // A signal the county weighs at 0 is not a reason.
    if (points <= 0) return;
    score += points;
    reasons.push(`${why}（+${points}）`);
  };
  if (f.overdue) add(w.overdue, '已超期未办结');
  if (f.unsatisfied) add(w.unsatisfied, '群众评价不满意');
  if (f.priorByApplicant >= 2) add(w.priorMany, `同一反映人近一年已反映${f.priorByApplicant}次`);
  else if (f.priorByApplicant === 1) add(w.priorOnce, '同一反映人近一年曾反映过');
  if (f.categoryRisk === 'red') add(w.redCategory, '类别为红色风险');
  else if (f.categoryRisk === 'orange') add(w.orangeCategory, '类别为橙色风险');
  if (f.collective) add(w.collective, '集体反映');
  return { score, reasons };
}

export function assessEscalation(
  f: EscalationFacts,
  policy: EscalationPolicy = defaultEscalationPolicy,
): RiskWarning | null {
  const { score, reasons } = scoreEscalation(f, policy);
  const grade: WarningGrade | null =
    score >= policy.redAt
      ? 'red'
      : score >= policy.orangeAt
        ? 'orange'
        : score >= policy.yellowAt
          ? 'yellow'
          : null;
  if (!grade) return null;
  return {
    rule: 'escalation',
    grade,
    targetOrgId: actingOrg(grade, f),
    explanation: `事项${f.code}升级风险评分${score}分：${reasons.join('；')}。`,
    matterIds: [f.id],
    dedupKey: `escalation:${f.id}`,
  };
}
