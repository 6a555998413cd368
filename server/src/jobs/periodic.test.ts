/**
 * The shutdown deadline (SHUTDOWN_TIMEOUT_MS): stopping a job waits for its running pass, so the
 * database is closed after it, and a pass stuck past the deadline does not hold the server up.
 */
import { describe, expect, it } from 'vitest';
import { settlesWithin, startPeriodic } from './periodic';

function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { open, opened };
}

describe('stopping a periodic job', () => {
  it('waits for the run in progress, and starts no new one', async () => {
    const release = gate();
    const entered = gate();
    let runs = 0;
    let finished = false;
    const job = startPeriodic(
      async () => {
        runs++;
        entered.open();
        await release.opened;
        finished = true;
      },
      { intervalMs: 5, onError: () => {}, name: 'test' },
    );
    await entered.opened;
    let stopped = false;
    const stopping = job.stop().then(() => {
      stopped = true;
    });
    await new Promise((r) => setTimeout(r, 50));
    expect(stopped).toBe(false);
    release.open();
    await stopping;
    expect(finished).toBe(true);
    await new Promise((r) => setTimeout(r, 30));
    expect(runs).toBe(1);
  });

  it('resolves at once when no run is in progress', async () => {
    const job = startPeriodic(async () => {}, { intervalMs: 60_000, onError: () => {} });
    await new Promise((r) => setTimeout(r, 20));
    expect(await settlesWithin(job.stop(), 100)).toBe(true);
  });

  it('gives up on a run stuck past the deadline', async () => {
    const entered = gate();
    const job = startPeriodic(
      async () => {
        entered.open();
        await new Promise(() => {});
      },
      { intervalMs: 60_000, onError: () => {} },
    );
    await entered.opened;
    const t0 = Date.now();
    expect(await settlesWithin(job.stop(), 100)).toBe(false);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(90);
    expect(Date.now() - t0).toBeLessThan(2000);
  });
});
