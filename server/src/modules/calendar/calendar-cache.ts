/**
 * The working-day calendar of each county, built from the holiday table and the county's own rest
 * days and kept in memory (a calendar is ~12,000 days of typed arrays). It is rebuilt when its stamp
 * changes: a save in this process forgets it at once; a save in another process is seen within
 * `recheckMs`, and a deadline counted in that window on the old calendar is caught up by the sweep
 * (reconcile.service.ts), so no provisional date outlives the year's arrangement.
 */
import {
  buildWorkCalendar,
  type CountyRestDays,
  type HolidayArrangement,
  noCountyRestDays,
  type WorkCalendar,
} from '../../../../core/domain/time-limits';
import type { Deps } from '../../context';
import type { Executor } from '../../db/client';
import { latestDocument } from '../config/documents.service';
import * as repo from './calendar.repo';

interface Entry {
  stamp: string;
  checkedAt: number;
  calendar: WorkCalendar;
}

export function arrangementOf(row: repo.HolidayYearRow): HolidayArrangement {
  return {
    year: row.year,
    status: row.status,
    restDays: row.restDays,
    workdays: row.workdays,
    source: row.source,
  };
}

export async function countyRestDays(ex: Executor, countyCode: string): Promise<CountyRestDays> {
  const doc = await latestDocument(ex, countyCode, repo.COUNTY_REST_DAYS);
  return (doc?.body as CountyRestDays | undefined) ?? noCountyRestDays;
}

/** Builds a county's calendar straight from the database (no cache): what a save recomputes with. */
export async function loadWorkCalendar(ex: Executor, countyCode: string): Promise<WorkCalendar> {
  // One after another: ex may be a transaction (a calendar save recomputes with it), one connection on
  // which pg would queue the second query behind the first (deprecated, to be refused by pg 9).
  const years = await repo.latestYears(ex);
  const county = await countyRestDays(ex, countyCode);
  return buildWorkCalendar(years.map(arrangementOf), county);
}

export class CalendarCache {
  private entries = new Map<string, Entry>();

  constructor(
    private readonly deps: Deps,
    private readonly recheckMs = 2000,
  ) {}

  async get(countyCode: string, ex: Executor = this.deps.database.db): Promise<WorkCalendar> {
    const now = this.deps.clock.now().getTime();
    const have = this.entries.get(countyCode);
    // A clock moved back by a test or a demo counts as time passing, never as "still fresh".
    if (have && Math.abs(now - have.checkedAt) < this.recheckMs) return have.calendar;
    const stamp = await repo.calendarStamp(ex, countyCode);
    if (have && have.stamp === stamp) {
      have.checkedAt = now;
      return have.calendar;
    }
    const calendar = await loadWorkCalendar(ex, countyCode);
    this.entries.set(countyCode, { stamp, checkedAt: now, calendar });
    return calendar;
  }

  /** After a save in this process: every county's calendar is rebuilt on its next use. */
  invalidate(): void {
    this.entries.clear();
  }
}

const caches = new WeakMap<Deps, CalendarCache>();

function cacheFor(deps: Deps): CalendarCache {
  let c = caches.get(deps);
  if (!c) {
    c = new CalendarCache(deps);
    caches.set(deps, c);
  }
  return c;
}

/** The county's working-day calendar, current as of at most a couple of seconds ago. */
export function workCalendar(deps: Deps, countyCode: string, ex?: Executor): Promise<WorkCalendar> {
  return cacheFor(deps).get(countyCode, ex);
}

export function invalidateCalendars(deps: Deps): void {
  cacheFor(deps).invalidate();
}
