/**
 * Importing a year's holiday arrangement from a file instead of the pasted notice: our own JSON, the JSON
 * tables of the `chinese-days` data (many years, filtered to one), or an iCalendar feed. Each gives the
 * same result as the notice reader: the year's rest days and make-up working days, and in plain Chinese
 * what could not be read or looks wrong (the checks of holiday-checks.ts). Bad files never throw.
 *
 * Each date goes to the arrangement of its own year (see holiday-checks.ts): a multi-year table or
 * feed is cut by date, so a 元旦 that starts on 12-31 lands in the previous year's import.
 */
import { z } from 'zod';
import {
  checkYearArrangement,
  type HolidayDay,
  type HolidayProblem,
  isPlausibleYear,
  problemText,
  sortedUniqueDays,
  yearOf,
} from './holiday-checks';
import { readIcsEvents } from './holiday-ics';
import { type LocalDate, parseLocalDate } from './local-date';

export interface ImportedHolidays {
  /** null when the file does not say which year and holds several (or none). */
  year: number | null;
  restDays: HolidayDay[];
  workdays: HolidayDay[];
  problems: HolidayProblem[];
  source: { title: string | null; number: string | null; publishedOn: LocalDate | null };
}

const NO_SOURCE = { title: null, number: null, publishedOn: null };

function isLocalDate(text: string): boolean {
  try {
    parseLocalDate(text);
    return true;
  } catch {
    return false;
  }
}

const localDateSchema = z
  .string()
  .refine(isLocalDate, { error: (issue) => problemText.notADate(String(issue.input)) });

// A day is a date string or {date, name}; the string is read as {date} so that a wrong date is reported at
// its own path rather than as "neither form".
const dayEntrySchema = z.preprocess(
  (entry) => (typeof entry === 'string' ? { date: entry } : entry),
  z.object({ date: localDateSchema, name: z.string().trim().max(40).optional() }),
);

/** Our own file: one year, as the admin page would export it. */
export const holidayArrangementFileSchema = z.object({
  year: z.number().int().min(1900).max(2200),
  restDays: z.array(dayEntrySchema).max(400),
  workdays: z.array(dayEntrySchema).max(200).default([]),
  source: z
    .object({
      title: z.string().max(200).nullish(),
      number: z.string().max(60).nullish(),
      publishedOn: localDateSchema.nullish(),
    })
    .optional(),
});

/** The `chinese-days` tables: date → 'English,中文,n'; presence is what counts. */
export const chineseDaysTablesSchema = z.object({
  holidays: z.record(z.string(), z.unknown()),
  workdays: z.record(z.string(), z.unknown()),
});

/** Plain Chinese for zod's own issues (the schemas above word the rest). */
function issueMessage(issue: z.core.$ZodRawIssue): string {
  if (issue.code === 'invalid_type') {
    if (issue.input === undefined) return '缺少这一项。';
    const expected: Record<string, string> = {
      number: '数字',
      string: '文字',
      array: '列表',
      object: '对象',
    };
    return `应为${expected[issue.expected] ?? issue.expected}。`;
  }
  if (issue.code === 'too_big') return '太长或太大了，超出了一年的安排可能有的范围。';
  if (issue.code === 'too_small') return '太短或太小了。';
  return '内容不对。';
}

function pathOf(path: readonly PropertyKey[]): string {
  return path
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`))
    .join('');
}

function zodProblems(error: z.ZodError): HolidayProblem[] {
  return error.issues.map((issue) => ({ level: 'error', line: pathOf(issue.path), message: issue.message }));
}

/** Nothing imported, and why. */
function failed(problems: HolidayProblem[] | string): ImportedHolidays {
  const list: HolidayProblem[] =
    typeof problems === 'string' ? [{ level: 'error', line: '', message: problems }] : problems;
  return { year: null, restDays: [], workdays: [], problems: list, source: NO_SOURCE };
}

/**
 * Runs the arrangement checks and keeps only the year's own days: a day of another year is reported by
 * the checks (as belonging to its own year) and left out.
 */
function finish(
  year: number,
  rest: HolidayDay[],
  work: HolidayDay[],
  problems: HolidayProblem[],
  source: ImportedHolidays['source'],
): ImportedHolidays {
  problems.push(...checkYearArrangement({ year, restDays: rest, workdays: work }));
  const own = (days: HolidayDay[]) => sortedUniqueDays(days.filter((d) => yearOf(d.date) === year));
  return { year, restDays: own(rest), workdays: own(work), problems, source };
}

/** The one year among `years`, or the caller's; else a problem naming them. */
function chooseYear(years: Set<number>, wanted: number | undefined): number | string {
  if (wanted !== undefined) {
    return years.has(wanted) ? wanted : `文件里没有${wanted}年的放假或上班安排。`;
  }
  const sorted = [...years].sort((a, b) => a - b);
  if (sorted.length === 1) return sorted[0]!;
  if (sorted.length === 0) return '文件里没有读到任何放假或上班的日期。';
  return `文件里有${sorted[0]}年至${sorted.at(-1)}年共${sorted.length}个年份的安排，请选定要导入哪一年。`;
}

function checkWantedYear(year: number | undefined, fn: string): void {
  if (year !== undefined && !isPlausibleYear(year)) {
    throw new RangeError(`${fn}: not a year: ${String(year)}`);
  }
}

/** The Chinese name in a `chinese-days` value: "Spring Festival,春节,4" → '春节'. */
function chineseDaysName(value: unknown): string {
  if (typeof value !== 'string') return '';
  const parts = value.split(',');
  return (parts[1] ?? parts[0] ?? '').trim();
}

/**
 * Reads a JSON file (its text, or the value already parsed): `{year, restDays, workdays, source?}`, or the
 * `chinese-days` tables `{holidays, workdays}` of which only `opts.year` is taken (or the one year in it).
 */
export function importHolidayJson(input: unknown, opts: { year?: number } = {}): ImportedHolidays {
  checkWantedYear(opts.year, 'importHolidayJson');
  let value: unknown = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input.replace(/^\uFEFF/, ''));
    } catch {
      return failed('这不是有效的 JSON 文件，无法读取。');
    }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return failed('认不出这个文件的格式：应包含 year、restDays、workdays 三项。');
  }

  if ('holidays' in value) {
    const tables = chineseDaysTablesSchema.safeParse(value, { error: issueMessage });
    if (!tables.success) return failed(zodProblems(tables.error));
    const problems: HolidayProblem[] = [];
    const entries = (map: Record<string, unknown>, label: string) =>
      Object.entries(map).filter(([date]) => {
        if (isLocalDate(date)) return true;
        problems.push({ level: 'error', line: `${label}.${date}`, message: problemText.notADate(date) });
        return false;
      });
    const holidays = entries(tables.data.holidays, 'holidays');
    const workdays = entries(tables.data.workdays, 'workdays');
    const year = chooseYear(
      new Set([...holidays, ...workdays].map(([date]) => Number(date.slice(0, 4)))),
      opts.year,
    );
    if (typeof year === 'string') return failed([...problems, { level: 'error', line: '', message: year }]);
    const ofYear = (list: [string, unknown][], suffix: string) =>
      list
        .filter(([date]) => yearOf(date as LocalDate) === year)
        .map(([date, v]) => ({ date: date as LocalDate, name: `${chineseDaysName(v)}${suffix}` }));
    return finish(year, ofYear(holidays, ''), ofYear(workdays, '调休上班'), problems, NO_SOURCE);
  }

  const file = holidayArrangementFileSchema.safeParse(value, { error: issueMessage });
  if (!file.success) {
    const unknownShape = !('year' in value) && !('restDays' in value);
    return unknownShape
      ? failed('认不出这个文件的格式：应包含 year、restDays、workdays 三项。')
      : failed(zodProblems(file.error));
  }
  const { year, restDays, workdays, source } = file.data;
  const problems: HolidayProblem[] = [];
  if (opts.year !== undefined && opts.year !== year) {
    problems.push({
      level: 'error',
      line: 'year',
      message: `文件里写的是${year}年的安排，而要导入的是${opts.year}年，请核对是否选错了文件。`,
    });
  }
  const days = (list: typeof restDays): HolidayDay[] =>
    list.map((entry) => ({ date: entry.date as LocalDate, name: entry.name ?? '' }));
  return finish(year, days(restDays), days(workdays), problems, {
    title: source?.title ?? null,
    number: source?.number ?? null,
    publishedOn: (source?.publishedOn as LocalDate | null | undefined) ?? null,
  });
}

// What a holiday feed's SUMMARY says after the festival's name: '(休)', ' 假期 第1天/共8天', ' 补班'.
const SUMMARY_MARK = /\s*(?:[（(【[]|调休|放假|假期|假|休息|休|补班|上班|班|第\s*\d)/;

/**
 * Reads an iCalendar feed: an event whose SUMMARY has 班 (上班, 补班, '(班)') is a make-up working day,
 * any other event a rest day. Only `opts.year`'s days are taken (or those of the one year in the file).
 */
export function importHolidayIcs(text: string, opts: { year?: number } = {}): ImportedHolidays {
  if (typeof text !== 'string') throw new TypeError('importHolidayIcs: text must be a string');
  checkWantedYear(opts.year, 'importHolidayIcs');
  const reading = readIcsEvents(text);
  const problems: HolidayProblem[] = [...reading.problems];
  if (reading.events.length === 0 && problems.length > 0) return failed(problems);
  const rest: HolidayDay[] = [];
  const work: HolidayDay[] = [];
  for (const event of reading.events) {
    const cut = event.summary.search(SUMMARY_MARK);
    const festival = (cut > 0 ? event.summary.slice(0, cut) : event.summary).trim();
    const working = /班/.test(event.summary);
    for (const date of event.days) {
      (working ? work : rest).push({ date, name: working ? `${festival}调休上班` : festival });
    }
  }
  const year = chooseYear(new Set([...rest, ...work].map((d) => yearOf(d.date))), opts.year);
  if (typeof year === 'string') return failed([...problems, { level: 'error', line: '', message: year }]);
  const ofYear = (days: HolidayDay[]) => days.filter((d) => yearOf(d.date) === year);
  return finish(year, ofYear(rest), ofYear(work), problems, NO_SOURCE);
}
