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

export function startPeriodic(job: () => Promise<unknown>, opts: PeriodicOptions) {
  let running = false;
  const run = async () => {
    if (running) return;
    running = true;
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
      running = false;
    }
  };
  const timer = setInterval(() => void run(), opts.intervalMs);
  timer.unref();
  setImmediate(() => void run());
  return { stop: () => clearInterval(timer) };
}
