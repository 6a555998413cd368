/**
 * Counting with clock-stops: the n-th counted day (or millisecond) after a point, where paused stretches are
 * not counted (信访工作条例 art. 36(2): hearing time is not counted; 在线调解规则 art. 26: appraisal time is
 * not counted). Pauses are merged first, so overlapping records of the same stop count once.
 */
import type { WorkCalendar } from './calendar';
import type { Pause } from './deadline';
import { fromEpochDay, toEpochDay } from './local-date';

/** Merged, sorted [from, to] ranges; an unfinished pause ends at `asOf`. */
export function pauseRanges(
  pauses: readonly Pause[] | undefined,
  asOf: Date | undefined,
  toPoint: (at: Date) => number,
): { ranges: [number, number][]; openFrom: number | null } {
  const ranges: [number, number][] = [];
  let openFrom: number | null = null;
  for (const p of pauses ?? []) {
    const end = p.to ?? asOf;
    if (!end) throw new RangeError('an unfinished pause needs opts.asOf');
    if (p.to !== null && p.to.getTime() < p.from.getTime())
      throw new RangeError('a pause ends before it starts');
    const a = toPoint(p.from);
    if (p.to === null) openFrom = openFrom === null ? a : Math.min(openFrom, a);
    const b = toPoint(end);
    if (b >= a) ranges.push([a, b]);
  }
  ranges.sort((x, y) => x[0] - y[0]);
  const merged: [number, number][] = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1] + 1) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return { ranges: merged, openFrom };
}

export function needCalendar(cal: WorkCalendar | null): WorkCalendar {
  if (!cal) throw new Error('this rule needs a WorkCalendar');
  return cal;
}

/**
 * The `amount`-th counted day after `cursor`, where paused days are not counted and, for working days,
 * neither are rest days. Returns the day and how many countable days the pauses removed.
 */
export function walkDays(
  cursor: number,
  amount: number,
  working: boolean,
  paused: readonly [number, number][],
  cal: WorkCalendar | null,
): { last: number; excluded: number } {
  if (amount === 0) return { last: cursor, excluded: 0 };
  const count = working
    ? (lo: number, hi: number) => needCalendar(cal).workdaysBetween(fromEpochDay(lo - 1), fromEpochDay(hi))
    : (lo: number, hi: number) => hi - lo + 1;
  let remaining = amount;
  let excluded = 0;
  for (const [a, b] of paused) {
    if (b <= cursor) continue;
    const lo = cursor + 1;
    const available = a - 1 >= lo ? count(lo, a - 1) : 0;
    if (available >= remaining) break;
    remaining -= available;
    excluded += count(Math.max(a, lo), b);
    cursor = b;
  }
  const last = working
    ? toEpochDay(needCalendar(cal).addWorkdays(fromEpochDay(cursor), remaining))
    : cursor + remaining;
  return { last, excluded };
}

/** `amount` ms of running clock from `start`, skipping the paused ranges (instants, ms). */
export function walkMilliseconds(
  start: number,
  amount: number,
  paused: readonly [number, number][],
): { due: number; excludedMs: number } {
  let cursor = start;
  let remaining = amount;
  let excludedMs = 0;
  for (const [a, b] of paused) {
    if (b <= cursor) continue;
    const available = Math.max(0, a - cursor);
    if (available >= remaining) break;
    remaining -= available;
    excludedMs += b - Math.max(a, cursor);
    cursor = b;
  }
  return { due: cursor + remaining, excludedMs };
}
