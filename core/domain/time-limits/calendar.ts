/**
 * Working days in mainland China: statutory holidays (法定节假日) and make-up working days (调休上班日)
 * from the State Council's annual notice, as packaged by `chinese-days` (docs/LEGAL.md §8).
 *
 * Why the package's data file and not its functions: `chinese-days` builds its lookup tables when it is
 * imported, by parsing 'YYYY-MM-DD' as UTC midnight and then reading local-time fields. On a machine west
 * of UTC that shifts every entry one day back (with TZ=America/New_York it calls 2025-10-13, a Monday, a
 * rest day). Its data file (`dist/chinese-days.json`, the same holidays/workdays tables) has no such
 * dependency, and weekdays are computed here from the calendar date itself. calendar.test.ts checks,
 * day by day, that both give the same answers for 2004–2026 on this machine.
 *
 * A year without data (docs/LEGAL.md §8.5): the package silently answers Monday–Friday for it (it calls
 * 2027-01-01, New Year's Day, a working day), and a deadline counted that way would be wrong without
 * anyone noticing. Refusing to count is no better: the State Council publishes next year's notice in
 * the autumn, and a county cannot stop taking petitions until someone installs it. So a year after the
 * first covered one that has no arrangement is *provisional*: Saturdays and Sundays are its only rest
 * days, and every answer that depended on it says so (`provisionalYearsBetween`), so that a deadline
 * counted over it is marked 暂定 and recomputed when the year's arrangement is loaded. Only dates
 * before the data, or more than `PROVISIONAL_HORIZON_YEARS` past it, throw `CalendarCoverageError`.
 */
import chineseDaysData from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import { AppError } from '../../errors';
import { fromEpochDay, type LocalDate, toEpochDay, weekdayOfEpochDay, yearOfEpochDay } from './local-date';

/** The shape of the package's tables: date → description; presence is what matters. */
export interface HolidayData {
  /** Rest days that would otherwise be working days, and the statutory holidays themselves. */
  holidays: Readonly<Record<string, unknown>>;
  /** Weekend days that are working days (调休上班日). */
  workdays: Readonly<Record<string, unknown>>;
}

export interface CalendarCoverage {
  first: number;
  last: number;
}

export class CalendarCoverageError extends AppError {
  readonly year: number;

  constructor(year: number, coverage: CalendarCoverage) {
    const message = `${year} 年超出工作日历的范围（${coverage.first} 年至 ${coverage.last + PROVISIONAL_HORIZON_YEARS} 年），无法计算期限，请核对日期。`;
    super('UNPROCESSABLE', message, { year, coveredFrom: coverage.first, coveredTo: coverage.last });
    this.name = 'CalendarCoverageError';
    this.year = year;
  }
}

const REST = 0;
const WORK = 1;

/**
 * How far past the last covered year dates are still counted provisionally. Legal periods here are at
 * most months long; a date ten years out is a typing error, not a deadline.
 */
export const PROVISIONAL_HORIZON_YEARS = 10;

/**
 * Which years the data covers, read from the data itself: a year counts as covered when its National Day
 * (10-01, a statutory holiday every year under 全国年节及纪念日放假办法) is listed. A year's notice always
 * lists it, while the neighbouring year's notice can only spill a few days into early January or late
 * December, so one stray date cannot make a year look covered.
 */
export function coveredYearsOf(data: HolidayData): number[] {
  const years = new Set<number>();
  for (const key of Object.keys(data.holidays)) {
    if (key.endsWith('-10-01')) years.add(Number(key.slice(0, 4)));
  }
  return [...years].sort((a, b) => a - b);
}

export interface WorkCalendarOptions {
  /**
   * Years whose days are in the data but whose arrangement is not official yet (entered from a draft):
   * counted with those days, and still provisional.
   */
  tentativeYears?: readonly number[];
}

export class WorkCalendar {
  readonly coverage: CalendarCoverage;
  private readonly coveredYears: ReadonlySet<number>;
  private readonly tentativeYears: ReadonlySet<number>;
  private readonly firstDay: number;
  private readonly lastDay: number;
  /** Per day from `firstDay`: REST or WORK (provisional years: weekends only). */
  private readonly kind: Uint8Array;
  /** workdaysBefore[i] = number of working days in [firstDay, firstDay + i). */
  private readonly workdaysBefore: Int32Array;
  /** Epoch days of all working days, ascending: the n-th working day after a date is one index away. */
  private readonly workdayList: Int32Array;

  constructor(
    data: HolidayData,
    years: readonly number[] = coveredYearsOf(data),
    opts: WorkCalendarOptions = {},
  ) {
    if (years.length === 0) throw new RangeError('holiday data covers no year');
    const sorted = [...years].sort((a, b) => a - b);
    this.coverage = { first: sorted[0]!, last: sorted[sorted.length - 1]! };
    this.coveredYears = new Set(sorted);
    this.tentativeYears = new Set((opts.tentativeYears ?? []).filter((y) => !this.coveredYears.has(y)));
    this.firstDay = toEpochDay(`${this.coverage.first}-01-01`);
    this.lastDay = toEpochDay(`${this.coverage.last + PROVISIONAL_HORIZON_YEARS}-12-31`);

    const length = this.lastDay - this.firstDay + 1;
    this.kind = new Uint8Array(length);
    this.workdaysBefore = new Int32Array(length + 1);
    const list: number[] = [];
    for (let i = 0; i < length; i++) {
      const day = this.firstDay + i;
      const weekday = weekdayOfEpochDay(day);
      const weekday5 = weekday >= 1 && weekday <= 5;
      let kind: number;
      const year = yearOfEpochDay(day);
      if (!this.coveredYears.has(year) && !this.tentativeYears.has(year)) {
        kind = weekday5 ? WORK : REST;
      } else {
        const key = fromEpochDay(day);
        // The package's own rule: a listed make-up day works; otherwise Monday–Friday unless a holiday.
        kind = key in data.workdays || (weekday5 && !(key in data.holidays)) ? WORK : REST;
      }
      this.kind[i] = kind;
      if (kind === WORK) list.push(day);
      this.workdaysBefore[i + 1] = this.workdaysBefore[i]! + (kind === WORK ? 1 : 0);
    }
    this.workdayList = Int32Array.from(list);
  }

  /** Whether the holiday arrangement of this year is known (not provisional). */
  coversYear(year: number): boolean {
    return this.coveredYears.has(year);
  }

  /** Whether the calendar can answer for this date at all (officially or provisionally). */
  covers(date: LocalDate): boolean {
    const day = toEpochDay(date);
    return day >= this.firstDay && day <= this.lastDay;
  }

  /** A provisional year counted with a draft arrangement rather than weekends only. */
  isTentativeYear(year: number): boolean {
    return this.tentativeYears.has(year);
  }

  /** Whether the date's year is counted provisionally (no official arrangement). */
  isProvisional(date: LocalDate): boolean {
    return this.covers(date) && !this.coveredYears.has(Number(date.slice(0, 4)));
  }

  /** The provisional years among those of the dates from `from` to `to`, ascending. */
  provisionalYearsBetween(from: LocalDate, to: LocalDate): number[] {
    const years: number[] = [];
    const last = Math.max(Number(from.slice(0, 4)), Number(to.slice(0, 4)));
    for (let y = Math.min(Number(from.slice(0, 4)), last); y <= last; y++) {
      if (!this.coveredYears.has(y)) years.push(y);
    }
    return years;
  }

  /** Throws `CalendarCoverageError` when the calendar cannot answer for the date. */
  assertCovered(date: LocalDate): void {
    this.index(toEpochDay(date));
  }

  isWorkday(date: LocalDate): boolean {
    return this.kind[this.index(toEpochDay(date))] === WORK;
  }

  /** Weekend or statutory holiday, and not a make-up working day. */
  isRestDay(date: LocalDate): boolean {
    return !this.isWorkday(date);
  }

  /** The first working day strictly after the date. */
  nextWorkday(date: LocalDate): LocalDate {
    return this.addWorkdays(date, 1);
  }

  /** The date itself if it is a working day, else the next one (the roll-over of 民法典 art. 203). */
  workdayOnOrAfter(date: LocalDate): LocalDate {
    return this.isWorkday(date) ? date : this.nextWorkday(date);
  }

  /**
   * The n-th working day counting from the next day (docs/LEGAL.md §8.6: "N 个工作日" = the start day is not
   * counted). n = 0 gives the date back, so that `workdaysBetween(date, addWorkdays(date, n)) === n`.
   */
  addWorkdays(date: LocalDate, n: number): LocalDate {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be a non-negative integer: ${n}`);
    const day = toEpochDay(date);
    const i = this.index(day);
    if (n === 0) return date;
    // workdaysBefore[i + 1] working days lie on or before `day`; the next ones follow in the list.
    const target = this.workdaysBefore[i + 1]! + n - 1;
    if (target >= this.workdayList.length) {
      throw this.uncovered(this.coverage.last + PROVISIONAL_HORIZON_YEARS + 1);
    }
    return fromEpochDay(this.workdayList[target]!);
  }

  /** Working days d with from < d ≤ to (0 when to ≤ from). */
  workdaysBetween(from: LocalDate, to: LocalDate): number {
    const a = toEpochDay(from);
    const b = toEpochDay(to);
    if (b <= a) return 0;
    const i = this.index(a);
    const j = this.index(b);
    return this.workdaysBefore[j + 1]! - this.workdaysBefore[i + 1]!;
  }

  private index(day: number): number {
    if (day < this.firstDay || day > this.lastDay) throw this.uncovered(yearOfEpochDay(day));
    return day - this.firstDay;
  }

  private uncovered(year: number): CalendarCoverageError {
    return new CalendarCoverageError(year, this.coverage);
  }
}

let shared: WorkCalendar | undefined;

/**
 * The calendar built from the installed `chinese-days` data, built once (about 8,400 days) and shared:
 * it is immutable. To add a year the package does not have yet (the State Council publishes each year's
 * notice in October–November), build `new WorkCalendar(mergedData)` instead.
 */
export function chineseDaysCalendar(): WorkCalendar {
  shared ??= new WorkCalendar(chineseDaysData);
  return shared;
}

/** The package's raw tables, for callers that merge in a newer notice. */
export const chineseDaysHolidayData: HolidayData = chineseDaysData;
