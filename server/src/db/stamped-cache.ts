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

export type StampedKind = 'orgs' | 'config' | 'sessions';
type Stamps = Record<StampedKind, number>;

/** One request's view of the stamps: read once, by the first cached lookup made under it. */
export interface StampScope {
  stamps: Promise<Stamps> | null;
}
type Scope = StampScope;

/** A scope to hand to `withStampedCaches` (the auth hook makes one per request, kept on its context). */
export function newStampScope(): StampScope {
  return { stamps: null };
}

const scopes = new AsyncLocalStorage<Scope>();

/**
 * Runs fn with cached lookups checked against the stamps as they are when the first one is made. With
 * `scope` (the request's, made by the auth hook), the stamps read to check the session serve the
 * intake's org and configuration lookups too: one read of cache_stamps per request.
 */
export function withStampedCaches<T>(fn: () => Promise<T>, scope?: StampScope): Promise<T> {
  if (scopes.getStore()) return fn();
  return scopes.run(scope ?? newStampScope(), fn);
}

/** Whether cached lookups are on here (a caller may then prefer many cached reads to one query). */
export function inStampedScope(): boolean {
  return scopes.getStore() !== undefined;
}

/**
 * The stamps query, built once and prepared under a name per executor (every request sends it: a named
 * statement is parsed and planned once per connection, and Drizzle does not build it again).
 */
const prepared = new WeakMap<Executor, { execute: () => Promise<{ name: string; stamp: number }[]> }>();
function stampsQuery(ex: Executor) {
  let q = prepared.get(ex);
  if (!q) {
    q = ex
      .select({ name: cacheStamps.name, stamp: cacheStamps.stamp })
      .from(cacheStamps)
      .prepare('zz_cache_stamps');
    prepared.set(ex, q);
  }
  return q;
}

async function readStamps(ex: Executor): Promise<Stamps> {
  const rows = await stampsQuery(ex).execute();
  const stamp = (name: StampedKind) => rows.find((r) => r.name === name)?.stamp ?? -1;
  return { orgs: stamp('orgs'), config: stamp('config'), sessions: stamp('sessions') };
}

interface CacheOptions {
  /** At most this many entries: the oldest loaded goes first (sessions are many, org rows few). */
  max?: number;
  /** Whether a loaded value is kept (a session token nobody holds must not fill the cache). */
  keep?: (value: unknown) => boolean;
}

/**
 * Values by key, each with the stamps it was loaded under: of one kind, or of several when a value is
 * made of several kinds' rows (a session carries its user's org row).
 */
export class StampedCache<T> {
  private readonly entries = new Map<string, { stamp: string; value: T }>();
  private readonly kinds: StampedKind[];

  constructor(
    kind: StampedKind | StampedKind[],
    private readonly options: CacheOptions = {},
  ) {
    this.kinds = Array.isArray(kind) ? kind : [kind];
  }

  /**
   * The cached value when it was loaded under the current stamp, else `load()`'s (kept for the next
   * request). `ex` reads the stamps: inside a transaction pass it (PGlite has one connection).
   */
  async get(ex: Executor, key: string, load: () => Promise<T>): Promise<T> {
    const scope = scopes.getStore();
    if (!scope) return load();
    scope.stamps ??= readStamps(ex);
    const stamps = await scope.stamps;
    const stamp = this.kinds.map((k) => stamps[k]).join(':');
    const hit = this.entries.get(key);
    if (hit && hit.stamp === stamp) return hit.value;
    const value = await load();
    // A stamp of -1 (no stamp row: a database restored without it) caches nothing.
    if (this.kinds.some((k) => stamps[k] < 0) || (this.options.keep && !this.options.keep(value))) {
      this.entries.delete(key);
      return value;
    }
    this.entries.delete(key);
    this.entries.set(key, { stamp, value });
    const max = this.options.max ?? Number.POSITIVE_INFINITY;
    while (this.entries.size > max) this.entries.delete(this.entries.keys().next().value!);
    return value;
  }

  /** Forgets one key (the caller changed what it holds and would rather read it again). */
  forget(key: string): void {
    this.entries.delete(key);
  }
}
