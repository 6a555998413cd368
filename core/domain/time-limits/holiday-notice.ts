/**
 * Reading the State Council's annual notice 《国务院办公厅关于N年部分节假日安排的通知》 as the business
 * administrator pastes it: the preamble, the numbered festival lines, the closing paragraphs and the
 * signature, copied from a web page or a PDF (full-width or half-width digits and punctuation, lines
 * wrapped anywhere). The result says what was understood and, line by line, what was not; bad text never
 * throws, because the page has to show the administrator what to correct.
 *
 * A festival line reads "节日：<dates>放假[调休]，共N天。<dates>上班。"; each clause (between commas and
 * full stops) gives its dates to the keyword in it, 放假 (rest) or 上班 (work). Dates in a clause with
 * neither (e.g. "鼓励……安排职工在除夕（2月9日）休息", which is not a rest day) are not counted, and the
 * administrator is told so.
 */
import {
  type HolidayDay,
  type HolidayProblem,
  isPlausibleYear,
  isWeekend,
  missingFestivalProblems,
  problemText,
  sortedUniqueDays,
  usualFestivalsIn,
  yearOf,
} from './holiday-arrangement';
import {
  formatLocalDateZh,
  fromEpochDay,
  type LocalDate,
  parseLocalDate,
  toEpochDay,
  weekdayOf,
} from './local-date';

export interface NoticeFestival {
  /** As written: '春节', '国庆节、中秋节'. */
  name: string;
  /** Every rest day the line gives, including one that falls in the previous year. */
  restDays: LocalDate[];
  workdays: LocalDate[];
  /** "共N天" or "放假N天" when the line says it. */
  declaredDays: number | null;
  /** The line as pasted. */
  line: string;
}

export interface ParsedHolidayNotice {
  /** null when neither the caller nor the text gives the year: then nothing else is read. */
  year: number | null;
  festivals: NoticeFestival[];
  /** The year's rest days, sorted, one a date. Days of another year are left out (see problems). */
  restDays: HolidayDay[];
  /** The year's make-up working days (调休上班日), named like '春节调休上班'. */
  workdays: HolidayDay[];
  problems: HolidayProblem[];
  source: { title: string | null; number: string | null };
}

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
// Splitting the pasted text into festival lines.

// An item number at the start of a piece: '一、', '十二、', '1、', '１．', '（一）'.
const ITEM_NUMBER =
  /^\s*(?:[一二三四五六七八九十]{1,3}\s*、|[0-9０-９]{1,2}\s*[、.．](?![0-9０-９])|[(（][一二三四五六七八九十]{1,3}[)）])\s*/;
// Where a one-line paste is cut: before '二、' that follows a full stop or a colon ('如下：一、元旦：').
const INLINE_ITEM = /(?<=[。：:])\s*(?=[一二三四五六七八九十]{1,3}、)/;
const FESTIVAL_NAME = /(?:元旦|春节|清明节?|劳动节|五一|端午节?|中秋节?|国庆节?)/;
// A line without a number that still is a festival line: '春节：2月15日…' or '国庆节、中秋节：…'.
const UNNUMBERED_ITEM = new RegExp(
  `^\\s*${FESTIVAL_NAME.source}(?:\\s*[、和与及]\\s*${FESTIVAL_NAME.source})*\\s*[:：]`,
);

interface Item {
  /** The original text, pieces joined. */
  text: string;
  numbered: boolean;
}

const endsSentence = (text: string) => /[。.．;；]\s*$/.test(text);

/**
 * Items are the festival lines; other text (title, preamble, closing, signature) is left aside. A piece
 * that does not start an item continues the open one when that one has not ended its sentence: a PDF
 * copy breaks lines anywhere, even right before '七、周一）' inside "（农历正月初\n七、周一）".
 */
function splitItems(text: string): Item[] {
  const pieces = text
    .split(/\r\n|\r|\n|\u2028|\u2029/)
    .flatMap((line) => line.split(INLINE_ITEM))
    .map((piece) => piece.trim())
    .filter((piece) => piece !== '');
  const items: Item[] = [];
  let open: Item | null = null;
  for (const piece of pieces) {
    const numbered = ITEM_NUMBER.test(piece);
    const startsItem =
      numbered && (hasNameColon(piece.replace(ITEM_NUMBER, '')) || !open || endsSentence(open.text));
    if (startsItem || UNNUMBERED_ITEM.test(piece)) {
      open = { text: piece, numbered };
      items.push(open);
    } else if (open && (!endsSentence(open.text) || arrangesDays(piece))) {
      open.text += piece;
    } else {
      open = null;
    }
  }
  return items;
}

/**
 * A sentence that gives days to rest or work: after a festival line, it belongs to that line even when the
 * line ended its sentence (a PDF copy may break right after "共9天。", before "2月14日（周六）……上班。").
 */
function arrangesDays(piece: string): boolean {
  return /[0-9０-９]\s*[日号]/.test(piece) && /放假|休假|上班|补班/.test(piece);
}

/** "名称：" near the start, the name short and not a sentence. */
function hasNameColon(text: string): boolean {
  return /^[^:：，,。]{1,40}[:：]/.test(text);
}

// ---------------------------------------------------------------------------------------------------
// Reading one festival line.

interface WrittenDate {
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

type Pending = { start: WrittenDate; end: WrittenDate | null };

interface LineReading {
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
function readBody(body: string): LineReading {
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

interface Resolved {
  date: LocalDate;
  written: WrittenDate;
}

/**
 * The calendar dates of a written date or range in the notice for `year`. A range that runs from December
 * into January starts in the previous year ("12月30日至1月1日"); a December date on the 元旦 line is the
 * previous year's (the make-up Saturday before a New Year that starts on a weekday).
 */
function resolve(
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

function weekdayProblem({ date, written }: Resolved): string | null {
  if (written.weekday === null || written.weekday === weekdayOf(date)) return null;
  return `“${written.raw}”后面写的是${written.weekdayText}，但${formatLocalDateZh(date).replace(/（.*$/, '')}是${WEEKDAY_ZH[weekdayOf(date)]}，请核对日期、星期或年份。`;
}

// ---------------------------------------------------------------------------------------------------
// The notice as a whole.

const TITLE = /([(（]\s*样例\s*[)）])?\s*国务院办公厅\s*关于\s*(\d{4})\s*年\s*部分节假日安排的通知/;
const DOC_NUMBER = /国办发(明电)?\s*[〔[(【［]\s*(\d{4})\s*[〕\])】］]\s*(\d{1,4})\s*号/;
const PREAMBLE_YEAR = /现将\s*(\d{4})\s*年/;

function readSource(text: string): { title: string | null; number: string | null; year: number | null } {
  const title = TITLE.exec(text);
  const number = DOC_NUMBER.exec(text);
  const preamble = PREAMBLE_YEAR.exec(text);
  return {
    title: title ? `${title[1] ? '（样例）' : ''}国务院办公厅关于${title[2]}年部分节假日安排的通知` : null,
    number: number ? `国办发${number[1] ?? ''}〔${number[2]}〕${number[3]}号` : null,
    year: title ? Number(title[2]) : preamble ? Number(preamble[1]) : null,
  };
}

/**
 * Reads the notice. `opts.year`, when given, wins over the year in the text (a warning says when they
 * differ); with neither, nothing is read and the one problem says to choose the year.
 */
export function parseHolidayNotice(text: string, opts: { year?: number } = {}): ParsedHolidayNotice {
  if (typeof text !== 'string') throw new TypeError('parseHolidayNotice: text must be a string');
  if (opts.year !== undefined && !isPlausibleYear(opts.year)) {
    throw new RangeError(`parseHolidayNotice: not a year: ${String(opts.year)}`);
  }
  // NFKC turns full-width digits, letters and punctuation into half-width ('１月１日（周四）' → '1月1日(周四)');
  // it leaves 、。〔〕 alone. Only the reading is normalised: lines are reported as pasted.
  const normal = (s: string) => s.normalize('NFKC');
  const source = readSource(normal(text));
  const problems: HolidayProblem[] = [];
  const year = opts.year ?? source.year;
  const result: ParsedHolidayNotice = {
    year,
    festivals: [],
    restDays: [],
    workdays: [],
    problems,
    source: { title: source.title, number: source.number },
  };
  if (year === null) {
    problems.push({
      level: 'error',
      line: '',
      message: '没有找到年份：通知的标题或开头通常写有“2026年”这样的年份。请选定年份后再读取。',
    });
    return result;
  }
  if (source.year !== null && source.year !== year) {
    problems.push({
      level: 'warning',
      line: source.title ?? '',
      message: `通知里写的是${source.year}年，现按选定的${year}年读取，请核对年份。`,
    });
  }

  const restLine = new Map<LocalDate, string>();
  const workLine = new Map<LocalDate, string>();
  const rest: HolidayDay[] = [];
  const work: HolidayDay[] = [];
  for (const item of splitItems(text)) {
    const line = item.text;
    const body = normal(line).replace(ITEM_NUMBER, '');
    const head =
      /^([^:，,。]{1,40}):/.exec(body) ??
      new RegExp(`^(${FESTIVAL_NAME.source}(?:[、和与及]${FESTIVAL_NAME.source})*)\\s*(?=\\d)`).exec(body);
    const fail = (message: string) => problems.push({ level: 'error', line, message });
    if (!head) {
      fail('没能读懂这一条：找不到“节日名：日期”的写法（例如“一、元旦：1月1日至3日放假调休，共3天。”）。');
      continue;
    }
    const name = head[1]!.trim();
    const reading = readBody(body.slice(head[0].length));
    const lineProblems = [...reading.problems];
    const newYearLine = usualFestivalsIn(name).includes('元旦');
    const resolveAll = (list: Pending[]) => {
      const days: LocalDate[] = [];
      for (const p of list) {
        const r = resolve(p, year, newYearLine, lineProblems);
        days.push(...r.days);
        for (const w of r.written) {
          const wrong = weekdayProblem(w);
          if (wrong) lineProblems.push(wrong);
        }
      }
      return [...new Set(days)].sort();
    };
    const festival: NoticeFestival = {
      name,
      restDays: resolveAll(reading.rest),
      workdays: resolveAll(reading.work),
      declaredDays: reading.declaredDays,
      line,
    };
    result.festivals.push(festival);
    for (const message of lineProblems) fail(message);
    for (const message of reading.warnings) problems.push({ level: 'warning', line, message });
    if (festival.restDays.length === 0) fail('这一条没有读到放假日期。');
    if (
      festival.declaredDays !== null &&
      festival.restDays.length > 0 &&
      festival.declaredDays !== festival.restDays.length
    ) {
      fail(`写的是共${festival.declaredDays}天，但列出的放假日期是${festival.restDays.length}天，请核对。`);
    }
    for (const date of festival.workdays) {
      if (!isWeekend(date))
        problems.push({ level: 'error', line, date, message: problemText.workdayNotWeekend(date) });
    }
    const keep = (dates: LocalDate[], into: HolidayDay[], lines: Map<LocalDate, string>, dayName: string) => {
      for (const date of dates) {
        if (yearOf(date) !== year) {
          // The 元旦 that starts in December: that day is the previous year's (holiday-arrangement.ts).
          problems.push({ level: 'warning', line, date, message: problemText.otherYear(date, year) });
          continue;
        }
        if (lines.has(date) && lines.get(date) !== line) {
          problems.push({
            level: 'warning',
            line,
            date,
            message: `${formatLocalDateZh(date)}在两个节日里都出现了，请核对。`,
          });
        }
        into.push({ date, name: dayName });
        if (!lines.has(date)) lines.set(date, line);
      }
    };
    keep(festival.restDays, rest, restLine, name);
    keep(festival.workdays, work, workLine, `${name}调休上班`);
  }

  result.restDays = sortedUniqueDays(rest);
  result.workdays = sortedUniqueDays(work);
  for (const { date } of result.workdays) {
    if (restLine.has(date)) {
      problems.push({
        level: 'error',
        line: workLine.get(date)!,
        date,
        message: problemText.restAndWork(date),
      });
    }
  }
  if (result.festivals.length === 0) {
    problems.push({
      level: 'error',
      line: '',
      message: '没有读到任何节日的放假安排。请粘贴通知正文中“一、元旦：……”这样的各条。',
    });
  } else {
    problems.push(...missingFestivalProblems(result.festivals.map((f) => f.name)));
  }
  return result;
}
