/**
 * A time limit is data (`DeadlineRule`); `computeDue` turns it and the instant of the triggering event
 * into the instant it expires. How days are counted (docs/LEGAL.md §0):
 * - the start day is not counted, counting starts the next day (民法典 art. 201; 民事诉讼法 art. 85);
 * - a calendar-day or month period ending on a rest day ends on the next working day instead
 *   (民法典 art. 203; 民事诉讼法 art. 85) when the rule says so: high confidence for civil and court
 *   periods, medium for 信访 periods, where it is applied by analogy (the 条例 is silent), hence a flag;
 * - "N 个工作日" counts working days from the next day, skipping holidays and counting make-up days;
 * - months end on the matching day of the final month, or its last day if it has none (民法典 art. 202);
 * - a period ends at 24:00 of its last day (民法典 art. 203(2)), stored as 23:59:59.999 +08:00;
 * - hour periods start at the moment itself and end at the exact instant (民法典 art. 201(2)).
 * Statutory clock-stops (复核 hearings, 信访工作条例 art. 36(2); pre-filing appraisal, 在线调解规则 art. 26)
 * are pauses: paused days are not counted (counting.ts). Extensions add to the amount (extension.ts).
 */
import type { WorkCalendar } from './calendar';
import { needCalendar, pauseRanges, walkDays, walkMilliseconds } from './counting';
import { type DueExplanationInput, explainDue } from './explain-due';
import {
  addMonths,
  atLocalTime,
  endOfLocalDay,
  epochDayOfInstant,
  fromEpochDay,
  type LocalDate,
  MS_PER_DAY,
  MS_PER_HOUR,
  startOfLocalDay,
  toEpochDay,
  toLocalDate,
} from './local-date';

export type DeadlineUnit = 'calendar_day' | 'working_day' | 'hour' | 'month';
/**
 * next_day: the trigger day is not counted (the legal default). same_day: the trigger day is day 1 (当日办结,
 * local rules that count inclusively). immediate: the clock starts at the trigger instant (hour periods;
 * for day units it counts like same_day).
 */
export type StartRule = 'next_day' | 'same_day' | 'immediate';

export interface DeadlineRule {
  /** Short code of the legal basis, e.g. 'XF-34' (docs/LEGAL.md, abbreviations). */
  basis: string;
  /** Chinese name of the limit, e.g. '信访事项办理期限'. */
  label: string;
  amount: number;
  unit: DeadlineUnit;
  startRule: StartRule;
  rollOverIfRestDay: boolean;
  /** The article, e.g. '信访工作条例第三十四条'. */
  citation: string;
  /** The triggering event as the article words it, e.g. '受理之日'; used in explanations. */
  startEvent?: string;
  /** The part of `amount` granted by `extend`, so that a second extension counts against the same maximum. */
  extendedBy?: number;
}

export interface Pause {
  from: Date;
  /** null: the pause has not ended; it is counted up to `ComputeOptions.asOf`. */
  to: Date | null;
}

export interface Extension {
  amount: number;
  unit: DeadlineUnit;
}

export interface ComputeOptions {
  pauses?: readonly Pause[];
  extensions?: readonly Extension[];
  /** The current time, needed only to count an unfinished pause. */
  asOf?: Date;
  /** End at this local business close ('HH:mm') instead of 24:00 (民法典 art. 203(2)); day units only. */
  businessClose?: string;
}

export interface DueResult {
  /** The last instant at which the act is in time. */
  dueAt: Date;
  /** The last local day of the period (after any roll-over). */
  lastDay: LocalDate;
  /** A Chinese sentence that says how the period was counted. */
  explanation: string;
  /** How far pauses pushed the end, in `excludedUnit`. */
  excluded: number;
  excludedUnit: 'calendar_day' | 'working_day' | 'hour';
  /** The counted last day when it was a rest day and the period rolled over to `lastDay`. */
  rolledOverFrom: LocalDate | null;
  /** An unfinished pause is running: `dueAt` moves on while it lasts. */
  suspended: boolean;
  /**
   * The years the count went through without a known holiday arrangement (weekends only, calendar.ts):
   * non-empty means the date is provisional (暂定) until those years are loaded.
   */
  provisionalYears: number[];
}

const UNITS: readonly DeadlineUnit[] = ['calendar_day', 'working_day', 'hour', 'month'];
const START_RULES: readonly StartRule[] = ['next_day', 'same_day', 'immediate'];

function checkAmount(amount: number, what: string): void {
  if (!Number.isInteger(amount) || amount < 0) throw new RangeError(`${what} must be a non-negative integer`);
}

/** Throws a RangeError for a rule that cannot be computed (e.g. one loaded from configuration). */
export function assertValidRule(rule: DeadlineRule): void {
  checkAmount(rule.amount, `${rule.basis}: amount`);
  if (!UNITS.includes(rule.unit)) throw new RangeError(`${rule.basis}: unknown unit ${String(rule.unit)}`);
  if (!START_RULES.includes(rule.startRule)) {
    throw new RangeError(`${rule.basis}: unknown startRule ${String(rule.startRule)}`);
  }
}

/** A rule that ends the same local day at 24:00 (当日办结, 事不过夜); where it applies is local policy. */
export function sameDayRule(basis: string, label: string, citation: string): DeadlineRule {
  return {
    basis,
    label,
    amount: 1,
    unit: 'calendar_day',
    startRule: 'same_day',
    rollOverIfRestDay: false,
    citation,
  };
}

/** 23:59:59.999 +08:00 of the trigger's local day; needs no holiday data. */
export function sameDay(triggerAt: Date, label = '当日办结'): DueResult {
  return computeWith(sameDayRule('SAME-DAY', label, '事不过夜'), triggerAt, null, {});
}

export function computeDue(
  rule: DeadlineRule,
  triggerAt: Date,
  cal: WorkCalendar,
  opts: ComputeOptions = {},
): DueResult {
  return computeWith(rule, triggerAt, cal, opts);
}

function computeWith(
  rule: DeadlineRule,
  triggerAt: Date,
  cal: WorkCalendar | null,
  opts: ComputeOptions,
): DueResult {
  assertValidRule(rule);
  const extensions = opts.extensions ?? [];
  for (const e of extensions) {
    checkAmount(e.amount, 'extension amount');
    if ((e.unit === 'hour') !== (rule.unit === 'hour')) {
      throw new RangeError(`${rule.basis}: cannot extend a ${rule.unit} period by ${e.unit}`);
    }
  }
  return rule.unit === 'hour'
    ? computeHours(rule, triggerAt, extensions, opts)
    : computeDays(rule, triggerAt, cal, extensions, opts);
}

function computeDays(
  rule: DeadlineRule,
  triggerAt: Date,
  cal: WorkCalendar | null,
  extensions: readonly Extension[],
  opts: ComputeOptions,
): DueResult {
  const trigger = epochDayOfInstant(triggerAt);
  const { ranges, openFrom } = pauseRanges(opts.pauses, opts.asOf, epochDayOfInstant);
  // Extensions in the rule's own unit lengthen the period (60 + 30 = day 90); others follow it.
  const segments: Extension[] = [
    {
      unit: rule.unit,
      amount: rule.amount + extensions.filter((e) => e.unit === rule.unit).reduce((s, e) => s + e.amount, 0),
    },
    ...extensions.filter((e) => e.unit !== rule.unit),
  ];

  let cursor = rule.startRule === 'next_day' ? trigger : trigger - 1;
  let excluded = 0;
  let monthClamped = false;
  segments.forEach((seg, i) => {
    let steps = seg.amount;
    if (seg.unit === 'month') {
      // 民法典 art. 202: the matching day of the trigger date, counted as days so that pauses push it.
      const anchor = i === 0 ? trigger : cursor;
      const matching = addMonths(fromEpochDay(anchor), seg.amount);
      monthClamped = i === 0 && matching.slice(8) !== fromEpochDay(anchor).slice(8);
      steps = toEpochDay(matching) - anchor;
    }
    const step = walkDays(cursor, steps, seg.unit === 'working_day', ranges, cal);
    cursor = step.last;
    excluded += step.excluded;
  });

  const counted = fromEpochDay(cursor);
  let lastDay = counted;
  let rolledOverFrom: LocalDate | null = null;
  if (rule.rollOverIfRestDay && needCalendar(cal).isRestDay(counted)) {
    rolledOverFrom = counted;
    lastDay = needCalendar(cal).nextWorkday(counted);
  }
  const dueAt = opts.businessClose ? atLocalTime(lastDay, opts.businessClose) : endOfLocalDay(lastDay);
  const suspended = openFrom !== null && openFrom <= toEpochDay(lastDay);
  // Which days the calendar decided: every day counted in working days, else only the roll-over.
  const countsWorkdays = segments.some((seg) => seg.unit === 'working_day' && seg.amount > 0);
  const provisionalYears =
    cal && (countsWorkdays || rule.rollOverIfRestDay)
      ? cal.provisionalYearsBetween(countsWorkdays ? fromEpochDay(trigger) : counted, lastDay)
      : [];
  const input: DueExplanationInput = {
    rule,
    extensions,
    triggerAt,
    counted,
    lastDay,
    rolledOverFrom,
    excluded,
    suspended,
    asOf: opts.asOf,
    businessClose: opts.businessClose,
    monthClamped,
    countedIsWorkday: cal?.covers(counted) ? cal.isWorkday(counted) : null,
    provisionalYears,
    tentativeYears: provisionalYears.filter((y) => cal?.isTentativeYear(y)),
  };
  return {
    dueAt,
    lastDay,
    explanation: explainDue(input),
    excluded,
    excludedUnit: rule.unit === 'working_day' ? 'working_day' : 'calendar_day',
    rolledOverFrom,
    suspended,
    provisionalYears,
  };
}

function computeHours(
  rule: DeadlineRule,
  triggerAt: Date,
  extensions: readonly Extension[],
  opts: ComputeOptions,
): DueResult {
  const triggerDay = toLocalDate(triggerAt);
  const start =
    rule.startRule === 'immediate'
      ? triggerAt.getTime()
      : startOfLocalDay(triggerDay).getTime() + (rule.startRule === 'next_day' ? MS_PER_DAY : 0);
  const hours = rule.amount + extensions.reduce((s, e) => s + e.amount, 0);
  const { ranges, openFrom } = pauseRanges(opts.pauses, opts.asOf, (at) => at.getTime());
  const { due, excludedMs } = walkMilliseconds(start, hours * MS_PER_HOUR, ranges);
  const dueAt = new Date(due);
  // The last day is the one holding the final moment (a period ending at 00:00 ends with the day before).
  const lastDay = toLocalDate(new Date(Math.max(start, due - 1)));
  const suspended = openFrom !== null && openFrom <= due;
  const excluded = excludedMs / MS_PER_HOUR;
  const input: DueExplanationInput = {
    rule,
    extensions,
    triggerAt,
    counted: lastDay,
    lastDay,
    rolledOverFrom: null,
    excluded,
    suspended,
    asOf: opts.asOf,
    businessClose: undefined,
    monthClamped: false,
    countedIsWorkday: null,
    provisionalYears: [],
    dueAt,
  };
  return {
    dueAt,
    lastDay,
    explanation: explainDue(input),
    excluded,
    excludedUnit: 'hour',
    rolledOverFrom: null,
    suspended,
    provisionalYears: [],
  };
}
