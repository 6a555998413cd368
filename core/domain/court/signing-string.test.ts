import { describe, expect, it } from 'vitest';
import { precheck, signingString } from './signing-string';

describe('court request signing string', () => {
  it('joins method, path, timestamp, nonce and body hash by newlines', () => {
    expect(
      signingString({ method: 'post', path: '/a?b=1', timestamp: '1700000000', nonce: 'n', bodySha256: 'h' }),
    ).toBe('POST\n/a?b=1\n1700000000\nn\nh');
  });

  const ok = { keyId: 'k', timestamp: '1700000000', nonce: 'abcdefghijklmnop', signature: 's' };
  it('accepts a complete, fresh header set', () => {
    expect(precheck(ok, 1700000000 + 300)).toBeNull();
    expect(precheck(ok, 1700000000 - 300)).toBeNull();
  });
  it('refuses missing headers, short nonces and stale or malformed timestamps', () => {
    expect(precheck({ ...ok, signature: undefined }, 1700000000)).toBe('missing');
    expect(precheck({ ...ok, nonce: 'short' }, 1700000000)).toBe('bad_nonce');
    expect(precheck(ok, 1700000000 + 301)).toBe('stale');
    expect(precheck({ ...ok, timestamp: '17e8' }, 1700000000)).toBe('stale');
  });
});
