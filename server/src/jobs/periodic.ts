import { jobDuration, jobRuns } from '../metrics';

/**
 * A job on a timer, once at start and then every `intervalMs`, never two runs at once in a process
 * (a slow run makes the next tick a no-op instead of piling up). Errors go to `onError`; the timer
 * does not keep the process alive. Each run is counted and timed under `name` (/metrics).
 */
export interface PeriodicOptions {
  intervalMs: number;
  onError: (e: unknown) => void;
  /** The job's name in the metrics (zongzhi_job_runs_total{job=…}). */
  name?: string;
}

export interface Periodic {
  /** Stops the timer; resolves when a run in progress has finished (the database must outlive it). */
  stop(): Promise<void>;
}

export function startPeriodic(job: () => Promise<unknown>, opts: PeriodicOptions): Periodic {
  let running: Promise<void> | null = null;
  let stopped = false;
  const run = () => {
    if (running || stopped) return running;
    running = once();
    return running;
  };
  const once = async () => {
    const label = opts.name ?? 'unnamed';
    const stopTimer = jobDuration.startTimer({ job: label });
    try {
      await job();
      jobRuns.inc({ job: label, result: 'ok' });
    } catch (e) {
      jobRuns.inc({ job: label, result: 'failed' });
      opts.onError(e);
    } finally {
      stopTimer();
      running = null;
    }
  };
  const timer = setInterval(() => void run(), opts.intervalMs);
  timer.unref();
  setImmediate(() => void run());
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}

/**
 * Waits for `work` at most `ms` (the shutdown deadline, SHUTDOWN_TIMEOUT_MS): true when it finished in
 * time, false when the deadline came first. A stuck job must not keep a stopping server up forever.
 */
export async function settlesWithin(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([work.then(() => true as const), deadline]);
  } finally {
    clearTimeout(timer);
  }
}
