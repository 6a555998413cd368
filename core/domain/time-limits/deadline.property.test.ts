import chineseDays from 'chinese-days';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chineseDaysCalendar } from './calendar';
import { computeDue, type DeadlineRule } from './deadline';
import { addCalendarDays, endOfLocalDay, type LocalDate, toLocalDate } from './local-date';

const cal = chineseDaysCalendar();
// The package's own answers are the oracle where they can be trusted (east of UTC, see calendar.ts);
// elsewhere the calendar's per-day lookup, which the calendar test checks against the package.
const packageTrustworthyHere = new Date('2025-06-01T00:00:00Z').getTimezoneOffset() <= 0;
const oracleIsWorkday = (d: LocalDate) =>
  packageTrustworthyHere ? chineseDays.isWorkday(d) : cal.isWorkday(d);

const FROM = Date.parse('2025-01-01T00:00:00+08:00');
// Late enough to reach 2026's holidays, early enough that 60 working days plus pauses stay in 2026.
const TO = Date.parse('2026-06-30T23:59:59+08:00');
const instant = fc.integer({ min: FROM, max: TO }).map((ms) => new Date(ms));

const ruleArb = fc.record({
  unit: fc.constantFrom<'calendar_day' | 'working_day'>('calendar_day', 'working_day'),
  amount: fc.integer({ min: 1, max: 60 }),
  rollOverIfRestDay: fc.boolean(),
});

const rule = (r: {
  unit: DeadlineRule['unit'];
  amount: number;
  rollOverIfRestDay: boolean;
}): DeadlineRule => ({
  basis: 'TEST',
  label: '测试期限',
  citation: '测试',
  startRule: 'next_day',
  ...r,
});

/** The obvious way: walk one day at a time. */
function naiveLastDay(r: DeadlineRule, trigger: LocalDate, paused: (d: LocalDate) => boolean): LocalDate {
  let d = trigger;
  let counted = 0;
  while (counted < r.amount) {
    d = addCalendarDays(d, 1);
    if (paused(d)) continue;
    if (r.unit === 'working_day' && !oracleIsWorkday(d)) continue;
    counted++;
  }
  if (r.rollOverIfRestDay) while (!oracleIsWorkday(d)) d = addCalendarDays(d, 1);
  return d;
}

describe('deadline properties over 2025–2026', () => {
  it('ends after the trigger day, never on a rest day when rolling over, and counts working days exactly', () => {
    fc.assert(
      fc.property(ruleArb, instant, (r, triggerAt) => {
        const trigger = toLocalDate(triggerAt);
        const due = computeDue(rule(r), triggerAt, cal);
        expect(due.lastDay > trigger).toBe(true);
        expect(due.dueAt.getTime()).toBe(endOfLocalDay(due.lastDay).getTime());
        if (r.rollOverIfRestDay) expect(oracleIsWorkday(due.lastDay)).toBe(true);
        if (r.unit === 'working_day') {
          let workdays = 0;
          for (let d = addCalendarDays(trigger, 1); d <= due.lastDay; d = addCalendarDays(d, 1)) {
            if (oracleIsWorkday(d)) workdays++;
          }
          expect(workdays).toBe(r.amount);
          expect(oracleIsWorkday(due.lastDay)).toBe(true);
        } else {
          const counted = addCalendarDays(trigger, r.amount);
          if (!r.rollOverIfRestDay) expect(due.lastDay).toBe(counted);
          // Rolled over: every day from the counted day up to the new last day was a rest day.
          for (let d = counted; d < due.lastDay; d = addCalendarDays(d, 1))
            expect(oracleIsWorkday(d)).toBe(false);
        }
      }),
      { numRuns: 1_000 },
    );
  });

  it('with pauses, matches walking one day at a time and skipping the paused local days', () => {
    const pauseArb = fc.record({
      startOffsetHours: fc.integer({ min: -10 * 24, max: 70 * 24 }),
      lengthHours: fc.integer({ min: 0, max: 15 * 24 }),
    });
    fc.assert(
      fc.property(ruleArb, instant, fc.array(pauseArb, { maxLength: 3 }), (r, triggerAt, raw) => {
        const pauses = raw.map((p) => {
          const from = new Date(triggerAt.getTime() + p.startOffsetHours * 3_600_000);
          return { from, to: new Date(from.getTime() + p.lengthHours * 3_600_000) };
        });
        const paused = (d: LocalDate) =>
          pauses.some((p) => toLocalDate(p.from) <= d && d <= toLocalDate(p.to));
        const due = computeDue(rule(r), triggerAt, cal, { pauses });
        expect(due.lastDay).toBe(naiveLastDay(rule(r), toLocalDate(triggerAt), paused));
      }),
      { numRuns: 1_000 },
    );
  });
});
