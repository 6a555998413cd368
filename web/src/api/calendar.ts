import type {
  CalendarCoverage,
  HolidayArrangementBody,
  HolidayOverview,
  HolidayPreview,
  HolidayYearDetail,
  PreviewHolidaysBody,
  SaveCountyRestDaysBody,
  SaveHolidayYearResult,
} from '../../../core/contracts/calendar';
import { api } from './client';

export type {
  CalendarCoverage,
  HolidayArrangementBody,
  HolidayOverview,
  HolidayPreview,
  HolidayYearDetail,
  SaveHolidayYearResult,
};

export const calendarKeys = {
  overview: ['config', 'holidays'] as const,
  year: (year: number) => ['config', 'holidays', year] as const,
  coverage: ['calendar', 'coverage'] as const,
  health: ['healthz'] as const,
};

export function fetchHolidayOverview(signal?: AbortSignal): Promise<HolidayOverview> {
  return api('GET', '/api/config/holidays', undefined, { signal });
}

export function fetchHolidayYear(year: number, signal?: AbortSignal): Promise<HolidayYearDetail> {
  return api('GET', `/api/config/holidays/${year}`, undefined, { signal });
}

export function previewHolidays(body: PreviewHolidaysBody): Promise<HolidayPreview> {
  return api('POST', '/api/config/holidays/preview', body);
}

export function saveHolidayYear(
  arrangement: HolidayArrangementBody,
  baseVersion: number,
): Promise<SaveHolidayYearResult> {
  return api('PUT', `/api/config/holidays/${arrangement.year}`, { arrangement, baseVersion });
}

export function saveCountyRestDays(body: SaveCountyRestDaysBody): Promise<HolidayOverview> {
  return api('PUT', '/api/config/county-rest-days', body);
}

export function fetchCoverage(signal?: AbortSignal): Promise<CalendarCoverage> {
  return api('GET', '/api/calendar/coverage', undefined, { signal });
}

export interface Health {
  time: string;
  clock: { simulated: boolean };
  calendar: CalendarCoverage | null;
}

/** The server's own time and whether it is a simulated one (ZONGZHI_CLOCK). */
export function fetchHealth(signal?: AbortSignal): Promise<Health> {
  return api('GET', '/healthz', undefined, { signal });
}
