/**
 * What the residents' pages need of TanStack Query (about 12 KB compressed), in a few lines: a GET
 * answer shared by every component that asks for the same key, kept for the page's life, retried
 * twice; and an action (a POST) with its pending and error state.
 */
import { useCallback, useEffect, useReducer, useRef, useState } from 'react';

interface Entry {
  data?: unknown;
  error?: Error;
  at: number;
  loading: boolean;
  subs: Set<() => void>;
}

const cache = new Map<string, Entry>();

function entryOf(key: string): Entry {
  let e = cache.get(key);
  if (!e) {
    e = { at: 0, loading: false, subs: new Set() };
    cache.set(key, e);
  }
  return e;
}

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function load(e: Entry, fn: () => Promise<unknown>, retry: (n: number, e: unknown) => boolean) {
  if (e.loading) return;
  e.loading = true;
  for (let n = 0; ; n++) {
    try {
      e.data = await fn();
      e.error = undefined;
      e.at = Date.now();
      break;
    } catch (err) {
      if (!retry(n, err)) {
        e.error = err instanceof Error ? err : new Error(String(err));
        break;
      }
      await wait(1000 * 2 ** n);
    }
  }
  e.loading = false;
  for (const s of e.subs) s();
}

export interface FetchState<T> {
  data: T | undefined;
  error: Error | undefined;
  isPending: boolean;
  isError: boolean;
  /** Ask again now (after an action changed the answer); the one held stays on screen meanwhile. */
  reload: () => void;
}

/**
 * The answer for `key` (null: not yet, e.g. until the county is known). `staleMs`: how long an answer
 * already held is good for before a component that mounts asks again.
 */
export function useFetch<T>(
  key: string | null,
  fn: () => Promise<T>,
  opts: { staleMs?: number; retry?: (n: number, e: unknown) => boolean } = {},
): FetchState<T> {
  const [, tick] = useReducer((x: number) => x + 1, 0);
  const fnRef = useRef(fn);
  fnRef.current = fn;
  const { staleMs = 0, retry = (n: number) => n < 2 } = opts;
  const retryRef = useRef(retry);
  retryRef.current = retry;
  useEffect(() => {
    if (!key) return;
    const e = entryOf(key);
    e.subs.add(tick);
    const fresh = e.data !== undefined && Date.now() - e.at <= staleMs;
    if (!fresh) void load(e, () => fnRef.current(), retryRef.current);
    return () => {
      e.subs.delete(tick);
    };
  }, [key, staleMs]);
  const reload = useCallback(() => {
    if (key) void load(entryOf(key), () => fnRef.current(), retryRef.current);
  }, [key]);
  const e = key ? cache.get(key) : undefined;
  const data = e?.data as T | undefined;
  const error = data === undefined ? e?.error : undefined;
  return { data, error, isPending: data === undefined && !error, isError: !!error, reload };
}

export interface ActionState<A, R> {
  run: (arg: A) => Promise<R | undefined>;
  isPending: boolean;
  error: Error | null;
  reset: () => void;
}

/** A state-changing request: `run` resolves to the answer, or to undefined with `error` set. */
export function useAction<A, R>(fn: (arg: A) => Promise<R>): ActionState<A, R> {
  const [isPending, setPending] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const fnRef = useRef(fn);
  fnRef.current = fn;
  const run = useCallback(async (arg: A) => {
    setPending(true);
    setError(null);
    try {
      return await fnRef.current(arg);
    } catch (e) {
      setError(e instanceof Error ? e : new Error(String(e)));
      return undefined;
    } finally {
      setPending(false);
    }
  }, []);
  return { run, isPending, error, reset: useCallback(() => setError(null), []) };
}
