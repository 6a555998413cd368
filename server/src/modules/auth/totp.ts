/**
 * TOTP (RFC 6238, 30-second steps, 6 digits, SHA-1: what every authenticator app reads) through
 * otplib, and the recovery codes of an enrolment (docs/SECURITY.md G9).
 */
import { createHash, randomBytes } from 'node:crypto';
import { generateSecret, generateSync, generateURI, verifySync } from 'otplib';
import QRCode from 'qrcode';

const PERIOD = 30;
/** One step either side: a phone whose clock is up to 30 seconds off still gets in. */
const TOLERANCE_SECONDS = PERIOD;
export const ISSUER = '综治';

export function newTotpSecret(): string {
  return generateSecret();
}

export function otpauthUri(secret: string, username: string): string {
  return generateURI({ issuer: ISSUER, label: username, secret });
}

/** The enrolment QR code as an SVG document (no image request leaves the page). */
export function qrSvg(uri: string): Promise<string> {
  return QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
}

/**
 * The time step the code belongs to when it is valid now (±1 step) and later than `lastStep`
 * (a code already used, or one older than the last used, is refused); null otherwise.
 */
export function acceptedStep(
  secret: string,
  code: string,
  now: Date,
  lastStep: number | null,
): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const r = verifySync({
    secret,
    token: code,
    epoch: Math.floor(now.getTime() / 1000),
    epochTolerance: TOLERANCE_SECONDS,
    ...(lastStep !== null ? { afterTimeStep: lastStep } : {}),
  });
  return r.valid && 'timeStep' in r ? r.timeStep : null;
}

/** The code an authenticator shows at `at` (tests, and the demo's documented enrolment). */
export function codeAt(secret: string, at: Date): string {
  return generateSync({ secret, epoch: Math.floor(at.getTime() / 1000) });
}

/** Ten codes of 12 base32 characters (60 random bits each), shown once as xxxx-xxxx-xxxx. */
export function newRecoveryCodes(): string[] {
  const alphabet = 'abcdefghijkmnpqrstuvwxyz23456789';
  return Array.from({ length: 10 }, () => {
    const bytes = randomBytes(12);
    const chars = [...bytes].map((b) => alphabet[b % 32]).join('');
    return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}`;
  });
}

/** What is stored of a recovery code: its SHA-256 (60 random bits make a slow hash unnecessary). */
export function recoveryCodeHash(code: string): string {
  const normal = code.toLowerCase().replace(/[^a-z0-9]/g, '');
  return createHash('sha256').update(normal).digest('hex');
}

export function looksLikeRecoveryCode(code: string): boolean {
  return code.replace(/[^a-zA-Z0-9]/g, '').length === 12;
}
