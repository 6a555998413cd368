/**
 * A minimal reader of iCalendar files (RFC 5545) for public-holiday feeds: the all-day VEVENTs with their
 * DTSTART, DTEND or DURATION and SUMMARY, and nothing else. Holiday feeds (including the one the
 * `chinese-days` data ships) mark each event in its SUMMARY, '春节(休)' / '春节(班)', '春节 假期 第1天' /
 * '春节 补班 第1天'; holiday-import.ts decides from that whether it is a rest day or a working day.
 */
import { addCalendarDays, type LocalDate, parseLocalDate, toEpochDay, toLocalDate } from './local-date';

export interface IcsEvent {
  summary: string;
  /** Every calendar day the event covers, in order (DTEND of an all-day event is exclusive). */
  days: LocalDate[];
  /** DTSTART as written, to name the event in a problem. */
  start: string;
}

export interface IcsReading {
  events: IcsEvent[];
  /** Plain-Chinese reasons, each with the event it is about ('SUMMARY DTSTART'). */
  problems: { level: 'error' | 'warning'; line: string; message: string }[];
}

interface Property {
  params: ReadonlyMap<string, string>;
  value: string;
}

/** RFC 5545 §3.1: a line break followed by one space or tab continues the previous line. */
export function unfoldIcsLines(text: string): string[] {
  return text
    .replace(/^\uFEFF/, '')
    .replace(/\r\n[ \t]|\n[ \t]|\r[ \t]/g, '')
    .split(/\r\n|\n|\r/);
}

/** Splits at `separator` outside double quotes (parameter values may quote ':' and ';'). */
function splitOutsideQuotes(text: string, separator: string, limit = Number.POSITIVE_INFINITY): string[] {
  const parts: string[] = [];
  let quoted = false;
  let from = 0;
  for (let i = 0; i < text.length && parts.length < limit - 1; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (c === separator && !quoted) {
      parts.push(text.slice(from, i));
      from = i + 1;
    }
  }
  parts.push(text.slice(from));
  return parts;
}

function parseContentLine(line: string): { name: string; property: Property } | null {
  const [head, value] = splitOutsideQuotes(line, ':', 2);
  if (value === undefined || head === undefined || head === '') return null;
  const [name, ...rawParams] = splitOutsideQuotes(head, ';');
  const params = new Map<string, string>();
  for (const raw of rawParams) {
    const eq = raw.indexOf('=');
    if (eq > 0) params.set(raw.slice(0, eq).toUpperCase(), raw.slice(eq + 1).replace(/^"(.*)"$/, '$1'));
  }
  return { name: name!.toUpperCase(), property: { params, value } };
}

/** TEXT values escape '\\', ';', ',' and newlines (RFC 5545 §3.3.11). */
function unescapeText(value: string): string {
  return value.replace(/\\([\\;,nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}

interface DateValue {
  date: LocalDate;
  /** A DATE value, or a DATE-TIME at 00:00:00 (then, as an end, that day is not covered). */
  startOfDay: boolean;
}

/**
 * A DATE ('20260101') or DATE-TIME value. A UTC time ('…Z') is turned into its Beijing date; a time with a
 * TZID or none (floating) is taken as written, since the feeds are for China.
 */
function readDateValue(value: string): DateValue | null {
  const m = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z)?)?$/.exec(value.trim());
  if (!m) return null;
  const [, y, mo, d, hh, mm, ss, utc] = m;
  try {
    if (utc) {
      const instant = new Date(
        Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(hh), Number(mm), Number(ss)),
      );
      const date = toLocalDate(instant);
      const midnight = (instant.getTime() + 8 * 3_600_000) % 86_400_000 === 0;
      return { date, startOfDay: midnight };
    }
    const date = parseLocalDate(`${y}-${mo}-${d}`);
    return { date, startOfDay: hh === undefined || `${hh}${mm}${ss}` === '000000' };
  } catch {
    return null;
  }
}

/** Whole days of a DURATION ('P1D', 'P2W'); null for anything else. */
function durationDays(value: string): number | null {
  const m = /^\+?P(?:(\d+)W|(\d+)D)$/.exec(value.trim());
  if (!m) return null;
  return m[1] !== undefined ? Number(m[1]) * 7 : Number(m[2]);
}

/** Longer than any holiday: a mistake in the file, not a festival. */
const MAX_EVENT_DAYS = 60;

export function readIcsEvents(text: string): IcsReading {
  const reading: IcsReading = { events: [], problems: [] };
  const lines = unfoldIcsLines(text);
  if (!lines.some((line) => line.trim().toUpperCase() === 'BEGIN:VCALENDAR')) {
    reading.problems.push({
      level: 'error',
      line: '',
      message: '这不是日历文件（.ics）：没有找到 BEGIN:VCALENDAR。',
    });
    return reading;
  }
  // Components nest (a VALARM inside a VEVENT has its own properties): only the event's own are read.
  const stack: string[] = [];
  let event: Map<string, Property> | null = null;
  for (const line of lines) {
    if (line.trim() === '') continue;
    const parsed = parseContentLine(line);
    if (!parsed) continue;
    const { name, property } = parsed;
    if (name === 'BEGIN') {
      stack.push(property.value.trim().toUpperCase());
      if (stack.at(-1) === 'VEVENT') event = new Map();
    } else if (name === 'END') {
      const ended = stack.pop();
      if (ended === 'VEVENT' && event) {
        finishEvent(event, reading);
        event = null;
      }
    } else if (event && stack.at(-1) === 'VEVENT' && !event.has(name)) {
      event.set(name, property);
    }
  }
  return reading;
}

function finishEvent(props: Map<string, Property>, reading: IcsReading): void {
  const summary = unescapeText(props.get('SUMMARY')?.value ?? '').trim();
  const startText = props.get('DTSTART')?.value.trim() ?? '';
  const where = `${summary || '（无标题）'} ${startText}`.trim();
  const fail = (message: string) => reading.problems.push({ level: 'error', line: where, message });
  if (props.get('STATUS')?.value.trim().toUpperCase() === 'CANCELLED') return;
  const start = readDateValue(startText);
  if (!start) {
    fail(
      startText === '' ? '这个日历事件没有开始日期，没有读取。' : `开始日期“${startText}”读不懂，没有读取。`,
    );
    return;
  }
  const endText = props.get('DTEND')?.value;
  const durationText = props.get('DURATION')?.value;
  let days: number;
  if (endText !== undefined) {
    const end = readDateValue(endText);
    if (!end) {
      fail(`结束日期“${endText.trim()}”读不懂，没有读取。`);
      return;
    }
    // DTEND is exclusive: an all-day event on 1 January ends on 2 January.
    days = toEpochDay(end.date) - toEpochDay(start.date) + (end.startOfDay ? 0 : 1);
    if (days < 1) {
      fail('结束日期不晚于开始日期，没有读取。');
      return;
    }
  } else if (durationText !== undefined) {
    const n = durationDays(durationText);
    if (n === null || n < 1) {
      fail(`持续时间“${durationText.trim()}”读不懂（应按整天写，如 P1D），没有读取。`);
      return;
    }
    days = n;
  } else {
    days = 1; // RFC 5545 §3.6.1: an all-day event without an end lasts one day.
  }
  if (days > MAX_EVENT_DAYS) {
    fail(`这个事件长达${days}天，不像节假日，没有读取，请核对。`);
    return;
  }
  if (props.has('RRULE') || props.has('RDATE')) {
    reading.problems.push({ level: 'warning', line: where, message: '这个事件按规则重复，只读取了第一次。' });
  }
  reading.events.push({
    summary,
    start: startText,
    days: Array.from({ length: days }, (_, i) => addCalendarDays(start.date, i)),
  });
}
