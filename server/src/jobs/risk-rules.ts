/**
 * Runs the county-wide risk rules (modules/risk) on their own timer, apart from the deadline sweep:
 * a run reads months of matters (19–47 s at 60,000 matters on PGlite) and must never hold up the
 * sweep's warnings and overdue marks, which have legal weight. The per-matter rule also runs at
 * intake, so a run every few minutes loses nothing urgent. One run at a time per process.
 */
import type { Deps } from '../context';
import { runRiskRulesEverywhere } from '../modules/risk/run.service';
import { type PeriodicOptions, startPeriodic } from './periodic';

export function startRiskRules(deps: Deps, opts: PeriodicOptions) {
  return startPeriodic(
    async () => {
      for (const f of await runRiskRulesEverywhere(deps)) {
        opts.onError(new Error(`风险预警研判：县（区）${f.county} 未完成，下次再试：${f.message}`));
      }
    },
    { name: 'risk_rules', ...opts },
  );
}
