/**
 * Column encryption of identity fields (docs/SECURITY.md G31; 等保 L3 重要个人信息存储保密性):
 * AES-256-GCM with a key from configuration. Each stored value names the key that sealed it, so
 * keys can be rotated: new writes use the current key, older values are opened with the previous
 * keys until the start-up re-seal (pii-reseal.ts) has moved them to the current one. Exact search
 * never needs the plaintext: it goes through the keyed hash (modules/matters/pii.ts, a blind index).
 *
 * Stored form: `enc1:<key id>:<base64url(iv ‖ ciphertext ‖ tag)>`. The field kind is the associated
 * data, so a sealed phone number copied into an ID column does not open.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Config } from '../config';

/**
 * 'court_message': a whole message to the court, which carries the parties' ID and phone numbers.
 * 'totp_secret': a staff member's authenticator secret (docs/SECURITY.md G9): whoever reads it can
 * make their codes, so a copy of the database must not hold it in clear.
 */
export type PiiKind = 'phone' | 'id' | 'name' | 'address' | 'court_message' | 'totp_secret';

export const SEALED_PREFIX = 'enc1:';

export interface PiiCipher {
  readonly currentKeyId: string;
  /** The stored form of a value; null stays null. */
  seal(kind: PiiKind, value: string | null | undefined): string | null;
  /** The value of a stored form; a value stored before encryption (not sealed) is returned as it is. */
  open(kind: PiiKind, stored: string | null | undefined): string | null;
  /** Whether a stored value is sealed with the current key (else the re-seal rewrites it). */
  isCurrent(stored: string | null | undefined): boolean;
}

const IV_BYTES = 12;
const TAG_BYTES = 16;

function keyBytes(id: string, base64: string): Buffer {
  const key = Buffer.from(base64, 'base64');
  if (key.length !== 32) throw new Error(`PII key ${id}: must be 32 bytes (base64), got ${key.length}`);
  return key;
}

export function createPiiCipher(keys: Config['piiEncryption']): PiiCipher {
  const ring = new Map(Object.entries(keys.keys).map(([id, k]) => [id, keyBytes(id, k)]));
  const current = ring.get(keys.currentKeyId);
  if (!current) throw new Error(`PII key ${keys.currentKeyId} is not configured`);
  const currentPrefix = `${SEALED_PREFIX}${keys.currentKeyId}:`;
  return {
    currentKeyId: keys.currentKeyId,
    seal(kind, value) {
      if (value === null || value === undefined) return null;
      const iv = randomBytes(IV_BYTES);
      const c = createCipheriv('aes-256-gcm', current, iv);
      c.setAAD(Buffer.from(kind));
      const body = Buffer.concat([iv, c.update(value, 'utf8'), c.final(), c.getAuthTag()]);
      return `${currentPrefix}${body.toString('base64url')}`;
    },
    open(kind, stored) {
      if (stored === null || stored === undefined) return null;
      if (!stored.startsWith(SEALED_PREFIX)) return stored;
      const [, keyId, data] = stored.split(':');
      const key = keyId ? ring.get(keyId) : undefined;
      // A value sealed with a key no longer configured cannot be read: fail loudly, never show it as text.
      if (!key || !data) throw new Error(`PII value sealed with unknown key ${keyId ?? '?'}`);
      const body = Buffer.from(data, 'base64url');
      const d = createDecipheriv('aes-256-gcm', key, body.subarray(0, IV_BYTES));
      d.setAAD(Buffer.from(kind));
      d.setAuthTag(body.subarray(body.length - TAG_BYTES));
      return Buffer.concat([d.update(body.subarray(IV_BYTES, body.length - TAG_BYTES)), d.final()]).toString(
        'utf8',
      );
    },
    isCurrent(stored) {
      return stored === null || stored === undefined || stored.startsWith(currentPrefix);
    },
  };
}

const byConfig = new WeakMap<object, PiiCipher>();

/** The cipher of a configuration (made once per config object). */
export function piiCipher(config: Readonly<Pick<Config, 'piiEncryption'>>): PiiCipher {
  let c = byConfig.get(config.piiEncryption);
  if (!c) {
    c = createPiiCipher(config.piiEncryption);
    byConfig.set(config.piiEncryption, c);
  }
  return c;
}
