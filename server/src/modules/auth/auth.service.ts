/**
 * Password login, server-side sessions, lockout and idle timeout (docs/SECURITY.md G7, G8).
 * Tokens: 256 random bits in an HttpOnly cookie; the database keeps only their SHA-256.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Session } from '../../../../core/contracts/auth';
import { passwordProblem } from '../../../../core/domain/accounts/password-policy';
import {
  type SessionRestriction,
  sessionRestriction,
} from '../../../../core/domain/accounts/session-restriction';
import type { Level, OrgKind } from '../../../../core/domain/orgs';
import type { Role } from '../../../../core/domain/roles';
import { AppError } from '../../../../core/errors';
import { requireActor } from '../../authz';
import type { Actor, Deps, RequestCtx } from '../../context';
import { StampedCache, type StampScope, withStampedCaches } from '../../db/stamped-cache';
import { piiCipher } from '../../pii/pii-cipher';
import { recordEvent } from '../events/events.service';
import { toMe, toSession } from './auth.presenter';
import * as repo from './auth.repo';
import { decoyHash, hashPassword, verifyPassword } from './passwords';
import { type SecondFactor, useSecondFactor } from './second-factor';

/** Events about accounts that do not exist belong to no county; they go to the install-wide chain. */
export const INSTALL_COUNTY = '000000';

export function tokenId(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export interface LoginResult {
  token: string;
  session: Session;
}

export async function login(
  deps: Deps,
  ctx: RequestCtx,
  username: string,
  password: string,
  otp?: string,
): Promise<LoginResult> {
  const { database, clock, config } = deps;
  const now = clock.now();
  const user = await repo.findUserByUsername(database.db, username);
  if (!user) return unknownUser(deps, ctx, username.toLowerCase(), password);
  const lockedNow = user.lockedUntil && user.lockedUntil > now;
  if (lockedNow) {
    await database.transaction((tx) =>
      recordEvent(tx, ctx, clock, {
        countyCode: user.countyCode,
        action: 'auth.login',
        objectType: 'user',
        objectId: user.id,
        result: 'denied',
        after: { reason: 'locked', lockedUntil: user.lockedUntil },
      }),
    );
    deps.kickSealer();
    throw lockedError(user.lockedUntil);
  }
  const ok = await verifyPassword(user.passwordHash, password);
  if (!ok) return failedLogin(deps, ctx, user, 'bad_password', 'INVALID_CREDENTIALS');
  if (user.disabled) {
    await database.transaction((tx) =>
      recordEvent(tx, ctx, clock, {
        countyCode: user.countyCode,
        action: 'auth.login',
        objectType: 'user',
        objectId: user.id,
        result: 'denied',
        after: { reason: 'disabled' },
      }),
    );
    deps.kickSealer();
    throw new AppError('ACCOUNT_DISABLED');
  }
  // The second factor (docs/SECURITY.md G9): asked for only after the right password, so the
  // question itself tells nothing to someone without it. A wrong or replayed code counts towards
  // the lockout like a wrong password.
  let secondFactor: SecondFactor | null = null;
  if (user.totpSecret) {
    if (!otp) throw new AppError('OTP_REQUIRED');
    secondFactor = await database.transaction((tx) => useSecondFactor(tx, piiCipher(config), user, otp, now));
    if (!secondFactor) return failedLogin(deps, ctx, user, 'bad_otp', 'OTP_INVALID');
  }
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const roles = (await repo.rolesOf(database.db, user.id)) as Role[];
  const org = await repo.orgOf(database.db, user.orgId);
  await database.transaction(async (tx) => {
    await repo.recordSuccess(tx, user.id, now);
    await repo.insertSession(tx, {
      id: tokenId(token),
      userId: user.id,
      countyCode: user.countyCode,
      csrfToken,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + config.session.absoluteHours * 3600_000),
      ip: ctx.ip,
      userAgent: null,
      // Logging in with a fresh code is itself a step-up.
      stepUpAt: secondFactor ? now : null,
    });
    await recordEvent(tx, { ...ctx, actor: actorOf(user, roles, org, tokenId(token)) }, clock, {
      countyCode: user.countyCode,
      action: 'auth.login',
      objectType: 'user',
      objectId: user.id,
      ...(secondFactor ? { after: { secondFactor } } : {}),
    });
  });
  deps.kickSealer();
  return {
    token,
    session: toSession(
      toMe(user, roles, org, config.twoFactor.policy),
      csrfToken,
      config.session.idleMinutes,
    ),
  };
}

function lockedError(until: Date | null): AppError {
  return new AppError('ACCOUNT_LOCKED', undefined, { lockedUntil: until?.toISOString() });
}

/**
 * A name without an account goes through the same steps as a real one (a password hash checked,
 * failures counted, a lock after the same number of tries, the same answers), so neither the
 * status, the body nor the time taken tells whether the account exists (docs/SECURITY.md G7).
 */
async function unknownUser(deps: Deps, ctx: RequestCtx, username: string, password: string): Promise<never> {
  const { database, clock, config } = deps;
  const now = clock.now();
  const key = username.slice(0, 64);
  const prev = await repo.throttleOf(database.db, key);
  if (prev?.lockedUntil && prev.lockedUntil > now) {
    await database.transaction((tx) =>
      recordEvent(tx, ctx, clock, {
        countyCode: INSTALL_COUNTY,
        action: 'auth.login',
        objectType: 'user',
        objectId: null,
        result: 'denied',
        after: { username: key, reason: 'unknown_user_locked' },
      }),
    );
    deps.kickSealer();
    throw lockedError(prev.lockedUntil);
  }
  await verifyPassword(await decoyHash(), password);
  const row = await database.transaction(async (tx) => {
    const r = await repo.recordUnknownFailure(
      tx,
      key,
      now,
      config.lockout.threshold,
      config.lockout.minutes * 60_000,
    );
    await recordEvent(tx, ctx, clock, {
      countyCode: INSTALL_COUNTY,
      action: 'auth.login',
      objectType: 'user',
      objectId: null,
      result: 'failed',
      after: { username: key, reason: 'unknown_user', failures: r.failedLogins },
    });
    return r;
  });
  deps.kickSealer();
  throw row.lockedUntil ? lockedError(row.lockedUntil) : new AppError('INVALID_CREDENTIALS');
}

async function failedLogin(
  deps: Deps,
  ctx: RequestCtx,
  user: repo.UserRow,
  reason: 'bad_password' | 'bad_otp',
  code: 'INVALID_CREDENTIALS' | 'OTP_INVALID',
): Promise<never> {
  const { database, clock, config } = deps;
  const now = clock.now();
  const lockedUntil = await database.transaction(async (tx) => {
    // A lock that has run out starts a fresh count.
    const base = user.lockedUntil && user.lockedUntil <= now ? 0 : user.failedLogins;
    if (base === 0 && user.failedLogins > 0) await repo.recordSuccessReset(tx, user.id);
    const failures = await repo.recordFailure(tx, user.id, null);
    await recordEvent(tx, ctx, clock, {
      countyCode: user.countyCode,
      action: 'auth.login',
      objectType: 'user',
      objectId: user.id,
      result: 'failed',
      after: { reason, failures },
    });
    if (failures < config.lockout.threshold) return null;
    const until = new Date(now.getTime() + config.lockout.minutes * 60_000);
    await repo.lockUser(tx, user.id, until);
    await recordEvent(tx, ctx, clock, {
      countyCode: user.countyCode,
      action: 'auth.lockout',
      objectType: 'user',
      objectId: user.id,
      after: { lockedUntil: until.toISOString(), failures },
    });
    return until;
  });
  deps.kickSealer();
  throw lockedUntil ? lockedError(lockedUntil) : new AppError(code);
}

function actorOf(
  user: repo.UserRow,
  roles: Role[],
  org: repo.OrgRow | null | undefined,
  sessionId: string,
): Actor {
  return {
    userId: user.id,
    username: user.username,
    displayName: user.displayName,
    roles,
    kind: user.kind as Actor['kind'],
    countyCode: user.countyCode,
    orgId: user.orgId,
    orgPath: org?.path ?? null,
    orgKind: (org?.kind as OrgKind | undefined) ?? null,
    orgLevel: (org?.level as Level | undefined) ?? null,
    sessionId,
  };
}

export interface ResolvedSession {
  actor: Actor;
  csrfToken: string;
  /** Set while the owner must first change the password or enrol a second factor. */
  restriction: SessionRestriction | null;
}

/**
 * Resolves a cookie token to the acting user, enforcing idle timeout, absolute lifetime, disabled
 * accounts and password changes on every request (ASVS 5.0 7.4.2: disabling ends all sessions
 * before the next request).
 */
export function resolveSession(deps: Deps, token: string, scope?: StampScope): Promise<ResolvedSession> {
  return withStampedCaches(() => resolve(deps, token), scope);
}

/**
 * Sessions with their user, roles and org, from a stamped cache (issue 20: the lookup was a statement of
 * its own on every request). Whatever ends or narrows a session bumps the 'sessions' stamp in the
 * writer's transaction (a revocation, any write to users or user_roles; migration 0033) and an org
 * change the 'orgs' stamp, so every instance reads the row again on its next request. Tokens nobody
 * holds are not kept.
 */
const sessionCache = new StampedCache<repo.SessionWithUser | undefined>(['sessions', 'orgs'], {
  max: 10_000,
  keep: (v) => v !== undefined,
});

async function resolve(deps: Deps, token: string): Promise<ResolvedSession> {
  const { database, clock, config } = deps;
  const now = clock.now();
  const id = tokenId(token);
  const idleMs = config.session.idleMinutes * 60_000;
  let found = await sessionCache.get(database.db, id, () => repo.findSession(database.db, id));
  // Another instance may have seen the session since this one cached it (last_seen_at is not stamped):
  // a session is ended for idleness only on the row as it is now.
  if (found && now.getTime() - found.session.lastSeenAt.getTime() > idleMs) {
    sessionCache.forget(id);
    found = await repo.findSession(database.db, id);
  }
  if (!found) throw new AppError('UNAUTHENTICATED');
  const { session, user, org, roles } = found;
  // A disabled account is named as such, even on a session already ended: a grid worker's phone
  // wipes what it keeps on this answer, where a plain 401 (logged out, timed out) keeps the outbox
  // for the worker's next login.
  if (user.disabled) {
    if (!session.revokedAt) await repo.revokeSession(database.db, id, now);
    throw new AppError('ACCOUNT_DISABLED');
  }
  if (session.revokedAt) throw new AppError('UNAUTHENTICATED');
  if (now.getTime() - session.lastSeenAt.getTime() > idleMs || now >= session.expiresAt) {
    await repo.revokeSession(database.db, id, now);
    throw new AppError('SESSION_EXPIRED');
  }
  if (user.passwordChangedAt > session.createdAt) {
    await repo.revokeSession(database.db, id, now);
    throw new AppError('UNAUTHENTICATED');
  }
  // Writing on every request would make each read a write; a minute's granularity is enough
  // against a 30-minute idle limit.
  if (now.getTime() - session.lastSeenAt.getTime() > 60_000) {
    await repo.touchSession(database.db, id, now);
    // The cached row too, or every request after the first minute would write again.
    session.lastSeenAt = now;
  }
  return {
    actor: actorOf(user, roles as Role[], org, id),
    csrfToken: session.csrfToken,
    restriction: sessionRestriction(
      { mustChangePassword: user.mustChangePassword, totpEnrolled: !!user.totpSecret },
      roles as Role[],
      config.twoFactor.policy,
    ),
  };
}

export async function currentSession(deps: Deps, ctx: RequestCtx, csrfToken: string): Promise<Session> {
  const actor = requireActor(ctx);
  const user = await repo.findUserByUsername(deps.database.db, actor.username);
  if (!user) throw new AppError('UNAUTHENTICATED');
  const org = await repo.orgOf(deps.database.db, user.orgId);
  return toSession(
    toMe(user, actor.roles, org, deps.config.twoFactor.policy),
    csrfToken,
    deps.config.session.idleMinutes,
  );
}

export async function logout(deps: Deps, ctx: RequestCtx): Promise<void> {
  const actor = requireActor(ctx);
  await deps.database.transaction(async (tx) => {
    await repo.revokeSession(tx, actor.sessionId, deps.clock.now());
    await recordEvent(tx, ctx, deps.clock, {
      countyCode: actor.countyCode,
      action: 'auth.logout',
      objectType: 'user',
      objectId: actor.userId,
    });
  });
  deps.kickSealer();
}

export async function changePassword(deps: Deps, ctx: RequestCtx, oldPassword: string, newPassword: string) {
  const actor = requireActor(ctx);
  const user = await repo.findUserByUsername(deps.database.db, actor.username);
  if (!user || !(await verifyPassword(user.passwordHash, oldPassword))) {
    throw new AppError('INVALID_CREDENTIALS', '原密码不正确。');
  }
  if (oldPassword === newPassword) throw new AppError('VALIDATION_FAILED', '新密码不能与原密码相同。');
  const problem = passwordProblem(newPassword, user.username);
  if (problem) throw new AppError('VALIDATION_FAILED', problem);
  const hash = await hashPassword(newPassword);
  const now = deps.clock.now();
  await deps.database.transaction(async (tx) => {
    // Every other session ends: passwordChangedAt is later than their creation.
    await repo.setPassword(tx, user.id, hash, now, false);
    await repo.revokeUserSessions(tx, user.id, now);
    await recordEvent(tx, ctx, deps.clock, {
      countyCode: actor.countyCode,
      action: 'auth.password_changed',
      objectType: 'user',
      objectId: user.id,
    });
  });
  deps.kickSealer();
}
