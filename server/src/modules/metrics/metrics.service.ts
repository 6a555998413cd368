import { Gauge, Registry } from 'prom-client';
import type { Deps } from '../../context';
import { acrossCounties } from '../../db/across-counties';
import { registry } from '../../metrics';
import { sealerLag } from '../health/health.service';
import { mattersByState, outboxBacklog } from './metrics.repo';

/**
 * The Prometheus text of one scrape: the process's own metrics (HTTP, jobs, event loop) and what is
 * read from the database now (matters by state, delivery backlogs, the sealer's backlog, the pool).
 * The database part lives in a registry made for this scrape, so its gauges never hold stale labels.
 */
export async function scrape(deps: Deps): Promise<{ contentType: string; text: string }> {
  const scrapeRegistry = new Registry();
  const gauge = (name: string, help: string, labelNames: string[] = []) =>
    new Gauge({ name, help, labelNames, registers: [scrapeRegistry] });

  const up = gauge('zongzhi_database_up', 'Whether the database answered this scrape (1) or not (0)');
  try {
    const matters = gauge('zongzhi_matters', 'Matters by county and state', ['county', 'state']);
    // Counts over every county: the scrape is about the whole database.
    const [byState, outboxes] = await acrossCounties(deps.database, 'health', async (tx) => [
      await mattersByState(tx),
      await outboxBacklog(tx),
    ]);
    for (const r of byState) matters.set({ county: r.county_code, state: r.status }, r.n);
    const backlog = gauge('zongzhi_outbox_pending', 'Deliveries waiting to go out', ['outbox']);
    for (const r of outboxes) backlog.set({ outbox: r.box }, r.n);
    const sealer = await sealerLag(deps);
    gauge('zongzhi_events_unsealed', 'Audit events not yet chained by the sealer').set(sealer.unsealed);
    gauge('zongzhi_events_unsealed_age_seconds', 'How long the oldest unsealed event has waited').set(
      sealer.lagSeconds,
    );
    up.set(1);
  } catch {
    up.set(0);
  }
  const pool = deps.database.poolStats?.();
  if (pool) {
    const g = gauge('zongzhi_db_pool_connections', 'PostgreSQL pool connections by state', ['state']);
    g.set({ state: 'total' }, pool.total);
    g.set({ state: 'idle' }, pool.idle);
    g.set({ state: 'waiting_clients' }, pool.waiting);
  }
  const merged = Registry.merge([registry, scrapeRegistry]);
  return { contentType: merged.contentType, text: await merged.metrics() };
}
