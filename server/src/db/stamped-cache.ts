/**
 * Version-stamped caches of what every intake reads and almost nothing writes: org rows and the
 * counties' configuration documents (issue 20: 12 of an intake's 29 statements). A statement trigger
 * bumps the kind's stamp in cache_stamps with every write to those tables, in the writer's transaction
 * (migration 0027). Inside a scope (`withStampedCaches`, one per request on the intake path) the first
 * cached lookup reads the stamps (one primary-key read, shared by the scope's other lookups), and a
 * cached value is used only when it was loaded under the stamp read now. So a change committed through
 * any server instance, or straight in SQL, is seen by every instance on its next request.
 *
 * Outside a scope nothing is cached: the administrators' pages and every read inside a transaction
 * that writes those tables read the database as before.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Executor } from './client';
import { cacheStamps } from './schema';

export type StampedKind = 'orgs' | 'config';
type Stamps = Record<StampedKind, number>;

interface Scope {
  stamps: Promise<Stamps> | null;
}

const scopes = new AsyncLocalStorage<Scope>();

/** Runs fn with cached lookups checked against the stamps as they are when the first one is made. */
export function withStampedCaches<T>(fn: () => Promise<T>): Promise<T> {
  if (scopes.getStore()) return fn();
  return scopes.run({ stamps: null }, fn);
}

/** Whether cached lookups are on here (a caller may then prefer many cached reads to one query). */
export function inStampedScope(): boolean {
  return scopes.getStore() !== undefined;
}

async function readStamps(ex: Executor): Promise<Stamps> {
  const rows = await ex.select().from(cacheStamps);
  const stamp = (name: StampedKind) => rows.find((r) => r.name === name)?.stamp ?? -1;
  return { orgs: stamp('orgs'), config: stamp('config') };
}

/** Values of one kind by key, each with the stamp it was loaded under. */
export class StampedCache<T> {
  private readonly entries = new Map<string, { stamp: number; value: T }>();

  constructor(private readonly kind: StampedKind) {}

  /**
   * The cached value when it was loaded under the current stamp, else `load()`'s (kept for the next
   * request). `ex` reads the stamps: inside a transaction pass it (PGlite has one connection).
   */
  async get(ex: Executor, key: string, load: () => Promise<T>): Promise<T> {
    const scope = scopes.getStore();
    if (!scope) return load();
    scope.stamps ??= readStamps(ex);
    const stamp = (await scope.stamps)[this.kind];
    const hit = this.entries.get(key);
    if (hit && hit.stamp === stamp) return hit.value;
    const value = await load();
    // A stamp of -1 (no stamp row: a database restored without it) caches nothing.
    if (stamp >= 0) this.entries.set(key, { stamp, value });
    return value;
  }
}
