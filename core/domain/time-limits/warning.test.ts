import { describe, expect, it } from 'vitest';
import { chineseDaysCalendar } from './calendar';
import { computeDue } from './deadline';
import { defaultLocalPolicies, resolveLocalPolicies } from './local-policies';
import { XF_34 } from './statutory-rules';
import { remaining, status, warningAt } from './warning';

const bj = (localDateTime: string) => new Date(`${localDateTime}+08:00`);

describe('warnings before expiry (docs/LEGAL.md §11.2)', () => {
  it('warns at two thirds of the period by default', () => {
    const start = new Date('2026-01-01T00:00:00Z');
    const due = new Date('2026-01-31T00:00:00Z');
    expect(warningAt(start, due).toISOString()).toBe('2026-01-21T00:00:00.000Z');
    expect(warningAt(start, due, 0.5).toISOString()).toBe('2026-01-16T00:00:00.000Z');
    expect(() => warningAt(start, due, 1)).toThrow(RangeError);
    expect(() => warningAt(due, start)).toThrow(RangeError);
  });

  it('信访工作条例 art. 34: the county fraction applies to a real deadline', () => {
    const accepted = bj('2026-01-20T09:30:00');
    const { dueAt } = computeDue(XF_34, accepted, chineseDaysCalendar());
    const policies = resolveLocalPolicies({
      warningFraction: {
        ...defaultLocalPolicies.warningFraction,
        value: 0.8,
        source: '县综治中心 2026 年督办办法',
      },
    });
    const warn = warningAt(accepted, dueAt, policies.warningFraction.value);
    expect(warn.getTime()).toBe(
      accepted.getTime() + Math.floor((dueAt.getTime() - accepted.getTime()) * 0.8),
    );
  });

  it('is running, then due soon from the warning point, then overdue only after the last millisecond', () => {
    const due = new Date('2026-03-23T15:59:59.999Z');
    const warn = new Date('2026-03-01T00:00:00Z');
    expect(status(new Date('2026-02-28T23:59:59Z'), due, warn)).toBe('running');
    expect(status(warn, due, warn)).toBe('due_soon');
    expect(status(due, due, warn)).toBe('due_soon');
    expect(status(new Date(due.getTime() + 1), due, warn)).toBe('overdue');
  });

  it('says how much time is left, or how late it is, in Chinese', () => {
    const due = new Date('2026-03-23T15:59:59.999Z');
    const ahead = (ms: number) => new Date(due.getTime() - ms);
    const late = (ms: number) => new Date(due.getTime() + ms);
    const H = 3_600_000;
    expect(remaining(ahead(3 * 24 * H + 4 * H + 5 * 60_000), due)).toBe('剩余 3 天 4 小时');
    expect(remaining(ahead(2 * 24 * H), due)).toBe('剩余 2 天');
    expect(remaining(ahead(5 * H + 59 * 60_000), due)).toBe('剩余 5 小时');
    expect(remaining(ahead(12 * 60_000 + 30_000), due)).toBe('剩余 12 分钟');
    expect(remaining(ahead(10_000), due)).toBe('剩余不足 1 分钟');
    expect(remaining(late(2 * 24 * H + 30 * 60_000), due)).toBe('已超期 2 天');
    expect(remaining(late(2 * 24 * H + 3 * H), due)).toBe('已超期 2 天 3 小时');
    expect(remaining(late(40 * 60_000), due)).toBe('已超期 40 分钟');
  });
});
