/**
 * When to try a failed court delivery again: doubling from 5 s up to one hour, with ±20 % jitter so
 * that messages that failed together do not all come back together. Nothing is ever given up: a
 * court down for a day still gets every message once it is back (the idempotency key makes a late
 * duplicate harmless).
 */
export const firstRetrySeconds = 5;
export const maxRetrySeconds = 3600;

export function retryDelaySeconds(attempts: number, random: () => number = Math.random): number {
  const base = Math.min(maxRetrySeconds, firstRetrySeconds * 2 ** Math.max(0, attempts - 1));
  return Math.round(base * (0.8 + 0.4 * random()));
}
