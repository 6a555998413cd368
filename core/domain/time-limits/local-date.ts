/**
 * Calendar dates in China Standard Time (北京时间, UTC+8).
 *
 * Time limits are counted in local calendar days, but the database and the clock hand us instants.
 * Converting with the machine's time zone (`getDate()`, `setHours()`) would give a different day on a
 * server set to UTC or in a browser abroad, so every conversion here adds the fixed +08:00 offset and
 * reads UTC fields. China has observed no daylight-saving time since 1991, so the offset is constant
 * for every date this product handles.
 *
 * Internally a date is an "epoch day": whole days since 1970-01-01, which makes day arithmetic plain
 * integer arithmetic.
 */

/** A calendar date in China Standard Time, 'YYYY-MM-DD'. Build it with `parseLocalDate` or `toLocalDate`. */
export type LocalDate = `${number}-${number}-${number}`;

/** 0 = Sunday … 6 = Saturday, as `Date#getDay`. */
export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;

export const MS_PER_DAY = 86_400_000;
export const MS_PER_HOUR = 3_600_000;
/** China Standard Time is UTC+8 all year. */
export const CST_OFFSET_MS = 8 * MS_PER_HOUR;

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const LOCAL_TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;
const WEEKDAY_ZH = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'] as const;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

// Howard Hinnant's days_from_civil / civil_from_days: exact integer conversions for the proleptic
// Gregorian calendar, with no Date object and no time zone involved.
function epochDayOfCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

function civilOfEpochDay(epochDay: number): { year: number; month: number; day: number } {
  const z = epochDay + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/** Checks the shape and that the date exists (no 2026-02-30). */
export function parseLocalDate(text: string): LocalDate {
  const m = LOCAL_DATE.exec(text);
  if (m) {
    const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month)) return text as LocalDate;
  }
  throw new RangeError(`not a calendar date (YYYY-MM-DD): ${JSON.stringify(text)}`);
}

export function toEpochDay(date: LocalDate): number {
  const m = LOCAL_DATE.exec(date);
  if (!m) throw new RangeError(`not a calendar date (YYYY-MM-DD): ${JSON.stringify(date)}`);
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw new RangeError(`not a calendar date: ${date}`);
  }
  return epochDayOfCivil(year, month, day);
}

export function fromEpochDay(epochDay: number): LocalDate {
  const { year, month, day } = civilOfEpochDay(epochDay);
  return `${year}-${pad2(month)}-${pad2(day)}` as LocalDate;
}

export function yearOfEpochDay(epochDay: number): number {
  return civilOfEpochDay(epochDay).year;
}

export function weekdayOfEpochDay(epochDay: number): Weekday {
  // 1970-01-01 was a Thursday.
  return ((((epochDay + 4) % 7) + 7) % 7) as Weekday;
}

function instantMs(at: Date): number {
  const ms = at.getTime();
  if (Number.isNaN(ms)) throw new RangeError('invalid Date');
  return ms;
}

/** The epoch day of the local (UTC+8) calendar date on which the instant falls. */
export function epochDayOfInstant(at: Date): number {
  return Math.floor((instantMs(at) + CST_OFFSET_MS) / MS_PER_DAY);
}

/** The local (UTC+8) calendar date on which the instant falls, whatever the machine's time zone. */
export function toLocalDate(at: Date): LocalDate {
  return fromEpochDay(epochDayOfInstant(at));
}

/** 00:00:00.000 +08:00 on the date. */
export function startOfLocalDay(date: LocalDate): Date {
  return new Date(toEpochDay(date) * MS_PER_DAY - CST_OFFSET_MS);
}

/**
 * 23:59:59.999 +08:00 on the date: the instant that stands for "24:00 of the last day" (民法典 art. 203(2):
 * a period ends at 24:00 of its last day). Stored as the last millisecond so that `now > dueAt` means late
 * and the date part of dueAt is still the last day.
 */
export function endOfLocalDay(date: LocalDate): Date {
  return new Date((toEpochDay(date) + 1) * MS_PER_DAY - CST_OFFSET_MS - 1);
}

/**
 * A wall-clock time ('HH:mm', Beijing time) on the date, e.g. the office's business close: 民法典 art. 203(2)
 * ends a period at the close of business where there are business hours.
 */
export function atLocalTime(date: LocalDate, time: string): Date {
  const m = LOCAL_TIME.exec(time);
  if (!m) throw new RangeError(`not a time of day (HH:mm): ${JSON.stringify(time)}`);
  const minutes = Number(m[1]) * 60 + Number(m[2]);
  return new Date(toEpochDay(date) * MS_PER_DAY - CST_OFFSET_MS + minutes * 60_000);
}

/** Alias of `atLocalTime` that names the legal purpose. */
export const localBusinessClose = atLocalTime;

export function addCalendarDays(date: LocalDate, days: number): LocalDate {
  if (!Number.isInteger(days)) throw new RangeError(`days must be an integer: ${days}`);
  return fromEpochDay(toEpochDay(date) + days);
}

/**
 * The date `months` months later on the same day of the month; if the final month has no such day, its
 * last day (民法典 art. 202: 到期月的对应日为期间的最后一日；没有对应日的，月末日为期间的最后一日).
 */
export function addMonths(date: LocalDate, months: number): LocalDate {
  if (!Number.isInteger(months)) throw new RangeError(`months must be an integer: ${months}`);
  const { year, month, day } = civilOfEpochDay(toEpochDay(date));
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const mo = index - y * 12 + 1;
  return `${y}-${pad2(mo)}-${pad2(Math.min(day, daysInMonth(y, mo)))}` as LocalDate;
}

export function weekdayOf(date: LocalDate): Weekday {
  return weekdayOfEpochDay(toEpochDay(date));
}

/** '2025年10月13日（星期一）', for explanations shown to staff and petitioners. */
export function formatLocalDateZh(date: LocalDate): string {
  const { year, month, day } = civilOfEpochDay(toEpochDay(date));
  return `${year}年${month}月${day}日（${WEEKDAY_ZH[weekdayOf(date)]}）`;
}

/** '2026年3月2日', the Beijing calendar day of an instant, as documents and SMS print it. */
export function formatDayZh(at: Date): string {
  const { year, month, day } = civilOfEpochDay(Math.floor((instantMs(at) + CST_OFFSET_MS) / MS_PER_DAY));
  return `${year}年${month}月${day}日`;
}

/** '2026年3月2日 15:00' in Beijing time. */
export function formatInstantZh(at: Date): string {
  const ms = instantMs(at) + CST_OFFSET_MS;
  const { year, month, day } = civilOfEpochDay(Math.floor(ms / MS_PER_DAY));
  const minuteOfDay = Math.floor((((ms % MS_PER_DAY) + MS_PER_DAY) % MS_PER_DAY) / 60_000);
  return `${year}年${month}月${day}日 ${pad2(Math.floor(minuteOfDay / 60))}:${pad2(minuteOfDay % 60)}`;
}
