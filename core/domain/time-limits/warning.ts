/**
 * Supervision overlay on every timed state (docs/LEGAL.md §11.2): warn before expiry, then mark overdue for 督办
 * (信访工作条例 art. 40) and the accountability log (art. 43–45). The warning point is a share of the
 * period, two thirds by default; the county sets its own in `LocalPolicies.warningFraction`.
 */
import { MS_PER_DAY, MS_PER_HOUR } from './local-date';

export type DeadlineStatus = 'running' | 'due_soon' | 'overdue';

/** The instant at `fraction` of the way from the start of the period to its end. */
export function warningAt(start: Date, due: Date, fraction = 2 / 3): Date {
  if (!(fraction > 0 && fraction < 1)) throw new RangeError(`fraction must be between 0 and 1: ${fraction}`);
  const s = start.getTime();
  const d = due.getTime();
  if (Number.isNaN(s) || Number.isNaN(d)) throw new RangeError('invalid Date');
  if (d < s) throw new RangeError('due is before start');
  return new Date(s + Math.floor((d - s) * fraction));
}

/** `dueAt` is the last instant in time, so only a later instant is overdue. */
export function status(now: Date, due: Date, warnAt: Date): DeadlineStatus {
  if (now.getTime() > due.getTime()) return 'overdue';
  if (now.getTime() >= warnAt.getTime()) return 'due_soon';
  return 'running';
}

function span(ms: number): string {
  // Rounded down, so the remaining time is never overstated and the lateness never exaggerated.
  const days = Math.floor(ms / MS_PER_DAY);
  const hours = Math.floor((ms % MS_PER_DAY) / MS_PER_HOUR);
  if (days > 0) return hours > 0 ? `${days} 天 ${hours} 小时` : `${days} 天`;
  if (hours > 0) return `${hours} 小时`;
  return `${Math.floor(ms / 60_000)} 分钟`;
}

/** '剩余 3 天 4 小时', '剩余 40 分钟', '已超期 2 天', in calendar time. */
export function remaining(now: Date, due: Date): string {
  const left = due.getTime() - now.getTime();
  const word = left >= 0 ? '剩余' : '已超期';
  return Math.abs(left) < 60_000 ? `${word}不足 1 分钟` : `${word} ${span(Math.abs(left))}`;
}
