/**
 * A year's holiday arrangement (放假日 and 调休上班日) as the business administrator loads it: from the
 * State Council's notice (holiday-notice.ts), from a JSON or ICS file (holiday-import.ts), or edited by
 * clicking days in a calendar. Whatever the source, the same checks run here, and what they find is told
 * in plain Chinese, so that a wrong day is caught before deadlines are counted on it.
 *
 * Each date belongs to the arrangement of its own calendar year. The notice for a year sometimes starts
 * 元旦 in the previous December (the 2023 notice: 2022年12月31日至2023年1月2日); that 12-31 is stored with
 * the previous year, because the working-day calendar looks a day up by its date, and a year's data is
 * then complete on its own (a year counts as covered once its own arrangement is loaded).
 */
import type { HolidayDay } from './holiday-arrangement';
import { formatLocalDateZh, type LocalDate, parseLocalDate, weekdayOf } from './local-date';

/** A rest day or a make-up working day (holiday-arrangement.ts), as every reader returns it. */
export type { HolidayDay };

/**
 * Something that could not be read or looks wrong. An error means the arrangement should not be used as
 * it stands; a warning asks the administrator to look (a festival that usually appears is missing).
 */
export interface HolidayProblem {
  level: 'error' | 'warning';
  /** What the problem is about: a line of the notice, an ICS event, a JSON path; '' for the whole. */
  line: string;
  message: string;
  /** The day concerned, when there is one, so that a calendar can mark it. */
  date?: LocalDate;
}

export interface YearArrangement {
  year: number;
  restDays: HolidayDay[];
  workdays: HolidayDay[];
}

/** The festivals every notice since 2008 has arranged (全国年节及纪念日放假办法). */
export const USUAL_FESTIVALS = ['元旦', '春节', '清明节', '劳动节', '端午节', '中秋节', '国庆节'] as const;
export type UsualFestival = (typeof USUAL_FESTIVALS)[number];

// What each festival is called in notices and calendar feeds ('清明', '五一', '中秋国庆' …).
const FESTIVAL_WORDS: ReadonlyArray<readonly [UsualFestival, RegExp]> = [
  ['元旦', /元旦/],
  ['春节', /春节/],
  ['清明节', /清明/],
  ['劳动节', /劳动节|五一/],
  ['端午节', /端午/],
  ['中秋节', /中秋/],
  ['国庆节', /国庆/],
];

/** The usual festivals a name speaks of: '国庆节、中秋节' → ['中秋节', '国庆节']. */
export function usualFestivalsIn(name: string): UsualFestival[] {
  return FESTIVAL_WORDS.filter(([, word]) => word.test(name)).map(([festival]) => festival);
}

/** The warnings for usual festivals that none of the names speaks of. */
export function missingFestivalProblems(names: readonly string[]): HolidayProblem[] {
  const found = new Set(names.flatMap(usualFestivalsIn));
  return USUAL_FESTIVALS.filter((f) => !found.has(f)).map((f) => ({
    level: 'warning' as const,
    line: '',
    message: `没有找到${f}的放假安排。每年的通知通常都有${f}，请核对是否漏掉了。`,
  }));
}

export function isWeekend(date: LocalDate): boolean {
  const weekday = weekdayOf(date);
  return weekday === 0 || weekday === 6;
}

/** The year part of a valid date. */
export function yearOf(date: LocalDate): number {
  return Number(date.slice(0, 4));
}

export const problemText = {
  workdayNotWeekend: (date: LocalDate) =>
    `${formatLocalDateZh(date)}本来就是工作日，不需要列为调休上班日；调休上班日应是星期六或星期日，请核对日期是否抄错。`,
  restAndWork: (date: LocalDate) =>
    `${formatLocalDateZh(date)}既列为放假日，又列为调休上班日，只能是其中一种，请核对。`,
  otherYear: (date: LocalDate, year: number) =>
    `${formatLocalDateZh(date)}属于${yearOf(date)}年，不能放在${year}年的安排里：每一天按它所在的年份保存，请把这一天录入${yearOf(date)}年的安排。`,
  notADate: (text: string) => `“${text}”不是有效的日期，应写成 2026-01-01 这样的年-月-日。`,
  noRestDay: (year: number) => `${year}年的安排里没有任何放假日，请核对是否导入或粘贴完整。`,
};

/** The one year the arrangement functions accept: a plain four-digit year. */
export function isPlausibleYear(year: unknown): year is number {
  return typeof year === 'number' && Number.isInteger(year) && year >= 1900 && year <= 2200;
}

interface DayInput {
  date: string;
  name?: string | undefined;
}

/**
 * The consistency checks on an arrangement the administrator has edited (or imported): every date valid
 * and in the year, make-up working days on a Saturday or Sunday, no day both resting and working, at
 * least one rest day, and (when every rest day carries a name) each usual festival present. Problems come in date
 * order, then those about the whole year.
 */
export function checkYearArrangement(arrangement: {
  year: number;
  restDays: readonly DayInput[];
  workdays: readonly DayInput[];
}): HolidayProblem[] {
  const { year } = arrangement;
  if (!isPlausibleYear(year)) {
    return [{ level: 'error', line: '', message: `“${String(year)}”不是有效的年份。` }];
  }
  const dated: HolidayProblem[] = [];
  const general: HolidayProblem[] = [];
  const read = (entries: readonly DayInput[], label: string) => {
    const days = new Map<LocalDate, string>();
    for (const entry of entries) {
      let date: LocalDate;
      try {
        date = parseLocalDate(entry.date);
      } catch {
        general.push({ level: 'error', line: label, message: problemText.notADate(entry.date) });
        continue;
      }
      if (days.has(date)) {
        dated.push({
          level: 'warning',
          line: label,
          date,
          message: `${formatLocalDateZh(date)}在${label}里列了两次。`,
        });
        continue;
      }
      days.set(date, entry.name ?? '');
      if (yearOf(date) !== year) {
        dated.push({ level: 'error', line: label, date, message: problemText.otherYear(date, year) });
      }
    }
    return days;
  };
  const rest = read(arrangement.restDays, '放假日');
  const work = read(arrangement.workdays, '调休上班日');

  for (const date of work.keys()) {
    if (rest.has(date))
      dated.push({ level: 'error', line: '', date, message: problemText.restAndWork(date) });
    if (!isWeekend(date)) {
      dated.push({ level: 'error', line: '调休上班日', date, message: problemText.workdayNotWeekend(date) });
    }
  }
  if (rest.size === 0) general.push({ level: 'error', line: '', message: problemText.noRestDay(year) });
  // Days clicked in a calendar may carry no name; when any does not, which festivals are there cannot be
  // told, and asking for them would only raise false alarms.
  const names = [...rest.values()];
  if (names.length > 0 && names.every((name) => name.trim() !== '')) {
    general.push(...missingFestivalProblems(names));
  }

  dated.sort((a, b) => (a.date! < b.date! ? -1 : a.date! > b.date! ? 1 : 0));
  return [...dated, ...general];
}

/** Sorted by date, one entry a date (the first name given wins). */
export function sortedUniqueDays(days: Iterable<HolidayDay>): HolidayDay[] {
  const byDate = new Map<LocalDate, HolidayDay>();
  for (const day of days) if (!byDate.has(day.date)) byDate.set(day.date, day);
  return [...byDate.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}
