/**
 * Checking a second factor, used by login and by step-up: a TOTP code of the current step ±1 that
 * is later than the last one used, or an unspent recovery code. Each is consumed in the caller's
 * transaction, atomically, so two requests racing with one code cannot both get through.
 */
import type { Executor } from '../../db/client';
import type { PiiCipher } from '../../pii/pii-cipher';
import * as repo from './auth.repo';
import { acceptedStep, looksLikeRecoveryCode, recoveryCodeHash } from './totp';

export type SecondFactor = 'totp' | 'recovery_code';

export async function useSecondFactor(
  ex: Executor,
  cipher: PiiCipher,
  user: Pick<repo.UserRow, 'id' | 'totpSecret' | 'totpLastStep'>,
  code: string,
  now: Date,
): Promise<SecondFactor | null> {
  if (!user.totpSecret) return null;
  const trimmed = code.trim();
  if (looksLikeRecoveryCode(trimmed)) {
    return (await repo.spendRecoveryCode(ex, user.id, recoveryCodeHash(trimmed), now))
      ? 'recovery_code'
      : null;
  }
  // The secret is stored sealed (auth.repo.ts): opened here, for this check only.
  const secret = cipher.open('totp_secret', user.totpSecret)!;
  const step = acceptedStep(secret, trimmed, now, user.totpLastStep);
  if (step === null) return null;
  return (await repo.claimTotpStep(ex, user.id, step)) ? 'totp' : null;
}
