import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addCalendarDays,
  addMonths,
  atLocalTime,
  endOfLocalDay,
  formatDayZh,
  formatInstantZh,
  formatLocalDateZh,
  fromEpochDay,
  parseLocalDate,
  startOfLocalDay,
  toEpochDay,
  toLocalDate,
  weekdayOf,
} from './local-date';

describe('local dates in China Standard Time', () => {
  it('reads the Beijing calendar date of an instant, not the UTC or machine date', () => {
    // 00:30 on 13 October in Beijing is still 12 October in UTC.
    expect(toLocalDate(new Date('2025-10-12T16:30:00Z'))).toBe('2025-10-13');
    expect(toLocalDate(new Date('2025-10-13T15:59:59.999Z'))).toBe('2025-10-13');
    expect(toLocalDate(new Date('2025-10-13T16:00:00Z'))).toBe('2025-10-14');
  });

  it('gives 00:00 and 23:59:59.999 +08:00 of a date (民法典 art. 203: a period ends at 24:00)', () => {
    expect(startOfLocalDay('2025-10-13').toISOString()).toBe('2025-10-12T16:00:00.000Z');
    expect(endOfLocalDay('2025-10-13').toISOString()).toBe('2025-10-13T15:59:59.999Z');
  });

  it('places a business close on the local date (民法典 art. 203(2))', () => {
    expect(atLocalTime('2026-03-02', '17:30').toISOString()).toBe('2026-03-02T09:30:00.000Z');
    expect(() => atLocalTime('2026-03-02', '24:00')).toThrow(RangeError);
  });

  it('adds months to the matching day, or the last day of a shorter month (民法典 art. 202)', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2026-03-15', 1)).toBe('2026-04-15');
    expect(addMonths('2026-11-30', 3)).toBe('2027-02-28');
    expect(addMonths('2026-03-31', -1)).toBe('2026-02-28');
  });

  it('refuses text that is not a real date', () => {
    expect(parseLocalDate('2024-02-29')).toBe('2024-02-29');
    for (const bad of ['2026-02-29', '2026-2-3', '2026-13-01', '20260101', '']) {
      expect(() => parseLocalDate(bad)).toThrow(RangeError);
    }
  });

  it('knows the weekday, including the make-up Sunday of 2025-09-28', () => {
    expect(weekdayOf('2025-09-28')).toBe(0);
    expect(weekdayOf('2025-10-11')).toBe(6);
    expect(weekdayOf('1970-01-01')).toBe(4);
    expect(formatLocalDateZh('2025-10-13')).toBe('2025年10月13日（星期一）');
    expect(formatInstantZh(new Date('2026-03-02T07:05:00Z'))).toBe('2026年3月2日 15:05');
  });

  it("prints the Beijing day of an instant, as the server's Intl formatting did (Asia/Shanghai)", () => {
    // 16:30 UTC is already the next morning in Beijing; 15:59 UTC is still the same day.
    expect(formatDayZh(new Date('2026-03-01T16:30:00Z'))).toBe('2026年3月2日');
    expect(formatDayZh(new Date('2026-03-01T15:59:59Z'))).toBe('2026年3月1日');
    const intl = (d: Date) => {
      const p = new Intl.DateTimeFormat('zh-CN', {
        timeZone: 'Asia/Shanghai',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
      }).formatToParts(d);
      const get = (t: string) => p.find((x) => x.type === t)?.value ?? '';
      return `${get('year')}年${get('month')}月${get('day')}日`;
    };
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1992-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }),
        (d) => formatDayZh(d) === intl(d),
      ),
    );
  });

  it('converts epoch days both ways exactly as the UTC calendar does', () => {
    fc.assert(
      fc.property(fc.integer({ min: -200_000, max: 200_000 }), (day) => {
        const iso = new Date(day * 86_400_000).toISOString().slice(0, 10);
        expect(fromEpochDay(day)).toBe(iso);
        expect(toEpochDay(fromEpochDay(day))).toBe(day);
        expect(addCalendarDays(fromEpochDay(day), 1)).toBe(fromEpochDay(day + 1));
      }),
      { numRuns: 2_000 },
    );
  });
});
