/**
 * 应训名单: which course a worker is due for, since when and by when (docs/WORKFORCE.md "Who is due").
 * A completion is a passed test when the course has one, else attendance at one of its sessions:
 * the course's test is what the county asks a worker to show he learned.
 */
import type { DueRule } from './course';

const DAY_MS = 86_400_000;

export interface DueFacts {
  rule: DueRule;
  /** When the course started to apply (created, or its rule last changed). */
  courseSince: Date;
  /** When the worker joined (his account was made). */
  joinedAt: Date;
  /** His latest completion, if any. */
  lastCompletedAt: Date | null;
}

export interface Due {
  since: Date;
  by: Date;
  overdue: boolean;
}

/** Adds calendar months in UTC; a day that does not exist (31 → February) falls back to the month's last. */
export function addMonths(at: Date, months: number): Date {
  const d = new Date(at.getTime());
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d;
}

/**
 * The deadline the worker owes next, or null when he owes nothing (done once and the course does
 * not repeat). A repeat becomes due `withinDays` before its deadline, as a first one does after joining.
 */
export function nextDeadline(f: DueFacts): { since: Date; by: Date } | null {
  const windowMs = f.rule.withinDays * DAY_MS;
  if (f.lastCompletedAt === null) {
    const start = new Date(Math.max(f.joinedAt.getTime(), f.courseSince.getTime()));
    return { since: start, by: new Date(start.getTime() + windowMs) };
  }
  if (f.rule.everyMonths === null) return null;
  const by = addMonths(f.lastCompletedAt, f.rule.everyMonths);
  return { since: new Date(by.getTime() - windowMs), by };
}

/** Due now: the window has opened (`since` ≤ now); overdue once `by` has passed. */
export function dueAt(f: DueFacts, now: Date): Due | null {
  const next = nextDeadline(f);
  if (!next || now < next.since) return null;
  return { ...next, overdue: now >= next.by };
}
