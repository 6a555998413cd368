/**
 * The point-lookup index per county, kept in memory (1,400 grids are a few MB) and rebuilt when the
 * county's grid revision changes — an import in another process bumps it. Revisions are read at
 * most once per `recheckMs`, so a lookup normally costs no query at all.
 */

import type { GridGeometry } from '../../../../core/domain/geo/geometry';
import { GridIndex } from '../../../../core/domain/geo/grid-index';
import type { Deps } from '../../context';
import { gridRevisions } from '../counties/counties.service';
import { loadIndexItems } from './grids.service';

export interface IndexedGrid {
  id: string;
  code: string;
  name: string;
  geometry: GridGeometry;
  village: { id: string; code: string | null; name: string };
  town: { id: string; code: string | null; name: string };
}

interface Entry {
  revision: number;
  index: GridIndex<IndexedGrid>;
}

export class GridIndexCache {
  private entries = new Map<string, Entry>();
  private checkedAt = 0;
  private revisions = new Map<string, number>();
  private loading: Promise<void> | null = null;

  constructor(
    private readonly deps: Deps,
    private readonly recheckMs = 5000,
  ) {}

  /** All county indexes, current as of at most recheckMs ago. */
  async indexes(): Promise<Map<string, GridIndex<IndexedGrid>>> {
    const now = this.deps.clock.now().getTime();
    if (now - this.checkedAt >= this.recheckMs || this.entries.size === 0) {
      this.loading ??= this.refresh(now).finally(() => {
        this.loading = null;
      });
      await this.loading;
    }
    return new Map([...this.entries].map(([k, v]) => [k, v.index]));
  }

  /** Forget everything (after an import in this process). */
  invalidate(): void {
    this.checkedAt = 0;
    this.entries.clear();
  }

  private async refresh(now: number): Promise<void> {
    this.revisions = await gridRevisions(this.deps);
    for (const [code, revision] of this.revisions) {
      const have = this.entries.get(code);
      if (have && have.revision === revision) continue;
      const items = await loadIndexItems(this.deps, code);
      this.entries.set(code, { revision, index: new GridIndex(items) });
    }
    for (const code of [...this.entries.keys()]) if (!this.revisions.has(code)) this.entries.delete(code);
    this.checkedAt = now;
  }
}

const caches = new WeakMap<Deps, GridIndexCache>();

/** One cache per application (deps), shared by the routes and the intake. */
export function gridIndexCacheFor(deps: Deps): GridIndexCache {
  let c = caches.get(deps);
  if (!c) {
    c = new GridIndexCache(deps);
    caches.set(deps, c);
  }
  return c;
}
