/**
 * Staff accounts. 系统管理员 (user.manage) creates, edits, disables and resets accounts; 安全管理员
 * (user.grant_role) grants roles and unlocks (user.unlock). The three separated administrator roles
 * never meet on one account (checked here and by a unique index in the database).
 */

import { randomUUID } from 'node:crypto';
import type { CreateUserBody, UpdateUserBody, UserSummary } from '../../../../core/contracts/users';
import { type Action, can, rolesWith } from '../../../../core/domain/permissions';
import { breaksDutySeparation, type Role, separatedAdminRoles } from '../../../../core/domain/roles';
import { AppError } from '../../../../core/errors';
import { assertWithin, jurisdictionOf, requirePermission } from '../../authz';
import type { Actor, Deps, RequestCtx } from '../../context';
import type { Executor } from '../../db/client';
import { piiCipher } from '../../pii/pii-cipher';
import { hashPassword } from '../auth/passwords';
import { clearSecondFactor } from '../auth/two-factor.service';
import { getOrgRow } from '../orgs/orgs.service';
import { auditView, toUserSummary } from './users.presenter';

/**
 * Staff phone numbers are stored sealed (docs/SECURITY.md G31; kind 'phone'): sealed here on every write
 * and opened here before anything is shown (masked) or logged (masked, auditView).
 */
function sealPhone(deps: Deps, phone: string | null): string | null {
  return piiCipher(deps.config).seal('phone', phone);
}

function withPhone<T extends { phone: string | null }>(deps: Deps, user: T): T {
  return { ...user, phone: piiCipher(deps.config).open('phone', user.phone) };
}

import { write } from '../events/write';
import * as repo from './users.repo';

const isSeparated = (r: string) => (separatedAdminRoles as readonly string[]).includes(r);

export async function listUsers(
  deps: Deps,
  ctx: RequestCtx,
  q: {
    page: number;
    pageSize: number;
    q?: string | undefined;
    orgId?: string | undefined;
    role?: string | undefined;
  },
) {
  const actor = requirePermission(ctx, 'user.read');
  const j = jurisdictionOf(actor);
  const { rows, total } = await repo.list(
    deps.database.db,
    { countyCode: j.countyCode, path: j.orgPath, q: q.q, orgId: q.orgId, role: q.role },
    q.pageSize,
    (q.page - 1) * q.pageSize,
  );
  const roles = await repo.rolesByUser(
    deps.database.db,
    rows.map((r) => r.user.id),
  );
  const now = deps.clock.now();
  return {
    items: rows.map((r) =>
      toUserSummary({ ...r, user: withPhone(deps, r.user) }, roles.get(r.user.id) ?? [], now),
    ),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
}

export async function visibleUser(deps: Deps, actor: Actor, id: string) {
  const found = await repo.byId(deps.database.db, id);
  if (!found?.org) throw new AppError('NOT_FOUND');
  assertWithin(actor, found.org.countyCode, found.org.path);
  return found as repo.UserWithOrg & { org: repo.OrgRow };
}

export async function summary(deps: Deps, id: string): Promise<UserSummary> {
  const found = await repo.byId(deps.database.db, id);
  if (!found) throw new AppError('NOT_FOUND');
  const roles = await repo.rolesByUser(deps.database.db, [id]);
  return toUserSummary(
    { ...found, user: withPhone(deps, found.user) },
    roles.get(id) ?? [],
    deps.clock.now(),
  );
}

export async function getUser(deps: Deps, ctx: RequestCtx, id: string): Promise<UserSummary> {
  const actor = requirePermission(ctx, 'user.read');
  await visibleUser(deps, actor, id);
  return summary(deps, id);
}

export async function createUser(deps: Deps, ctx: RequestCtx, body: CreateUserBody): Promise<UserSummary> {
  const actor = requirePermission(ctx, 'user.manage');
  const org = await getOrgRow(deps, body.orgId);
  if (!org) throw new AppError('NOT_FOUND');
  assertWithin(actor, org.countyCode, org.path);
  if (body.roles.some(isSeparated)) {
    throw new AppError('FORBIDDEN', '系统管理员、安全管理员、审计管理员角色只能由安全管理员授予。');
  }
  if (body.roles.includes('resident')) throw new AppError('UNPROCESSABLE', '群众账号不在此处创建。');
  if (await repo.byUsername(deps.database.db, body.username)) {
    throw new AppError('ALREADY_EXISTS', `用户名 ${body.username} 已被使用。`);
  }
  const now = deps.clock.now();
  const id = randomUUID();
  const passwordHash = await hashPassword(body.password);
  await write(deps, ctx, async ({ tx, event }) => {
    await repo.insert(tx, {
      id,
      countyCode: org.countyCode,
      username: body.username,
      displayName: body.displayName,
      phone: sealPhone(deps, body.phone ?? null),
      orgId: org.id,
      kind: 'staff',
      passwordHash,
      // An administrator chose this password; the person must choose their own at first login.
      mustChangePassword: true,
      passwordChangedAt: now,
      createdAt: now,
      updatedAt: now,
    });
    await repo.replaceRoles(tx, id, org.countyCode, [...new Set(body.roles)], actor.userId, now);
    await event({
      countyCode: org.countyCode,
      action: 'user.created',
      objectType: 'user',
      objectId: id,
      after: {
        username: body.username,
        roles: body.roles,
        ...auditView({ ...body, phone: body.phone ?? null, disabled: false }),
      },
    });
  });
  return summary(deps, id);
}

export function guardSeparatedTargets(actor: Actor, targetRoles: string[]) {
  // A system administrator must not be able to take over the accounts that watch them.
  if (
    !can(actor.roles, 'user.manage_separated') &&
    targetRoles.some((r) => r === 'sec_admin' || r === 'audit_admin')
  ) {
    throw new AppError('FORBIDDEN', '安全管理员和审计管理员的账号不由系统管理员管理。');
  }
}

export async function updateUser(
  deps: Deps,
  ctx: RequestCtx,
  id: string,
  body: UpdateUserBody,
): Promise<UserSummary> {
  const actor = requirePermission(ctx, 'user.manage');
  const found = await visibleUser(deps, actor, id);
  const roles = (await repo.rolesByUser(deps.database.db, [id])).get(id) ?? [];
  guardSeparatedTargets(actor, roles);
  if (id === actor.userId && body.disabled) throw new AppError('UNPROCESSABLE', '不能停用自己的账号。');
  if (body.orgId && body.orgId !== found.user.orgId) {
    const target = await getOrgRow(deps, body.orgId);
    if (!target) throw new AppError('NOT_FOUND');
    assertWithin(actor, target.countyCode, target.path);
  }
  const patch: Parameters<typeof repo.update>[3] = {};
  if (body.displayName !== undefined) patch.displayName = body.displayName;
  if (body.phone !== undefined) patch.phone = sealPhone(deps, body.phone);
  if (body.orgId !== undefined) patch.orgId = body.orgId;
  if (body.disabled !== undefined) patch.disabled = body.disabled;
  const now = deps.clock.now();
  await write(deps, ctx, async ({ tx, event }) => {
    const updated = await repo.update(tx, id, found.user.version, patch, now);
    if (!updated) throw new AppError('CONFLICT');
    await event({
      countyCode: found.user.countyCode,
      action:
        body.disabled === true ? 'user.disabled' : body.disabled === false ? 'user.enabled' : 'user.updated',
      objectType: 'user',
      objectId: id,
      before: auditView(withPhone(deps, found.user)),
      after: auditView(withPhone(deps, updated)),
    });
  });
  return summary(deps, id);
}

export async function setRoles(deps: Deps, ctx: RequestCtx, id: string, roles: Role[]): Promise<UserSummary> {
  const actor = requirePermission(ctx, 'user.grant_role');
  const found = await visibleUser(deps, actor, id);
  if (id === actor.userId) throw new AppError('FORBIDDEN', '不能修改自己的角色。');
  const next = [...new Set(roles)].sort();
  if (breaksDutySeparation(next)) throw new AppError('DUTY_SEPARATION');
  if (next.includes('resident')) throw new AppError('UNPROCESSABLE', '工作人员账号不能授予群众角色。');
  const before = (await repo.rolesByUser(deps.database.db, [id])).get(id) ?? [];
  const now = deps.clock.now();
  await write(deps, ctx, async ({ tx, event }) => {
    await repo.replaceRoles(tx, id, found.user.countyCode, next, actor.userId, now);
    await event({
      countyCode: found.user.countyCode,
      action: 'user.roles_changed',
      objectType: 'user',
      objectId: id,
      before: { roles: before },
      after: { roles: next },
    });
  });
  return summary(deps, id);
}

export async function unlockUser(deps: Deps, ctx: RequestCtx, id: string): Promise<UserSummary> {
  const actor = requirePermission(ctx, 'user.unlock');
  const found = await visibleUser(deps, actor, id);
  await write(deps, ctx, async ({ tx, event }) => {
    const u = await repo.update(
      tx,
      id,
      found.user.version,
      { failedLogins: 0, lockedUntil: null },
      deps.clock.now(),
    );
    if (!u) throw new AppError('CONFLICT');
    await event({
      countyCode: found.user.countyCode,
      action: 'user.unlocked',
      objectType: 'user',
      objectId: id,
      before: { lockedUntil: found.user.lockedUntil, failedLogins: found.user.failedLogins },
    });
  });
  return summary(deps, id);
}

/**
 * Removes a lost authenticator (安全管理员, like an unlock): the owner logs in with the password alone
 * and, where the policy requires a second factor, must enrol a new one before anything else.
 * Every session of the account ends.
 */
export async function resetTwoFactor(deps: Deps, ctx: RequestCtx, id: string): Promise<UserSummary> {
  const actor = requirePermission(ctx, 'user.unlock');
  const found = await visibleUser(deps, actor, id);
  if (id === actor.userId) throw new AppError('FORBIDDEN', '不能解除自己的身份验证器绑定。');
  if (!found.user.totpSecret) throw new AppError('UNPROCESSABLE', '该账号没有绑定身份验证器。');
  const now = deps.clock.now();
  await write(deps, ctx, async ({ tx, event }) => {
    await clearSecondFactor(tx, id, now);
    await event({
      countyCode: found.user.countyCode,
      action: 'user.two_factor_reset',
      objectType: 'user',
      objectId: id,
      before: { enrolledAt: found.user.totpEnabledAt },
    });
  });
  return summary(deps, id);
}

/** For the demo seed, inside its transaction: accounts and their roles as given. */
export async function insertSeedUsers(
  ex: Executor,
  users: Parameters<typeof repo.insertMany>[1],
  roles: Parameters<typeof repo.insertRoles>[1],
): Promise<void> {
  await repo.insertMany(ex, users);
  await repo.insertRoles(ex, roles);
}

/** A staff member's name as other modules print it (the mediator named to the court, on documents). */
export async function displayNameOf(ex: Executor, id: string): Promise<string | null> {
  return (await repo.byId(ex, id))?.user.displayName ?? null;
}

/** The org an account belongs to (the committee a mediator serves on). */
export async function orgIdOfUser(ex: Executor, id: string): Promise<string | null> {
  return (await repo.byId(ex, id))?.user.orgId ?? null;
}

/** Does an account exist in this county (another module links a person to their account)? */
export async function userInCounty(deps: Deps, id: string, countyCode: string): Promise<boolean> {
  const u = await repo.byId(deps.database.db, id);
  return !!u && u.user.countyCode === countyCode;
}

/** Active accounts of an org holding the permission (whom to tell about its matters). */
export async function usersOfOrg(
  deps: Deps,
  orgId: string,
  permission: Action,
  ex: Executor = deps.database.db,
): Promise<string[]> {
  return repo.idsOfOrgWithRoles(ex, orgId, rolesWith(permission));
}
