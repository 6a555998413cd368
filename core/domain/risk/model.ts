/**
 * Risk early warning (风险预警): what a rule sees and what it raises.
 *
 * Rules are pure: they take plain matter facts and `now`, never read a clock or a database, so the same
 * code runs in the sweep, on intake and in the benchmark against injected ground truth.
 */

export const warningGrades = ['blue', 'yellow', 'orange', 'red'] as const;
export type WarningGrade = (typeof warningGrades)[number];
export const warningGradeLabels: Record<WarningGrade, string> = {
  blue: '蓝色',
  yellow: '黄色',
  orange: '橙色',
  red: '红色',
};

export const riskRules = ['spike', 'repeat', 'collective', 'escalation'] as const;
export type RiskRule = (typeof riskRules)[number];
export const riskRuleLabels: Record<RiskRule, string> = {
  spike: '同类事项激增',
  repeat: '同一人或地址反复反映',
  collective: '群体性矛盾苗头',
  escalation: '单件事项升级风险',
};

/** The org path of a matter's place: village (or community), town, district. Ids only. */
export interface PlacePath {
  villageId: string | null;
  townId: string | null;
  districtId: string;
}

/** The facts about one matter that the rules use. */
export interface RiskMatter extends PlacePath {
  id: string;
  createdAt: Date;
  gridId: string | null;
  categoryCode: string;
  /** Keyed hash of the applicant's phone or ID number (never the number itself). */
  applicantHash: string | null;
  /** Normalised address or place text, if any. */
  address: string | null;
  /** Named respondent (被申请人/被反映单位), if any. */
  respondent: string | null;
  /** Title and description, for text similarity. */
  text: string;
}

export interface RiskWarning {
  rule: RiskRule;
  grade: WarningGrade;
  /** The org that should act on it. */
  targetOrgId: string;
  /** Why it fired, in Chinese, with the figures. */
  explanation: string;
  matterIds: string[];
  /**
   * Identifies the condition, not the run: the same spike, person or cluster gives the same key on
   * the next run, so the store raises it once and updates it instead of raising a new warning.
   */
  dedupKey: string;
}

const gradeRank: Record<WarningGrade, number> = { blue: 0, yellow: 1, orange: 2, red: 3 };
export function maxGrade(a: WarningGrade, b: WarningGrade): WarningGrade {
  return gradeRank[a] >= gradeRank[b] ? a : b;
}
export function gradeAtLeast(g: WarningGrade, min: WarningGrade): boolean {
  return gradeRank[g] >= gradeRank[min];
}

/**
 * Who acts: small warnings stay where the matters are (小事不出村), orange goes one level up to the
 * town, red to the district center, which is what 分级预警、分级处置 means in practice.
 */
export function actingOrg(grade: WarningGrade, place: PlacePath): string {
  if (grade === 'red') return place.districtId;
  if (grade === 'orange') return place.townId ?? place.districtId;
  return place.villageId ?? place.townId ?? place.districtId;
}

export const DAY_MS = 86_400_000;
