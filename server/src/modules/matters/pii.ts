/**
 * Keyed hashes of ID and phone numbers (HMAC-SHA-256 under the install's PII key): equal numbers find
 * each other for the duplicate check, while the hash alone tells nothing.
 */
import { createHmac } from 'node:crypto';

export function piiHash(key: string, kind: 'phone' | 'id', value: string | null | undefined): string | null {
  if (!value) return null;
  const normal = value.trim().toUpperCase();
  return createHmac('sha256', key).update(`${kind}:${normal}`).digest('hex');
}

/** GB 11643 check digit of an 18-digit resident ID. */
export function validIdNumber(id: string): boolean {
  if (!/^\d{17}[\dX]$/i.test(id)) return false;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = weights.reduce((acc, w, i) => acc + w * Number(id[i]), 0);
  return '10X98765432'[sum % 11] === id[17]!.toUpperCase();
}
