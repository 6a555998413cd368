/**
 * The sweep's pattern for an item past its time (joint tasks, 治未病 measures, patrol shifts): each
 * candidate in its own transaction, where `mark` locks the row, checks again that it is still due a
 * marker (a rerun or a concurrent writer makes it a no-op: return false), sets the marker and appends
 * the event. A failed item keeps no marker and is retried next run; the others go on.
 */
import type { Deps, RequestCtx } from './context';
import type { Tx } from './db/client';
import { failureOf, type JobFailure } from './failures';
import { codes } from './modules/counties/counties.repo';

export interface OverdueSweepOutcome {
  overdue: number;
  failed: JobFailure[];
}

export async function markOverdueEach<C>(
  deps: Deps,
  candidates: readonly C[],
  labelOf: (c: C) => string,
  mark: (tx: Tx, c: C, now: Date, ctx: RequestCtx) => Promise<boolean>,
): Promise<OverdueSweepOutcome> {
  const now = deps.clock.now();
  const ctx: RequestCtx = { requestId: `sweep-${now.toISOString()}`, ip: null, actor: null };
  const out: OverdueSweepOutcome = { overdue: 0, failed: [] };
  for (const c of candidates) {
    try {
      if (await deps.database.transaction((tx) => mark(tx, c, now, ctx))) out.overdue++;
    } catch (e) {
      out.failed.push(failureOf(labelOf(c), e));
    }
  }
  if (out.overdue > 0) deps.kickSealer();
  return out;
}

/**
 * A sweep's candidates, asked of each county in turn (issue 18): on a Citus cluster a statement that
 * names its county runs on that county's shard alone, where one over every county would run on all
 * shards at once. `limit` bounds each county's share, so a county with a backlog does not starve the
 * others.
 */
export async function perCounty<T>(
  deps: Pick<Deps, 'database'>,
  find: (county: string) => Promise<T[]>,
): Promise<T[]> {
  const out: T[] = [];
  for (const county of await codes(deps.database.db)) out.push(...(await find(county)));
  return out;
}
