/**
 * Runs the deadline sweep on a timer (and once at start); one run at a time per process. After each
 * sweep the dashboard rollups catch up with what the sweep and the writers changed meanwhile,
 * parties whose judicial-confirmation window is closing are reminded, and agreements whose
 * performance day has come are put up for a visit. The risk rules have their own timer (risk-rules.ts).
 */
import type { Deps } from '../context';
import { remindClosingWindows } from '../modules/court/confirmation-reminders.service';
import { refreshDashboards } from '../modules/dashboard/refresh.service';
import { sweepDeadlines } from '../modules/matters/sweep.service';
import { remindPerformanceVisits } from '../modules/mediation/performance.service';
import { type PeriodicOptions, startPeriodic } from './periodic';

export function startDeadlineSweep(deps: Deps, opts: PeriodicOptions) {
  return startPeriodic(async () => {
    await sweepDeadlines(deps);
    await refreshDashboards(deps);
    await remindClosingWindows(deps);
    await remindPerformanceVisits(deps);
  }, opts);
}
