import { describe, expect, it } from 'vitest';
import { calendarCoverage } from './coverage';

const years2004to2026 = Array.from({ length: 23 }, (_, i) => 2004 + i);

describe('calendarCoverage', () => {
  it('says nothing in the summer when this year is on file', () => {
    expect(calendarCoverage(years2004to2026, '2026-06-15')).toEqual({
      coveredTo: 2026,
      provisionalFrom: 2027,
      warning: null,
    });
  });

  it('warns from 1 November while next year is missing', () => {
    expect(calendarCoverage(years2004to2026, '2026-10-31').warning).toBeNull();
    const c = calendarCoverage(years2004to2026, '2026-11-01');
    expect(c.provisionalFrom).toBe(2027);
    expect(c.warning).toContain('2027 年节假日安排尚未载入');
  });

  it('takes another warning day from the configuration', () => {
    expect(calendarCoverage(years2004to2026, '2026-10-20', '10-15').warning).not.toBeNull();
  });

  it('stops warning once next year is loaded', () => {
    expect(calendarCoverage([...years2004to2026, 2027], '2026-12-06')).toEqual({
      coveredTo: 2027,
      provisionalFrom: 2028,
      warning: null,
    });
  });

  it('always warns when this year itself is missing', () => {
    const c = calendarCoverage(years2004to2026, '2027-03-01');
    expect(c).toMatchObject({ coveredTo: null, provisionalFrom: 2027 });
    expect(c.warning).toContain('2027 年节假日安排尚未载入：今年的期限都暂按周末推算');
  });
});
