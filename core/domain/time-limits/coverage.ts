/**
 * How far the official holiday arrangements reach from today, and what the administrator must be told
 * (docs/LEGAL.md §8.5): the State Council publishes next year's arrangement in the autumn, so from a
 * configurable day (1 November by default) a missing next year is announced on the console, the
 * dashboard and /healthz; a missing current year is announced always.
 */
import type { LocalDate } from './local-date';

export interface CalendarCoverageView {
  coveredTo: number | null;
  provisionalFrom: number;
  warning: string | null;
}

/** `warnFrom` is 'MM-DD', the day from which a missing next year is announced. */
export function calendarCoverage(
  officialYears: readonly number[],
  today: LocalDate,
  warnFrom = '11-01',
): CalendarCoverageView {
  const have = new Set(officialYears);
  const thisYear = Number(today.slice(0, 4));
  let provisionalFrom = thisYear;
  while (have.has(provisionalFrom)) provisionalFrom++;
  const coveredTo = provisionalFrom > thisYear ? provisionalFrom - 1 : null;
  let warning: string | null = null;
  if (provisionalFrom === thisYear) {
    warning = `${thisYear} 年节假日安排尚未载入：今年的期限都暂按周末推算（暂定）。请尽快在“节假日安排”页载入国务院办公厅的通知。`;
  } else if (provisionalFrom === thisYear + 1 && today.slice(5) >= warnFrom) {
    warning = `${provisionalFrom} 年节假日安排尚未载入：跨入 ${provisionalFrom} 年的期限暂按周末推算（暂定），载入后自动重算。国务院办公厅的通知公布后，请在“节假日安排”页载入。`;
  }
  return { coveredTo, provisionalFrom, warning };
}
