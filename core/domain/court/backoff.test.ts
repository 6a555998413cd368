import { describe, expect, it } from 'vitest';
import { maxRetrySeconds, retryDelaySeconds } from './backoff';

describe('court delivery backoff', () => {
  it('doubles from 5 s and stops growing at one hour', () => {
    const mid = () => 0.5;
    expect([1, 2, 3, 4].map((a) => retryDelaySeconds(a, mid))).toEqual([5, 10, 20, 40]);
    expect(retryDelaySeconds(20, mid)).toBe(maxRetrySeconds);
    expect(retryDelaySeconds(200, mid)).toBe(maxRetrySeconds);
  });

  it('spreads retries by ±20 %', () => {
    expect(retryDelaySeconds(3, () => 0)).toBe(16);
    expect(retryDelaySeconds(3, () => 0.999999)).toBe(24);
  });
});
