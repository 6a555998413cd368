/**
 * 社会治安联防: a shift of a shared patrol roster, as a small transition table like the joint task's
 * (../dispatch/joint-task.transitions.ts). The unit on the shift reports it done (with a note) or
 * missed; a shift nobody reported once its end has passed is marked `unreported` by the sweep, and the
 * unit may still report it afterwards (a late report is better than none, and the event log keeps when).
 *
 * A shift cannot be reported done before it has started: "done" is a statement about the patrol.
 */

export const shiftStatuses = ['scheduled', 'unreported', 'done', 'missed'] as const;
export type ShiftStatus = (typeof shiftStatuses)[number];
export const shiftStatusLabels: Record<ShiftStatus, string> = {
  scheduled: '待巡逻',
  unreported: '逾期未报',
  done: '已巡逻',
  missed: '未巡逻',
};

export const shiftOutcomes = ['done', 'missed'] as const;
export type ShiftOutcome = (typeof shiftOutcomes)[number];
export const shiftOutcomeLabels: Record<ShiftOutcome, string> = { done: '报告已巡逻', missed: '报告未巡逻' };

const reportable: readonly ShiftStatus[] = ['scheduled', 'unreported'];

export function isOpenShift(s: ShiftStatus): boolean {
  return reportable.includes(s);
}

export type ShiftDecision =
  | { ok: true; to: ShiftStatus }
  | {
      ok: false;
      code: 'TRANSITION_REFUSED';
      reason: 'SHIFT_REPORTED' | 'SHIFT_NOT_STARTED';
      message: string;
    };

export function decideShiftReport(
  shift: { status: ShiftStatus; startsAt: Date },
  outcome: ShiftOutcome,
  now: Date,
): ShiftDecision {
  if (!reportable.includes(shift.status)) {
    return {
      ok: false,
      code: 'TRANSITION_REFUSED',
      reason: 'SHIFT_REPORTED',
      message: `该班次${shiftStatusLabels[shift.status]}，已报告过。`,
    };
  }
  if (outcome === 'done' && now < shift.startsAt) {
    return {
      ok: false,
      code: 'TRANSITION_REFUSED',
      reason: 'SHIFT_NOT_STARTED',
      message: '班次尚未开始，不能报告已巡逻。',
    };
  }
  return { ok: true, to: outcome };
}

export function allowedShiftOutcomes(
  shift: { status: ShiftStatus; startsAt: Date },
  now: Date,
): ShiftOutcome[] {
  return shiftOutcomes.filter((o) => decideShiftReport(shift, o, now).ok);
}

/** The sweep's rule: a shift still scheduled once its end has passed is unreported. */
export function isUnreported(shift: { status: ShiftStatus; endsAt: Date }, now: Date): boolean {
  return shift.status === 'scheduled' && shift.endsAt <= now;
}

export const rosterPeriods = ['week', 'month'] as const;
export type RosterPeriod = (typeof rosterPeriods)[number];
export const rosterPeriodLabels: Record<RosterPeriod, string> = { week: '周排班', month: '月排班' };

/** The roster's last day: a week is 7 days from its first, a month runs to the day before the same date next month. */
export function rosterEnd(period: RosterPeriod, startDate: string): string {
  const d = new Date(`${startDate}T00:00:00Z`);
  if (period === 'week') d.setUTCDate(d.getUTCDate() + 6);
  else {
    d.setUTCMonth(d.getUTCMonth() + 1);
    d.setUTCDate(d.getUTCDate() - 1);
  }
  return d.toISOString().slice(0, 10);
}

/** A shift's instants from its China date and HH:MM times; an end at or before the start runs past midnight. */
export function shiftInstants(date: string, from: string, to: string): { startsAt: Date; endsAt: Date } {
  const startsAt = new Date(`${date}T${from}:00+08:00`);
  let endsAt = new Date(`${date}T${to}:00+08:00`);
  if (endsAt <= startsAt) endsAt = new Date(endsAt.getTime() + 86_400_000);
  return { startsAt, endsAt };
}
