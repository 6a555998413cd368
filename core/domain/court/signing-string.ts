/**
 * What a court-platform request signs (docs/COURT-API.md §2): method, path with query, timestamp,
 * nonce and the SHA-256 of the exact body bytes, one per line. Signing the body's hash and not a
 * re-serialised object means both sides sign the bytes that travelled.
 */
export const signatureHeaders = {
  keyId: 'x-court-key-id',
  timestamp: 'x-court-timestamp',
  nonce: 'x-court-nonce',
  signature: 'x-court-signature',
  idempotencyKey: 'idempotency-key',
} as const;

/** Calls older or newer than this (seconds) are refused as stale; nonces are kept twice as long. */
export const freshnessSeconds = 300;

export function signingString(p: {
  method: string;
  path: string;
  timestamp: string;
  nonce: string;
  bodySha256: string;
}): string {
  return [p.method.toUpperCase(), p.path, p.timestamp, p.nonce, p.bodySha256].join('\n');
}

export type SignatureProblem = 'missing' | 'stale' | 'bad_nonce';

/** The checks that need no key: all headers there, a sane nonce, a timestamp inside the window. */
export function precheck(
  h: { keyId?: string; timestamp?: string; nonce?: string; signature?: string },
  nowSeconds: number,
): SignatureProblem | null {
  if (!h.keyId || !h.timestamp || !h.nonce || !h.signature) return 'missing';
  if (!/^[A-Za-z0-9_-]{16,64}$/.test(h.nonce)) return 'bad_nonce';
  if (!/^\d{9,11}$/.test(h.timestamp)) return 'stale';
  return Math.abs(nowSeconds - Number(h.timestamp)) > freshnessSeconds ? 'stale' : null;
}
