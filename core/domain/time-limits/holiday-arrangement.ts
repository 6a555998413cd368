/**
 * Holiday arrangements as the product's own data (docs/LEGAL.md §8): one arrangement per year, as the
 * State Council's annual notice (国务院办公厅关于 N 年部分节假日安排的通知) sets it — its rest days, its
 * 调休 working days, where it came from and whether it is official. The server keeps them in a table
 * (seeded from the `chinese-days` package for the years that package has, a new year loaded by the
 * administrator) and builds the working-day calendar from them; nothing reads the package at run time.
 *
 * A county may add rest days of its own (some autonomous areas have local festivals); they apply to
 * that county's clocks only, and only when switched on.
 */
import chineseDaysData from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import { coveredYearsOf, type HolidayData, WorkCalendar } from './calendar';
import type { LocalDate } from './local-date';

/** official: from the published notice; provisional: entered before it (a draft), still 暂定. */
export type ArrangementStatus = 'official' | 'provisional';

export interface HolidayDay {
  date: LocalDate;
  /** The festival, e.g. 春节; for a working day, the festival it makes up for. */
  name: string;
}

export interface HolidaySource {
  /** e.g. 国务院办公厅关于2026年部分节假日安排的通知 */
  title: string;
  /** e.g. 国办发明电〔2025〕7号 */
  number: string | null;
  publishedOn: LocalDate | null;
  /** How it reached the product, e.g. "chinese-days 1.5.7", "管理员粘贴通知原文". */
  via: string | null;
}

export interface HolidayArrangement {
  year: number;
  status: ArrangementStatus;
  restDays: HolidayDay[];
  workdays: HolidayDay[];
  source: HolidaySource | null;
}

export interface CountyRestDays {
  enabled: boolean;
  days: HolidayDay[];
}

export const noCountyRestDays: CountyRestDays = { enabled: false, days: [] };

/**
 * The working-day calendar of a county: the national arrangements plus, when switched on, the
 * county's own rest days. Years without an official arrangement are provisional (calendar.ts).
 */
export function buildWorkCalendar(
  arrangements: readonly HolidayArrangement[],
  county: CountyRestDays = noCountyRestDays,
): WorkCalendar {
  const holidays: Record<string, string> = {};
  const workdays: Record<string, string> = {};
  for (const a of arrangements) {
    for (const d of a.restDays) holidays[d.date] = d.name;
    for (const d of a.workdays) workdays[d.date] = d.name;
  }
  if (county.enabled) {
    // A county's own rest day wins over a national make-up working day on the same date.
    for (const d of county.days) {
      holidays[d.date] = d.name;
      delete workdays[d.date];
    }
  }
  const official = arrangements.filter((a) => a.status === 'official').map((a) => a.year);
  const tentative = arrangements.filter((a) => a.status === 'provisional').map((a) => a.year);
  return new WorkCalendar({ holidays, workdays }, official, { tentativeYears: tentative });
}

/** 'New Year\'s Day,元旦,1' → 元旦 (the package's description: English, Chinese, a number). */
function chineseName(description: unknown): string {
  const parts = String(description).split(',');
  return (parts[1] ?? parts[0] ?? '').trim();
}

/**
 * The arrangements the `chinese-days` package carries, one per year it covers, as official data:
 * the package transcribes the State Council's notices. Used once, to seed the table.
 */
export function arrangementsFromPackage(
  data: HolidayData = chineseDaysData,
  via = 'chinese-days',
): HolidayArrangement[] {
  return coveredYearsOf(data).map((year) => {
    const ofYear = (table: Readonly<Record<string, unknown>>): HolidayDay[] =>
      Object.entries(table)
        .filter(([date]) => date.startsWith(`${year}-`))
        .map(([date, description]) => ({ date: date as LocalDate, name: chineseName(description) }))
        .sort((a, b) => a.date.localeCompare(b.date));
    return {
      year,
      status: 'official',
      restDays: ofYear(data.holidays),
      workdays: ofYear(data.workdays),
      source: {
        title: `国务院办公厅关于${year}年部分节假日安排的通知`,
        number: null,
        publishedOn: null,
        via,
      },
    };
  });
}
