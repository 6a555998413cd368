/**
 * Runs the county-wide risk rules (modules/risk) on their own timer, apart from the deadline sweep:
 * a run reads months of matters (19 s at 60,000 matters on PGlite) and must never hold up the
 * sweep's warnings and overdue marks, which have legal weight. The per-matter rule also runs at
 * intake, so a run every few minutes loses nothing urgent. One run at a time per process.
 */
import type { Deps } from '../context';
import { runRiskRulesEverywhere } from '../modules/risk/run.service';

export function startRiskRules(deps: Deps, opts: { intervalMs: number; onError: (e: unknown) => void }) {
  let running = false;
  const run = async () => {
    if (running) return;
    running = true;
    try {
      await runRiskRulesEverywhere(deps);
    } catch (e) {
      opts.onError(e);
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void run(), opts.intervalMs);
  timer.unref();
  setImmediate(() => void run());
  return { stop: () => clearInterval(timer) };
}
