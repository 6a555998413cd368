/**
 * A job on a timer, once at start and then every `intervalMs`, never two runs at once in a process
 * (a slow run makes the next tick a no-op instead of piling up). Errors go to `onError`; the timer
 * does not keep the process alive.
 */
export interface PeriodicOptions {
  intervalMs: number;
  onError: (e: unknown) => void;
}

export function startPeriodic(job: () => Promise<unknown>, opts: PeriodicOptions) {
  let running = false;
  const run = async () => {
    if (running) return;
    running = true;
    try {
      await job();
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
