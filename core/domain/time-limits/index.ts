/** Time limits: working-day calendar, deadline computation, statutory rules, local policies, warnings. */
export {
  type CalendarCoverage,
  CalendarCoverageError,
  chineseDaysCalendar,
  chineseDaysHolidayData,
  coveredYearsOf,
  type HolidayData,
  PROVISIONAL_HORIZON_YEARS,
  WorkCalendar,
} from './calendar';
export { type CalendarCoverageView, calendarCoverage } from './coverage';
export {
  assertValidRule,
  type ComputeOptions,
  computeDue,
  type DeadlineRule,
  type DeadlineUnit,
  type DueResult,
  type Extension,
  type Pause,
  type StartRule,
  sameDay,
  sameDayRule,
} from './deadline';
export { provisionalNote, provisionalNoteOf, UNIT_ZH } from './explain-due';
export { ExtensionRefusedError, extend } from './extension';
export {
  type ArrangementStatus,
  arrangementsFromPackage,
  buildWorkCalendar,
  type CountyRestDays,
  type HolidayArrangement,
  type HolidayDay,
  type HolidaySource,
  noCountyRestDays,
} from './holiday-arrangement';
export {
  checkYearArrangement,
  type HolidayProblem,
  USUAL_FESTIVALS,
  type UsualFestival,
  type YearArrangement,
} from './holiday-checks';
export { type ImportedHolidays, importHolidayIcs, importHolidayJson } from './holiday-import';
export { type NoticeFestival, type ParsedHolidayNotice, parseHolidayNotice } from './holiday-notice';
export {
  addCalendarDays,
  addMonths,
  atLocalTime,
  CST_OFFSET_MS,
  endOfLocalDay,
  formatDayZh,
  formatInstantZh,
  formatLocalDateZh,
  type LocalDate,
  localBusinessClose,
  parseLocalDate,
  startOfLocalDay,
  toLocalDate,
  type Weekday,
  weekdayOf,
} from './local-date';
export {
  defaultLocalPolicies,
  type LocalPolicies,
  type LocalPolicy,
  type PolicyConfidence,
  resolveLocalPolicies,
} from './local-policies';
export { residentCitation } from './resident-citation';
export * from './statutory-rules';
export { type DeadlineStatus, remaining, status, warningAt } from './warning';
