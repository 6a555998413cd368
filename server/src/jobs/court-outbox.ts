/**
 * Delivers the court outbox on a timer and soon after a new message is queued (kick); one run at a
 * time per process (several processes may run it: rows are leased with SKIP LOCKED). Also forgets
 * nonces that are too old to be replayed.
 */
import { freshnessSeconds } from '../../../core/domain/court/signing-string';
import type { Deps } from '../context';
import type { CourtSender } from '../modules/court/court-client';
import * as nonces from '../modules/court/nonces.repo';
import { deliverDue } from '../modules/court/outbox.service';

export function startCourtOutbox(
  deps: Deps,
  send: CourtSender,
  opts: { intervalMs: number; onError: (e: unknown) => void },
) {
  let running = false;
  let again = false;
  let stopped = false;
  const run = async () => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      do {
        again = false;
        const r = await deliverDue(deps, send);
        // A full batch means more may be due: go on without waiting for the timer.
        if (r.delivered + r.retried + r.rejected >= 20) again = true;
      } while (again && !stopped);
      await nonces.forgetBefore(deps.database.db, new Date(Date.now() - 2 * freshnessSeconds * 1000));
    } catch (e) {
      opts.onError(e);
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void run(), opts.intervalMs);
  timer.unref();
  setImmediate(() => void run());
  return {
    // After the enqueuing transaction commits: a short delay lets it land first.
    kick: () => void setTimeout(() => void run(), 50).unref(),
    async stop() {
      stopped = true;
      clearInterval(timer);
      while (running) await new Promise((r) => setTimeout(r, 20));
    },
  };
}
