import { describe, expect, it } from 'vitest';
import { effectSummary, measureEffect, measuresDoneAt } from './measure-effect';
import { chinaDateOf, dueInstantOf } from './model';

const day = (d: string) => new Date(`${d}T02:00:00Z`);
const times = (dates: string[]) => dates.map(day);

describe('measureEffect', () => {
  const raisedAt = new Date('2026-11-01T00:00:00Z');
  // 4 in the 30 days before (one just outside), 1 after the measures were done on Nov 10.
  const matterTimes = times([
    '2026-09-30',
    '2026-10-05',
    '2026-10-12',
    '2026-10-20',
    '2026-10-31',
    '2026-11-05',
    '2026-11-15',
  ]);

  it('counts the window before the warning and nothing after while a measure is open', () => {
    const e = measureEffect({ raisedAt, measuresDoneAt: null, now: day('2026-11-20'), matterTimes });
    expect(e.before).toBe(4);
    expect(e.after).toBeNull();
    expect(e.change).toBeNull();
    expect(effectSummary(e)).toBe('预警前30日 4 件；措施尚未全部落实，落实后开始计算');
  });

  it('counts the running window after the measures until now, then the full window', () => {
    const done = new Date('2026-11-10T00:00:00Z');
    const running = measureEffect({ raisedAt, measuresDoneAt: done, now: day('2026-11-20'), matterTimes });
    expect(running).toMatchObject({ before: 4, after: 1, afterComplete: false, change: -0.75 });
    expect(effectSummary(running)).toBe('预警前30日 4 件 → 措施落实后 1 件（-75%），观察期未满');
    const later = [...matterTimes, day('2026-12-09'), day('2026-12-11')];
    const full = measureEffect({
      raisedAt,
      measuresDoneAt: done,
      now: day('2027-01-15'),
      matterTimes: later,
    });
    // Dec 11 is past Nov 10 + 30 days: outside the window.
    expect(full).toMatchObject({ before: 4, after: 2, afterComplete: true, change: -0.5 });
  });

  it('has no relative change when nothing came before', () => {
    const e = measureEffect({ raisedAt, measuresDoneAt: raisedAt, now: day('2026-12-30'), matterTimes: [] });
    expect(e).toMatchObject({ before: 0, after: 0, change: null });
  });
});

describe('measuresDoneAt', () => {
  it('is the last completion, and null while one is open or none exists', () => {
    const a = new Date('2026-11-01T00:00:00Z');
    const b = new Date('2026-11-03T00:00:00Z');
    expect(measuresDoneAt([{ doneAt: a }, { doneAt: b }])).toEqual(b);
    expect(measuresDoneAt([{ doneAt: a }, { doneAt: null }])).toBeNull();
    expect(measuresDoneAt([])).toBeNull();
  });
});

describe('due dates', () => {
  it('end with the whole day in China, and today is China today', () => {
    expect(dueInstantOf('2026-12-10').toISOString()).toBe('2026-12-10T15:59:59.999Z');
    expect(chinaDateOf(new Date('2026-12-06T17:00:00Z'))).toBe('2026-12-07');
  });
});
