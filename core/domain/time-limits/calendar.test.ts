import { execFileSync } from 'node:child_process';
import chineseDays from 'chinese-days';
import { describe, expect, it } from 'vitest';
import {
  CalendarCoverageError,
  chineseDaysCalendar,
  chineseDaysHolidayData,
  coveredYearsOf,
  WorkCalendar,
} from './calendar';
import { addCalendarDays, type LocalDate } from './local-date';

const cal = chineseDaysCalendar();

// chinese-days builds its tables in the machine's time zone, and west of UTC they are shifted by a day
// (see calendar.ts). Comparisons with the package's own functions are only meaningful east of UTC.
const packageTrustworthyHere = new Date('2025-06-01T00:00:00Z').getTimezoneOffset() <= 0;

function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  throw new Error('expected an error');
}

describe('WorkCalendar over chinese-days', () => {
  it('finds at run time that the data covers 2004–2026 (chinese-days 1.5.7)', () => {
    expect(cal.coverage).toEqual({ first: 2004, last: 2026 });
    expect(coveredYearsOf(chineseDaysHolidayData)).toHaveLength(23);
    expect(cal.coversYear(2026)).toBe(true);
    expect(cal.coversYear(2027)).toBe(false);
  });

  it('counts 2027, which has no arrangement yet, provisionally: weekends are its only rest days (docs/LEGAL.md §8.5)', () => {
    // The pitfall the package hides: New Year's Day 2027 reported as an ordinary Friday at work. The
    // calendar counts it the same way, but says that the answer is provisional.
    expect(chineseDays.isWorkday('2027-01-01')).toBe(true);
    expect(cal.isWorkday('2027-01-01')).toBe(true);
    expect(cal.isProvisional('2027-01-01')).toBe(true);
    expect(cal.isProvisional('2026-12-31')).toBe(false);
    expect(cal.isRestDay('2027-01-02')).toBe(true); // Saturday
    expect(cal.provisionalYearsBetween('2026-11-02', '2027-01-29')).toEqual([2027]);
    expect(cal.provisionalYearsBetween('2026-01-02', '2026-12-31')).toEqual([]);
  });

  it('refuses dates before the data and far beyond it, in plain words', () => {
    const e = thrown(() => cal.isRestDay('2003-10-01')) as CalendarCoverageError;
    expect(e).toBeInstanceOf(CalendarCoverageError);
    expect(e.year).toBe(2003);
    expect(e.code).toBe('UNPROCESSABLE');
    expect(e.message).toBe('2003 年超出工作日历的范围（2004 年至 2036 年），无法计算期限，请核对日期。');
    expect(e.message).not.toMatch(/chinese-days/);
    expect((thrown(() => cal.isWorkday('2037-01-05')) as CalendarCoverageError).year).toBe(2037);
    expect(cal.isWorkday('2036-12-31')).toBe(true);
  });

  it('knows National Day 2025 and its make-up days (国务院办公厅关于2025年部分节假日安排的通知)', () => {
    // 国庆节、中秋节 10月1日至8日放假调休，共8天；9月28日（周日）、10月11日（周六）上班。
    expect(cal.isWorkday('2025-09-28')).toBe(true);
    for (let d: LocalDate = '2025-10-01'; d <= '2025-10-08'; d = addCalendarDays(d, 1)) {
      expect(cal.isRestDay(d), d).toBe(true);
    }
    expect(cal.isWorkday('2025-10-09')).toBe(true);
    expect(cal.isWorkday('2025-10-11')).toBe(true);
    expect(cal.isRestDay('2025-10-12')).toBe(true);
    expect(cal.isWorkday('2025-10-13')).toBe(true);
  });

  it('knows Spring Festival 2026 and its make-up Saturdays (国务院办公厅关于2026年部分节假日安排的通知)', () => {
    // 春节 2月15日至23日放假调休，共9天；2月14日（周六）、2月28日（周六）上班。
    expect(cal.isWorkday('2026-02-14')).toBe(true);
    for (let d: LocalDate = '2026-02-15'; d <= '2026-02-23'; d = addCalendarDays(d, 1)) {
      expect(cal.isRestDay(d), d).toBe(true);
    }
    expect(cal.isWorkday('2026-02-24')).toBe(true);
    expect(cal.isWorkday('2026-02-28')).toBe(true);
  });

  it('counts N working days from the next day (docs/LEGAL.md §8.6)', () => {
    // 10-09 Thu, 10-10 Fri, 10-11 Sat (make-up), 10-13 Mon, 10-14 Tue.
    expect(cal.addWorkdays('2025-09-30', 5)).toBe('2025-10-14');
    expect(cal.addWorkdays('2025-09-30', 0)).toBe('2025-09-30');
    expect(cal.nextWorkday('2025-10-01')).toBe('2025-10-09');
    expect(cal.nextWorkday('2025-10-09')).toBe('2025-10-10');
    expect(cal.workdayOnOrAfter('2025-10-09')).toBe('2025-10-09');
    expect(cal.workdayOnOrAfter('2025-10-12')).toBe('2025-10-13');
    expect(cal.workdaysBetween('2025-09-30', '2025-10-14')).toBe(5);
    expect(cal.workdaysBetween('2025-10-14', '2025-09-30')).toBe(0);
    expect(() => cal.addWorkdays('2025-09-30', -1)).toThrow(RangeError);
  });

  it('counts working days on past the end of the data, Monday to Friday', () => {
    expect(cal.addWorkdays('2026-12-30', 1)).toBe('2026-12-31');
    // 2027-01-01 is a Friday: provisionally a working day; 01-04 is the Monday after.
    expect(cal.addWorkdays('2026-12-30', 2)).toBe('2027-01-01');
    expect(cal.addWorkdays('2026-12-30', 3)).toBe('2027-01-04');
    // December after the 1st: 22; 2027-01-01 (Fri), 01-04, 01-05: 3.
    expect(cal.workdaysBetween('2026-12-01', '2027-01-05')).toBe(25);
  });

  it('counts a gap year inside the data provisionally too', () => {
    const data = {
      holidays: { '2024-10-01': 'x', '2026-10-01': 'x' },
      workdays: {},
    };
    const gappy = new WorkCalendar(data);
    expect(gappy.coverage).toEqual({ first: 2024, last: 2026 });
    expect(gappy.isWorkday('2025-06-02')).toBe(true);
    expect(gappy.isProvisional('2025-06-02')).toBe(true);
    expect(gappy.provisionalYearsBetween('2024-12-30', '2026-01-05')).toEqual([2025]);
  });

  it('takes a newer notice merged into the data, e.g. 2027 before the package has it', () => {
    const extended = new WorkCalendar({
      holidays: { ...chineseDaysHolidayData.holidays, '2027-01-01': '元旦', '2027-10-01': '国庆节' },
      workdays: chineseDaysHolidayData.workdays,
    });
    expect(extended.coverage.last).toBe(2027);
    expect(extended.isRestDay('2027-01-01')).toBe(true);
    expect(extended.isProvisional('2027-01-01')).toBe(false);
  });

  it.skipIf(!packageTrustworthyHere)('agrees with chinese-days on every day of 2004–2026', () => {
    let differences = 0;
    for (let d: LocalDate = '2004-01-01'; d <= '2026-12-31'; d = addCalendarDays(d, 1)) {
      if (cal.isWorkday(d) !== chineseDays.isWorkday(d)) differences++;
    }
    expect(differences).toBe(0);
    expect(cal.addWorkdays('2025-09-26', 5)).toBe(chineseDays.findWorkday(5, '2025-09-26'));
  });

  it('gives the same answers on a machine west of UTC, where the package functions go wrong', () => {
    // A fresh Node process with TZ=America/New_York: chinese-days' own isWorkday calls Monday 2025-10-13 a
    // rest day there; this calendar and the deadlines built on it must not move.
    const here = (file: string) => JSON.stringify(new URL(file, import.meta.url).href);
    const script = `
      import cd from 'chinese-days';
      const { chineseDaysCalendar } = await import(${here('./calendar.ts')});
      const { computeDue } = await import(${here('./deadline.ts')});
      const { XF_23_NOTICE, XF_23_OBJECTION } = await import(${here('./statutory-rules.ts')});
      const cal = chineseDaysCalendar();
      const at = new Date('2025-09-28T10:00:00+08:00');
      console.log(JSON.stringify({
        offset: new Date('2025-10-13T00:00:00Z').getTimezoneOffset(),
        packageSaysWorkday: cd.isWorkday('2025-10-13'),
        calendarSaysWorkday: cal.isWorkday('2025-10-13'),
        notice: computeDue(XF_23_NOTICE, at, cal).dueAt.toISOString(),
        objection: computeDue(XF_23_OBJECTION, at, cal).lastDay,
      }));`;
    const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      env: { ...process.env, TZ: 'America/New_York' },
      encoding: 'utf8',
    });
    expect(JSON.parse(out)).toEqual({
      offset: 240,
      packageSaysWorkday: false,
      calendarSaysWorkday: true,
      notice: '2025-10-13T15:59:59.999Z',
      objection: '2025-10-11',
    });
  });
});
