/**
 * A worker's performance in a period, from what the field kit records (docs/WORKFORCE.md):
 * patrol, visit and note logs (field_logs) and reports (field_reports with their matters). Pure:
 * the caller passes the rows of the period.
 */
import type { DutyStandard } from './duty-standard';
import type { Period } from './period';

export interface LogFact {
  kind: 'patrol' | 'visit' | 'note';
  happenedAt: Date;
  /** Set when the log was written about a matter. */
  matterId: string | null;
}

/** What became of a reported matter. */
export type ReportOutcome = 'open' | 'resolved' | 'rejected';

export interface ReportFact {
  /** Pressed 上报 on the phone, on the spot: the moment of discovery the kit knows. */
  madeAt: Date;
  /** Reached the server (a phone offline for hours sends late). */
  receivedAt: Date;
  outcome: ReportOutcome;
}

export interface Performance {
  patrols: number;
  patrolsDue: number;
  visits: number;
  visitsDue: number;
  followUps: number;
  followUpsDue: number;
  reports: number;
  timelyReports: number;
  /** Reports whose matter was accepted (not 不予受理, 作废 or 并单). */
  validReports: number;
  resolvedReports: number;
}

/** Matter statuses that mean the report was not a matter of its own. */
const rejectedStatuses = new Set(['not_accepted', 'voided', 'merged']);
/** Matter statuses after which nothing is left to do (as the field kit's home). */
const doneStatuses = new Set([
  'answered',
  'rated',
  'followed_up',
  'archived',
  'channelled',
  'referred_to_court',
]);

export function reportOutcome(matterStatus: string): ReportOutcome {
  if (rejectedStatuses.has(matterStatus)) return 'rejected';
  if (doneStatuses.has(matterStatus)) return 'resolved';
  return 'open';
}

const HOUR_MS = 3_600_000;

function inPeriod(at: Date, p: Period): boolean {
  return at.getTime() >= p.from.getTime() && at.getTime() < p.to.getTime();
}

export function measurePerformance(
  std: DutyStandard,
  period: Period,
  logs: readonly LogFact[],
  reports: readonly ReportFact[],
): Performance {
  const own = logs.filter((l) => inPeriod(l.happenedAt, period));
  const made = reports.filter((r) => inPeriod(r.madeAt, period));
  return {
    patrols: own.filter((l) => l.kind === 'patrol').length,
    patrolsDue: Math.round(std.patrolsPerWeek * period.weeks),
    visits: own.filter((l) => l.kind === 'visit').length,
    visitsDue: std.visitsPerMonth * period.months,
    followUps: own.filter((l) => l.kind !== 'patrol' && l.matterId !== null).length,
    followUpsDue: std.followUpsPerMonth * period.months,
    reports: made.length,
    timelyReports: made.filter(
      (r) => r.receivedAt.getTime() - r.madeAt.getTime() <= std.reportWithinHours * HOUR_MS,
    ).length,
    validReports: made.filter((r) => r.outcome !== 'rejected').length,
    resolvedReports: made.filter((r) => r.outcome === 'resolved').length,
  };
}
