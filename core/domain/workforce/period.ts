/**
 * An assessment period: a month ('2026-11') or a quarter ('2026-Q4'), in China Standard Time, as
 * UTC instants [from, to). Its length in weeks and months scales the duty standard.
 */
export interface Period {
  key: string;
  kind: 'month' | 'quarter';
  from: Date;
  to: Date;
  /** Calendar months covered: 1 or 3. */
  months: number;
  /** Days / 7, unrounded: a 30-day month owes 30/7 weeks of patrols. */
  weeks: number;
}

const CST_OFFSET_MS = 8 * 3_600_000;
export const periodPattern = /^(\d{4})-(0[1-9]|1[0-2]|Q[1-4])$/;

function cstMidnight(year: number, monthIndex: number): Date {
  return new Date(Date.UTC(year, monthIndex, 1) - CST_OFFSET_MS);
}

export function parsePeriod(key: string): Period | null {
  const m = periodPattern.exec(key);
  if (!m) return null;
  const year = Number(m[1]);
  const quarter = m[2]!.startsWith('Q');
  const first = quarter ? (Number(m[2]!.slice(1)) - 1) * 3 : Number(m[2]) - 1;
  const months = quarter ? 3 : 1;
  const from = cstMidnight(year, first);
  const to = cstMidnight(year, first + months);
  return {
    key,
    kind: quarter ? 'quarter' : 'month',
    from,
    to,
    months,
    weeks: (to.getTime() - from.getTime()) / (7 * 86_400_000),
  };
}

/** The month before the one `now` falls in (CST): the period a town usually assesses. */
export function previousMonth(now: Date): string {
  const local = new Date(now.getTime() + CST_OFFSET_MS);
  const d = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth() - 1, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}
