/**
 * 日常培训 (docs/WORKFORCE.md "Training"): a course of the county for its grid workers — what it is,
 * its materials, its short test and the rule that says who is due for it when.
 */

export const courseKinds = ['induction', 'routine', 'special'] as const;
export type CourseKind = (typeof courseKinds)[number];
export const courseKindLabels: Record<CourseKind, string> = {
  induction: '岗前培训',
  routine: '日常培训',
  special: '专题培训',
};

/** A multiple-choice question; `correct` (indexes into `options`) never leaves the server. */
export interface Question {
  id: string;
  prompt: string;
  options: string[];
  correct: number[];
}

/**
 * Who is due when: a worker owes his first completion within `withinDays` of joining (or of the
 * course's start, for those who joined before it existed); with `everyMonths`, he owes it again that
 * many months after each completion. `everyMonths` null: once is enough.
 */
export interface DueRule {
  withinDays: number;
  everyMonths: number | null;
}

export const dueRuleBounds = { withinDays: { min: 1, max: 365 }, everyMonths: { min: 1, max: 60 } };

/** Why a test cannot be kept: a question without two options or whose answer is not one of them. */
export function questionProblem(q: Pick<Question, 'options' | 'correct'>): string | null {
  if (q.options.length < 2) return '每道题至少要有两个选项。';
  if (new Set(q.options.map((o) => o.trim())).size !== q.options.length) return '同一道题的选项不能重复。';
  if (q.correct.length === 0) return '每道题至少要有一个正确选项。';
  if (q.correct.some((c) => !Number.isInteger(c) || c < 0 || c >= q.options.length)) {
    return '正确选项必须是本题的选项之一。';
  }
  if (new Set(q.correct).size !== q.correct.length) return '正确选项不能重复。';
  return null;
}
