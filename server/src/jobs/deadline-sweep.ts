/**
 * Runs the deadline sweep on a timer (and once at start); one run at a time per process. After each
 * sweep (matters, joint tasks, measures, patrol shifts, referrals
 * past their clock) the dashboard rollups catch up with what the sweep and the writers changed meanwhile,
 * parties whose judicial-confirmation window is closing are reminded, and agreements whose
 * performance day has come are put up for a visit. The risk rules have their own timer (risk-rules.ts).
 */
import type { Deps } from '../context';
import type { JobFailure } from '../failures';
import { jobItemFailures } from '../metrics';
import { remindClosingWindows } from '../modules/court/confirmation-reminders.service';
import { refreshDashboards } from '../modules/dashboard/refresh.service';
import { sweepJointTasks } from '../modules/dispatch/tasks.service';
import { reconcileProvisional } from '../modules/matters/recompute.service';
import { sweepDeadlines } from '../modules/matters/sweep.service';
import { remindPerformanceVisits } from '../modules/mediation/performance.service';
import { sweepReferrals } from '../modules/referrals/overdue.service';
import { sweepMeasures } from '../modules/risk/measures.service';
import { sweepShifts } from '../modules/safety/rosters.service';
import { type PeriodicOptions, startPeriodic } from './periodic';

export function startDeadlineSweep(deps: Deps, opts: PeriodicOptions) {
  return startPeriodic(
    async () => {
      // Each step runs whatever the one before it did: a failed refresh must not cost a reminder.
      const steps: [string, () => Promise<{ failed?: JobFailure[] } | unknown>][] = [
        ['期限巡查', () => sweepDeadlines(deps)],
        ['联合任务逾期督办', () => sweepJointTasks(deps)],
        ['治未病措施逾期', () => sweepMeasures(deps)],
        ['联防班次逾期未报', () => sweepShifts(deps)],
        ['转介服务超期', () => sweepReferrals(deps)],
        ['暂定期限补算', () => reconcileProvisional(deps)],
        ['驾驶舱汇总', () => refreshDashboards(deps)],
        ['司法确认期限提醒', () => remindClosingWindows(deps)],
        ['协议履行回访提醒', () => remindPerformanceVisits(deps)],
      ];
      for (const [name, step] of steps) {
        try {
          const out = (await step()) as { failed?: JobFailure[] } | undefined;
          for (const f of out?.failed ?? []) {
            jobItemFailures.inc({ job: 'deadline_sweep' });
            opts.onError(new Error(`${name}：事项 ${f.matterCode} 未处理，下次再试：${f.message}`));
          }
        } catch (e) {
          opts.onError(e);
        }
      }
    },
    { name: 'deadline_sweep', ...opts },
  );
}
