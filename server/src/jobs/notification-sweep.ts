/** Delivers the notification outbox on a timer (and once at start); one run at a time per process. */
import type { Deps } from '../context';
import { deliverDue } from '../modules/notifications/notifications.service';

export function startNotificationSweep(
  deps: Deps,
  opts: { intervalMs: number; onError: (e: unknown) => void },
) {
  let running = false;
  const run = async () => {
    if (running) return;
    running = true;
    try {
      await deliverDue(deps);
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
