/**
 * One code for life (一案一码, docs/LEGAL.md §7.5): `620602-2026-000123` = the 6-digit county division code, the
 * year of intake, and a 6-digit sequence per county and year. The code is public and guessable, so a
 * resident's lookup also needs the tracking secret below (docs/SECURITY.md G24: ≥128-bit random receipt
 * secrets, ASVS 5.0 11.5.1). This file only formats and validates; the server draws the random bytes
 * and the sequence number.
 */

export interface MatterCodeParts {
  countyCode: string;
  year: number;
  seq: number;
}

export const matterCodePattern = /^([1-9]\d{5})-(\d{4})-(\d{6})$/;
export const maxMatterSeq = 999_999;

/** A county-level division code: six digits, and a prefecture code (ending in 00) is not a county. */
function isCountyCode(code: string): boolean {
  return /^[1-9]\d{5}$/.test(code) && !code.endsWith('00');
}

function isYear(year: number): boolean {
  return Number.isInteger(year) && year >= 2000 && year <= 2999;
}

/** Formats the parts; throws RangeError on a programming error (bad county code, year or sequence). */
export function formatMatterCode(parts: MatterCodeParts): string {
  if (!isCountyCode(parts.countyCode)) throw new RangeError(`not a county code: ${parts.countyCode}`);
  if (!isYear(parts.year)) throw new RangeError(`year out of range: ${parts.year}`);
  if (!Number.isInteger(parts.seq) || parts.seq < 1 || parts.seq > maxMatterSeq) {
    throw new RangeError(`sequence out of range: ${parts.seq}`);
  }
  return `${parts.countyCode}-${parts.year}-${String(parts.seq).padStart(6, '0')}`;
}

/** Parses a code typed or read aloud: surrounding spaces and full-width hyphens are forgiven. */
export function parseMatterCode(input: string): MatterCodeParts | null {
  const text = input.trim().replace(/[－—–‐]/g, '-');
  const m = matterCodePattern.exec(text);
  if (!m) return null;
  const [, countyCode = '', yearText = '', seqText = ''] = m;
  const year = Number(yearText);
  const seq = Number(seqText);
  if (!isCountyCode(countyCode) || !isYear(year) || seq < 1) return null;
  return { countyCode, year, seq };
}

/**
 * What a resident typed or copied from an SMS, in the canonical form: `6206022026000123`,
 * `620602 2026 000123`, full-width digits or dashes all become `620602-2026-000123`. Anything that
 * is not 16 digits comes back trimmed, as typed, for the pattern check to refuse.
 */
export function normalizeMatterCode(input: string): string {
  const halfWidth = input.trim().replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
  const digits = halfWidth.replace(/[\s\-－—–‐_.]/g, '');
  if (!/^\d{16}$/.test(digits)) return halfWidth;
  return `${digits.slice(0, 6)}-${digits.slice(6, 10)}-${digits.slice(10)}`;
}

export function isMatterCode(input: unknown): input is string {
  return typeof input === 'string' && matterCodePattern.test(input) && parseMatterCode(input) !== null;
}

/*
 * Tracking secret (查询密码). 128 random bits in Crockford base32 (digits and capitals without I, L, O
 * and U, so nothing reads as another character aloud), plus two check characters, grouped 4 by 4:
 * `7K3M-Q9XR-…` (7 groups, 28 characters). The check is the value modulo 1021, a prime above 31, so
 * every single wrong character and every swap of two neighbours is caught before the rate-limited
 * lookup is spent.
 */
export const crockfordAlphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const trackingSecretBytes = 16;
const dataChars = 26; // ceil(128 / 5)
const checkModulus = 1021n;
const groupSize = 4;

function toBase32(value: bigint, length: number): string {
  let out = '';
  let v = value;
  for (let i = 0; i < length; i++) {
    out = crockfordAlphabet.charAt(Number(v % 32n)) + out;
    v /= 32n;
  }
  return out;
}

function checkChars(value: bigint): string {
  return toBase32(value % checkModulus, 2);
}

function group(raw: string): string {
  return raw.match(new RegExp(`.{1,${groupSize}}`, 'g'))?.join('-') ?? raw;
}

/** Formats 16 random bytes (from the server's CSPRNG) as a tracking secret. */
export function formatTrackingSecret(bytes: Uint8Array): string {
  if (bytes.length !== trackingSecretBytes) {
    throw new RangeError(`a tracking secret takes exactly ${trackingSecretBytes} bytes`);
  }
  let value = 0n;
  for (const b of bytes) value = (value << 8n) | BigInt(b);
  return group(toBase32(value, dataChars) + checkChars(value));
}

/**
 * Normalises what a resident typed or read aloud (case, spaces, hyphens; O→0, I/L→1 as Crockford
 * decodes them) and checks it. Returns the canonical grouped form and the 16 bytes (for hashing), or
 * null when it is not a valid secret.
 */
export function parseTrackingSecret(input: string): { secret: string; bytes: Uint8Array } | null {
  const raw = input
    .toUpperCase()
    .replace(/[\s\-－_]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (raw.length !== dataChars + 2) return null;
  let value = 0n;
  for (const ch of raw.slice(0, dataChars)) {
    const d = crockfordAlphabet.indexOf(ch);
    if (d < 0) return null;
    value = value * 32n + BigInt(d);
  }
  if (value >> 128n !== 0n) return null;
  if (raw.slice(dataChars) !== checkChars(value)) return null;
  const bytes = new Uint8Array(trackingSecretBytes);
  for (let i = trackingSecretBytes - 1; i >= 0; i--) {
    bytes[i] = Number(value & 0xffn);
    value >>= 8n;
  }
  return { secret: group(raw), bytes };
}

export function isTrackingSecret(input: unknown): input is string {
  return typeof input === 'string' && parseTrackingSecret(input) !== null;
}
