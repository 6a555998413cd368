/**
 * 培训测试: the worker's answers scored against the answers kept on the server. A question counts as
 * right only when the chosen options are exactly its correct ones (no part marks for a half-right
 * multiple choice); the score is the share right, in whole percent, and passes at the course's mark.
 */
import type { Question } from './course';

export type Answers = Record<string, number[]>;

export interface Scored {
  score: number;
  passed: boolean;
  right: number;
  total: number;
  /** Ids of the questions answered wrongly, to show the worker what to read again. */
  wrong: string[];
}

/** Why the answers cannot be scored: a question left out or answered that the test does not have. */
export function answersProblem(questions: Question[], answers: Answers): string | null {
  const ids = new Set(questions.map((q) => q.id));
  if (Object.keys(answers).some((id) => !ids.has(id))) return '答卷中有本测试没有的题目。';
  for (const q of questions) {
    const a = answers[q.id];
    if (!a || a.length === 0) return '请回答每一道题。';
    if (a.some((i) => !Number.isInteger(i) || i < 0 || i >= q.options.length)) return '所选选项不存在。';
  }
  return null;
}

export function scoreAnswers(questions: Question[], answers: Answers, passMark: number): Scored {
  const wrong: string[] = [];
  for (const q of questions) {
    const chosen = [...new Set(answers[q.id] ?? [])].sort((x, y) => x - y);
    const correct = [...q.correct].sort((x, y) => x - y);
    const same = chosen.length === correct.length && chosen.every((c, i) => c === correct[i]);
    if (!same) wrong.push(q.id);
  }
  const total = questions.length;
  const right = total - wrong.length;
  const score = total === 0 ? 100 : Math.round((right / total) * 100);
  return { score, passed: score >= passMark, right, total, wrong };
}
