/**
 * Dates as residents read them on paper notices: 2026年3月17日, in Beijing time. China has kept UTC+8
 * without daylight saving since 1991, so a fixed offset is exact for every date the platform handles and
 * keeps core free of time-zone databases (Intl time zones differ between browsers and Node builds).
 */
const CST_OFFSET_MS = 8 * 3_600_000;

/** The Beijing-time calendar day of an instant. */
export function beijingDay(instant: Date): { year: number; month: number; day: number } {
  const ms = instant.getTime();
  if (Number.isNaN(ms)) throw new RangeError('invalid date');
  const shifted = new Date(ms + CST_OFFSET_MS);
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() };
}

/** 2026年3月17日 (no leading zeros, as on official documents). */
export function formatChineseDate(instant: Date): string {
  const { year, month, day } = beijingDay(instant);
  return `${year}年${month}月${day}日`;
}
