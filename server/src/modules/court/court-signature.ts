/**
 * HMAC-SHA256 request signatures for the court platform, both directions (docs/COURT-API.md §2).
 * Used by the outbound client, the inbound routes and the court simulator, so all three sign the
 * same way.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { signatureHeaders as H, precheck, signingString } from '../../../../core/domain/court/signing-string';

export function sha256Hex(body: string | Buffer): string {
  return createHash('sha256').update(body).digest('hex');
}

export function signature(secret: string, p: Parameters<typeof signingString>[0]): string {
  return createHmac('sha256', secret).update(signingString(p)).digest('hex');
}

/** The headers that sign one request. */
export function signRequest(p: {
  method: string;
  path: string;
  body: string;
  keyId: string;
  secret: string;
  now: Date;
  nonce?: string;
}): Record<string, string> {
  const timestamp = String(Math.floor(p.now.getTime() / 1000));
  const nonce = p.nonce ?? randomBytes(16).toString('base64url');
  return {
    [H.keyId]: p.keyId,
    [H.timestamp]: timestamp,
    [H.nonce]: nonce,
    [H.signature]: signature(p.secret, {
      method: p.method,
      path: p.path,
      timestamp,
      nonce,
      bodySha256: sha256Hex(p.body),
    }),
  };
}

export type VerifyResult =
  | { ok: true; keyId: string; nonce: string }
  | { ok: false; problem: 'missing' | 'stale' | 'bad_nonce' | 'unknown_key' | 'bad_signature' };

/** Checks one request's signature; the caller then checks the nonce was never seen (replay). */
export function verifyRequest(p: {
  method: string;
  path: string;
  rawBody: string;
  headers: Record<string, string | string[] | undefined>;
  secretFor: (keyId: string) => string | null;
  now: Date;
}): VerifyResult {
  const one = (name: string) => {
    const v = p.headers[name];
    return typeof v === 'string' ? v : undefined;
  };
  const h = {
    keyId: one(H.keyId),
    timestamp: one(H.timestamp),
    nonce: one(H.nonce),
    signature: one(H.signature),
  };
  const problem = precheck(h, Math.floor(p.now.getTime() / 1000));
  if (problem) return { ok: false, problem };
  const secret = p.secretFor(h.keyId!);
  if (!secret) return { ok: false, problem: 'unknown_key' };
  const expected = Buffer.from(
    signature(secret, {
      method: p.method,
      path: p.path,
      timestamp: h.timestamp!,
      nonce: h.nonce!,
      bodySha256: sha256Hex(p.rawBody),
    }),
    'hex',
  );
  const sent = Buffer.from(/^[0-9a-f]{64}$/.test(h.signature!) ? h.signature! : '', 'hex');
  if (sent.length !== expected.length || !timingSafeEqual(sent, expected)) {
    return { ok: false, problem: 'bad_signature' };
  }
  return { ok: true, keyId: h.keyId!, nonce: h.nonce! };
}
