import { describe, expect, it } from 'vitest';
import { type Question, questionProblem } from './course';
import { addMonths, dueAt } from './due';
import { answersProblem, scoreAnswers } from './scoring';

const at = (s: string) => new Date(s);

describe('who is due for a course (应训)', () => {
  const course = at('2026-01-01T00:00:00Z');
  it('owes a new worker his first completion within the days of joining', () => {
    const f = {
      rule: { withinDays: 30, everyMonths: null },
      courseSince: course,
      joinedAt: at('2026-03-10T00:00:00Z'),
      lastCompletedAt: null,
    };
    expect(dueAt(f, at('2026-03-09T00:00:00Z'))).toBeNull();
    expect(dueAt(f, at('2026-03-20T00:00:00Z'))).toEqual({
      since: at('2026-03-10T00:00:00Z'),
      by: at('2026-04-09T00:00:00Z'),
      overdue: false,
    });
    expect(dueAt(f, at('2026-04-09T00:00:00Z'))?.overdue).toBe(true);
  });
  it('counts from the course’s start for a worker who joined before it existed', () => {
    const f = {
      rule: { withinDays: 10, everyMonths: null },
      courseSince: course,
      joinedAt: at('2025-06-01T00:00:00Z'),
      lastCompletedAt: null,
    };
    expect(dueAt(f, at('2026-01-05T00:00:00Z'))?.by).toEqual(at('2026-01-11T00:00:00Z'));
  });
  it('is done with a one-off course once completed', () => {
    const f = {
      rule: { withinDays: 30, everyMonths: null },
      courseSince: course,
      joinedAt: at('2026-01-02T00:00:00Z'),
      lastCompletedAt: at('2026-01-20T00:00:00Z'),
    };
    expect(dueAt(f, at('2030-01-01T00:00:00Z'))).toBeNull();
  });
  it('owes a repeating course again N months after the last completion, its window opening before', () => {
    const f = {
      rule: { withinDays: 14, everyMonths: 6 },
      courseSince: course,
      joinedAt: at('2025-01-01T00:00:00Z'),
      lastCompletedAt: at('2026-02-01T00:00:00Z'),
    };
    expect(dueAt(f, at('2026-07-17T00:00:00Z'))).toBeNull();
    expect(dueAt(f, at('2026-07-18T00:00:00Z'))).toEqual({
      since: at('2026-07-18T00:00:00Z'),
      by: at('2026-08-01T00:00:00Z'),
      overdue: false,
    });
    expect(dueAt(f, at('2026-09-01T00:00:00Z'))?.overdue).toBe(true);
  });
  it('adds months without running past the end of a short month', () => {
    expect(addMonths(at('2026-01-31T04:00:00Z'), 1)).toEqual(at('2026-02-28T04:00:00Z'));
    expect(addMonths(at('2026-11-15T00:00:00Z'), 3)).toEqual(at('2027-02-15T00:00:00Z'));
  });
});

describe('the short test (培训测试)', () => {
  const qs: Question[] = [
    { id: 'a', prompt: '发现矛盾纠纷后多久内上报？', options: ['2小时', '一周'], correct: [0] },
    { id: 'b', prompt: '入户走访要做什么？', options: ['登记', '了解诉求', '收费'], correct: [0, 1] },
    { id: 'c', prompt: '网格员可以泄露群众信息吗？', options: ['可以', '不可以'], correct: [1] },
  ];
  it('scores a question right only when the chosen options are exactly the correct ones', () => {
    expect(scoreAnswers(qs, { a: [0], b: [1, 0], c: [1] }, 60)).toEqual({
      score: 100,
      passed: true,
      right: 3,
      total: 3,
      wrong: [],
    });
    const half = scoreAnswers(qs, { a: [0], b: [0], c: [0] }, 60);
    expect(half).toMatchObject({ score: 33, passed: false, right: 1, wrong: ['b', 'c'] });
  });
  it('passes at the mark and not below it', () => {
    expect(scoreAnswers(qs, { a: [0], b: [0, 1], c: [0] }, 67).passed).toBe(true);
    expect(scoreAnswers(qs, { a: [0], b: [0, 1], c: [0] }, 68).passed).toBe(false);
  });
  it('refuses answers that leave a question out or name one the test lacks', () => {
    expect(answersProblem(qs, { a: [0], b: [0] })).toBe('请回答每一道题。');
    expect(answersProblem(qs, { a: [0], b: [0], c: [1], z: [0] })).toBe('答卷中有本测试没有的题目。');
    expect(answersProblem(qs, { a: [5], b: [0], c: [1] })).toBe('所选选项不存在。');
    expect(answersProblem(qs, { a: [0], b: [0], c: [1] })).toBeNull();
  });
  it('refuses a question whose answer is not one of its options', () => {
    expect(questionProblem({ options: ['是'], correct: [0] })).toBe('每道题至少要有两个选项。');
    expect(questionProblem({ options: ['是', '否'], correct: [2] })).toBe('正确选项必须是本题的选项之一。');
    expect(questionProblem({ options: ['是', '否'], correct: [] })).toBe('每道题至少要有一个正确选项。');
    expect(questionProblem({ options: ['是', '否'], correct: [1] })).toBeNull();
  });
});
