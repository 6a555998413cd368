/**
 * Runs the event sealer right behind the write path: a commit kicks it (coalesced), and a timer
 * catches anything written by other processes. One run at a time per process; between processes
 * the advisory lock in sealBatch decides.
 */
import type { Clock } from '../context';
import type { Database } from '../db/client';
import { sealBatch } from '../modules/events/events.service';

export interface Sealer {
  kick(): void;
  /** Seals everything ready, then stops the timer. */
  stop(): Promise<void>;
}

export function startSealer(
  database: Database,
  clock: Clock,
  opts: { intervalMs: number; onError: (err: unknown) => void },
): Sealer {
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;

  const run = (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        do {
          again = false;
          while ((await sealBatch(database, clock)) > 0) {
            /* keep sealing until nothing is ready */
          }
        } while (again && !stopped);
      } catch (err) {
        opts.onError(err);
      } finally {
        running = null;
      }
    })();
    return running;
  };

  const timer = setInterval(() => void run(), opts.intervalMs);
  timer.unref();
  return {
    kick() {
      if (!stopped) setImmediate(() => void run());
    },
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
      stopped = false;
      await run();
      stopped = true;
    },
  };
}
