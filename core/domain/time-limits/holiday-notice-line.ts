/**
 * The dates of one festival line of the holiday notice ("2月15日（农历腊月二十八、周日）至23日（农历正月初七、
 * 周一）放假调休，共9天。2月14日（周六）、2月28日（周六）上班。"): which are rest days, which are make-up
 * working days, how many days the line declares, and what in it could not be read. The line comes here
 * already normalised to half-width digits and punctuation (holiday-notice.ts); messages quote dates that way.
 */
import {
  formatLocalDateZh,
  fromEpochDay,
  type LocalDate,
  parseLocalDate,
  toEpochDay,
  weekdayOf,
} from './local-date';

const CN_DIGIT: Readonly<Record<string, number>> = {
  零: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

/** '9', '九', '十二', '二十' → number; null when it is not a small number. */
function readCount(text: string): number | null {
  if (/^\d+$/.test(text)) return Number(text);
  const m = /^([一二两三四五六七八九])?(十)?([一二三四五六七八九])?$/.exec(text);
  if (!m || text === '') return null;
  if (!m[2]) return m[3] ? null : CN_DIGIT[m[1]!]!;
  return (m[1] ? CN_DIGIT[m[1]]! : 1) * 10 + (m[3] ? CN_DIGIT[m[3]]! : 0);
}

const WEEKDAY_OF_TEXT: Readonly<Record<string, number>> = {
  日: 0,
  天: 0,
  七: 0,
  一: 1,
  二: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
};
const WEEKDAY_NOTE = /(?:周|星期|礼拜)\s*([一二三四五六日天七])/g;

// ---------------------------------------------------------------------------------------------------
// Reading one festival line.

export interface WrittenDate {
  year: number | null;
  month: number;
  day: number;
  /** The weekday the text gives in （）, 0 = Sunday. */
  weekday: number | null;
  weekdayText: string | null;
  raw: string;
}

const TOKEN = new RegExp(
  [
    String.raw`(?<date>(?:(?<y>\d{4})\s*年\s*)?(?:(?<m>\d{1,2})\s*月\s*)?(?<d>\d{1,2})\s*[日号](?:\s*\((?<note>[^()]*)\))?)`,
    '(?<to>至|到|~|〜|-|—|–|−)',
    String.raw`(?<restN>放假|休假)\s*(?<rn>\d{1,3}|[一二两三四五六七八九十]{1,3})\s*天`,
    String.raw`共\s*(?<n>\d{1,3}|[一二两三四五六七八九十]{1,3})\s*天`,
    '(?<rest>放假|休假)',
    '(?<work>上班|补班)',
    '(?<clause>[,;。.])',
  ].join('|'),
  'g',
);

export type Pending = { start: WrittenDate; end: WrittenDate | null };

export interface LineReading {
  rest: Pending[];
  work: Pending[];
  declaredDays: number | null;
  problems: string[];
  warnings: string[];
}

/**
 * Tokens in order; each clause hands its dates to the keyword that follows them. Month-less days take the
 * month of the date before them ("2月15日至23日"); the year is settled later, per range.
 */
export function readBody(body: string): LineReading {
  const reading: LineReading = { rest: [], work: [], declaredDays: null, problems: [], warnings: [] };
  let pending: Pending[] = [];
  let rangeOpen = false;
  let lastMonth: number | null = null;
  const endClause = () => {
    if (rangeOpen) reading.problems.push('有一个“至”后面没有写结束日期。');
    for (const p of pending) {
      reading.warnings.push(
        `${describe(p)}没有计入：这一句里没有“放假”或“上班”，看不出这一天是放假还是上班。如果它应当计入，请改写成“……放假”或“……上班”。`,
      );
    }
    pending = [];
    rangeOpen = false;
  };
  for (const m of body.matchAll(TOKEN)) {
    const g = m.groups!;
    if (g.date !== undefined) {
      const month: number | null = g.m !== undefined ? Number(g.m) : lastMonth;
      if (month === null) {
        reading.problems.push(`“${g.date}”没有写月份，看不出是哪一天。`);
        continue;
      }
      lastMonth = month;
      const weekdays = [...(g.note ?? '').matchAll(WEEKDAY_NOTE)];
      const note = weekdays[weekdays.length - 1];
      const written: WrittenDate = {
        year: g.y !== undefined ? Number(g.y) : null,
        month,
        day: Number(g.d),
        weekday: note ? WEEKDAY_OF_TEXT[note[1]!]! : null,
        weekdayText: note ? note[0] : null,
        raw: g.date.replace(/\s*\(.*$/, ''),
      };
      const last = pending[pending.length - 1];
      if (rangeOpen && last && last.end === null) last.end = written;
      else pending.push({ start: written, end: null });
      rangeOpen = false;
    } else if (g.to !== undefined) {
      const last = pending[pending.length - 1];
      if (last && last.end === null) rangeOpen = true;
    } else if (g.restN !== undefined || g.rest !== undefined || g.work !== undefined) {
      if (rangeOpen) reading.problems.push('有一个“至”后面没有写结束日期。');
      rangeOpen = false;
      (g.work !== undefined ? reading.work : reading.rest).push(...pending);
      pending = [];
      if (g.rn !== undefined) reading.declaredDays = readCount(g.rn);
    } else if (g.n !== undefined) {
      reading.declaredDays = readCount(g.n);
    } else if (g.clause !== undefined) {
      endClause();
    }
  }
  endClause();
  return reading;
}

function describe(p: Pending): string {
  return p.end ? `“${p.start.raw}至${p.end.raw}”` : `“${p.start.raw}”`;
}

export interface Resolved {
  date: LocalDate;
  written: WrittenDate;
}

/**
 * The calendar dates of a written date or range in the notice for `year`. A range that runs from December
 * into January starts in the previous year ("12月30日至1月1日"); a December date on the 元旦 line is the
 * previous year's (the make-up Saturday before a New Year that starts on a weekday).
 */
export function resolve(
  p: Pending,
  year: number,
  newYearLine: boolean,
  problems: string[],
): { days: LocalDate[]; written: Resolved[] } {
  const toDate = (w: WrittenDate, y: number): LocalDate | null => {
    const text = `${y}-${String(w.month).padStart(2, '0')}-${String(w.day).padStart(2, '0')}`;
    try {
      return parseLocalDate(text);
    } catch {
      problems.push(`没有${y}年${w.month}月${w.day}日这一天，请核对“${w.raw}”。`);
      return null;
    }
  };
  const { start, end } = p;
  if (!end) {
    const y = start.year ?? (newYearLine && start.month === 12 ? year - 1 : year);
    const date = toDate(start, y);
    return date ? { days: [date], written: [{ date, written: start }] } : { days: [], written: [] };
  }
  const crosses = start.month > end.month;
  let startYear: number;
  let endYear: number;
  if (start.year !== null && end.year !== null) [startYear, endYear] = [start.year, end.year];
  else if (start.year !== null) [startYear, endYear] = [start.year, start.year + (crosses ? 1 : 0)];
  else if (end.year !== null) [startYear, endYear] = [end.year - (crosses ? 1 : 0), end.year];
  else [startYear, endYear] = [year - (crosses ? 1 : 0), year];
  const from = toDate(start, startYear);
  const to = toDate(end, endYear);
  if (!from || !to) return { days: [], written: [] };
  const length = toEpochDay(to) - toEpochDay(from) + 1;
  if (length < 1) {
    problems.push(`${describe(p)}的结束日期早于开始日期，请核对。`);
    return { days: [], written: [] };
  }
  if (length > 40) {
    problems.push(`${describe(p)}长达${length}天，不像一个节日的假期，请核对。`);
    return { days: [], written: [] };
  }
  const days = Array.from({ length }, (_, i) => fromEpochDay(toEpochDay(from) + i));
  return {
    days,
    written: [
      { date: from, written: start },
      { date: to, written: end },
    ],
  };
}

const WEEKDAY_ZH = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'];

export function weekdayProblem({ date, written }: Resolved): string | null {
  if (written.weekday === null || written.weekday === weekdayOf(date)) return null;
  return `“${written.raw}”后面写的是${written.weekdayText}，但${formatLocalDateZh(date).replace(/（.*$/, '')}是${WEEKDAY_ZH[weekdayOf(date)]}，请核对日期、星期或年份。`;
}
