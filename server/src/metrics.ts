/**
 * The process's Prometheus metrics (served at /metrics, docs/DEPLOY.md §4). One registry per process:
 * the jobs and the HTTP layer record into it; what is read from the database (matters by state, the
 * connection pool) is collected when Prometheus scrapes.
 */
import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';

export const registry = new Registry();
// Event-loop lag, heap, GC, CPU and open handles of this process.
collectDefaultMetrics({ register: registry, prefix: 'zongzhi_' });

export const httpDuration = new Histogram({
  name: 'zongzhi_http_request_duration_seconds',
  help: 'HTTP request latency by route template, method and status class',
  labelNames: ['method', 'route', 'status'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [registry],
});

export const jobRuns = new Counter({
  name: 'zongzhi_job_runs_total',
  help: 'Runs of each background job by result (ok, failed)',
  labelNames: ['job', 'result'] as const,
  registers: [registry],
});

export const jobDuration = new Histogram({
  name: 'zongzhi_job_duration_seconds',
  help: 'Duration of each background job run',
  labelNames: ['job'] as const,
  buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60, 300],
  registers: [registry],
});

export const jobItemFailures = new Counter({
  name: 'zongzhi_job_item_failures_total',
  help: 'Items (matters, deliveries) a job run could not handle and left for the next run',
  labelNames: ['job'] as const,
  registers: [registry],
});
