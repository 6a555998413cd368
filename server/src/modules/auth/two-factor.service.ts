/**
 * Enrolling a TOTP authenticator, the step-up (a fresh code before API keys, unmasking and exports)
 * and the security administrator's removal of a lost authenticator (docs/SECURITY.md G9).
 */
import type { RecoveryCodes } from '../../../../core/contracts/auth';
import { AppError } from '../../../../core/errors';
import { requireActor } from '../../authz';
import type { Deps, RequestCtx } from '../../context';
import type { Executor } from '../../db/client';
import { piiCipher } from '../../pii/pii-cipher';
import { recordEvent } from '../events/events.service';
import * as repo from './auth.repo';
import { useSecondFactor } from './second-factor';
import { acceptedStep, newRecoveryCodes, newTotpSecret, otpauthUri, qrSvg, recoveryCodeHash } from './totp';

async function currentUser(deps: Deps, ctx: RequestCtx) {
  const actor = requireActor(ctx);
  const user = await repo.findUserByUsername(deps.database.db, actor.username);
  if (!user) throw new AppError('UNAUTHENTICATED');
  return { actor, user };
}

/**
 * Offers a new secret. Replacing an authenticator already bound takes a fresh code from it first
 * (step-up), so a session left open cannot move the second factor to another phone.
 */
export async function startEnrolment(deps: Deps, ctx: RequestCtx) {
  const { user } = await currentUser(deps, ctx);
  if (user.totpSecret) await requireStepUp(deps, ctx);
  const secret = newTotpSecret();
  await repo.setPendingTotp(deps.database.db, piiCipher(deps.config), user.id, secret);
  const uri = otpauthUri(secret, user.username);
  return { secret, otpauthUri: uri, qrSvg: await qrSvg(uri) };
}

/** The first code from the authenticator binds it; the recovery codes are shown this once. */
export async function confirmEnrolment(deps: Deps, ctx: RequestCtx, code: string): Promise<RecoveryCodes> {
  const { actor, user } = await currentUser(deps, ctx);
  const cipher = piiCipher(deps.config);
  const secret = cipher.open('totp_secret', user.totpPendingSecret);
  if (!secret) {
    throw new AppError('UNPROCESSABLE', '请先点击“绑定身份验证器”，扫描二维码后再输入验证码。');
  }
  const now = deps.clock.now();
  const step = acceptedStep(secret, code, now, null);
  if (step === null) throw new AppError('OTP_INVALID');
  const codes = newRecoveryCodes();
  await deps.database.transaction(async (tx) => {
    await repo.enableTotp(tx, cipher, user.id, secret, step, codes.map(recoveryCodeHash), now);
    await repo.markStepUp(tx, actor.sessionId, now);
    await recordEvent(tx, ctx, deps.clock, {
      countyCode: user.countyCode,
      action: user.totpSecret ? 'auth.totp_replaced' : 'auth.totp_enrolled',
      objectType: 'user',
      objectId: user.id,
      after: { recoveryCodes: codes.length },
    });
  });
  deps.kickSealer();
  return { recoveryCodes: codes };
}

/** A fresh code (or a recovery code) opens the step-up window of this session. */
export async function stepUp(deps: Deps, ctx: RequestCtx, code: string): Promise<void> {
  const { actor, user } = await currentUser(deps, ctx);
  if (!user.totpSecret) throw new AppError('UNPROCESSABLE', '您还没有绑定身份验证器。');
  const now = deps.clock.now();
  const used = await deps.database.transaction(async (tx) => {
    const factor = await useSecondFactor(tx, piiCipher(deps.config), user, code, now);
    if (factor) await repo.markStepUp(tx, actor.sessionId, now);
    await recordEvent(tx, ctx, deps.clock, {
      countyCode: user.countyCode,
      action: 'auth.step_up',
      objectType: 'user',
      objectId: user.id,
      result: factor ? 'ok' : 'failed',
      ...(factor ? { after: { secondFactor: factor } } : {}),
    });
    return factor;
  });
  deps.kickSealer();
  if (!used) throw new AppError('OTP_INVALID');
}

/**
 * The reusable step-up check, called by services before issuing API keys, unmasking and exporting:
 * an account with a second factor must have given a fresh code on this session within the last
 * STEP_UP_MINUTES. An account without one has nothing more to prove (where the policy requires a
 * second factor, such an account cannot get past enrolment to get here).
 */
export async function requireStepUp(deps: Deps, ctx: RequestCtx): Promise<void> {
  const actor = requireActor(ctx);
  const state = await repo.stepUpState(deps.database.db, actor.sessionId);
  if (!state?.enrolled) return;
  const windowMs = deps.config.twoFactor.stepUpMinutes * 60_000;
  const now = deps.clock.now().getTime();
  if (!state.stepUpAt || now - state.stepUpAt.getTime() > windowMs) throw new AppError('STEP_UP_REQUIRED');
}

/** Recovery codes still unspent (the account page warns when few are left). */
export async function recoveryCodesLeft(deps: Deps, ctx: RequestCtx): Promise<number> {
  const { user } = await currentUser(deps, ctx);
  return repo.unusedRecoveryCodes(deps.database.db, user.id);
}

/** For the security administrator's removal of a lost authenticator: gone, and every session ends. */
export async function clearSecondFactor(ex: Executor, userId: string, at: Date): Promise<void> {
  await repo.clearTotp(ex, userId, at);
  await repo.revokeUserSessions(ex, userId, at);
}
