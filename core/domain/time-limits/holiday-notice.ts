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
} from './holiday-checks';
import { type Pending, readBody, resolve, weekdayProblem } from './holiday-notice-line';
import { formatLocalDateZh, type LocalDate } from './local-date';

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
          // The 元旦 that starts in December: that day is the previous year's (holiday-checks.ts).
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
