/**
 * Password resets by an administrator (docs/SECURITY.md G9, no impersonation). The system
 * administrator resets; the owner must choose a new password at the next login (enforced by the
 * session restriction); a leader's or business administrator's reset waits for the security
 * administrator's approval. Every step is in the event log.
 */
import { randomUUID } from 'node:crypto';
import type { PasswordResetRequest, UserSummary } from '../../../../core/contracts/users';
import { resetNeedsApproval } from '../../../../core/domain/accounts/password-reset';
import { AppError } from '../../../../core/errors';
import { jurisdictionOf, requirePermission } from '../../authz';
import type { Deps, RequestCtx } from '../../context';
import { hashPassword } from '../auth/passwords';
import { write } from '../events/write';
import * as resets from './password-resets.repo';
import * as repo from './users.repo';
import { guardSeparatedTargets, summary, visibleUser } from './users.service';

export type ResetOutcome = { done: true; user: UserSummary } | { done: false; request: PasswordResetRequest };

export async function resetPassword(
  deps: Deps,
  ctx: RequestCtx,
  id: string,
  password: string,
): Promise<ResetOutcome> {
  const actor = requirePermission(ctx, 'user.manage');
  const found = await visibleUser(deps, actor, id);
  if (id === actor.userId) throw new AppError('UNPROCESSABLE', '请用“修改密码”修改自己的密码。');
  const roles = (await repo.rolesByUser(deps.database.db, [id])).get(id) ?? [];
  guardSeparatedTargets(actor, roles);
  const hash = await hashPassword(password);
  const now = deps.clock.now();
  if (resetNeedsApproval(roles)) {
    if (await resets.pendingFor(deps.database.db, id)) {
      throw new AppError('CONFLICT', '该账号已有一项待安全管理员审批的密码重置。');
    }
    const requestId = randomUUID();
    await write(deps, ctx, async ({ tx, event }) => {
      await resets.insert(tx, {
        id: requestId,
        countyCode: found.user.countyCode,
        userId: id,
        passwordHash: hash,
        requestedBy: actor.userId,
        requestedAt: now,
      });
      await event({
        countyCode: found.user.countyCode,
        action: 'user.password_reset_requested',
        objectType: 'user',
        objectId: id,
        after: { requestId, roles },
      });
    });
    return {
      done: false,
      request: {
        id: requestId,
        user: { id, username: found.user.username, displayName: found.user.displayName },
        requestedBy: { id: actor.userId, username: actor.username, displayName: actor.displayName },
        requestedAt: now.toISOString(),
        status: 'pending',
      },
    };
  }
  await write(deps, ctx, async ({ tx, event }) => {
    await repo.setPasswordAndRevoke(tx, id, hash, now);
    await event({
      countyCode: found.user.countyCode,
      action: 'user.password_reset',
      objectType: 'user',
      objectId: id,
    });
  });
  return { done: true, user: await summary(deps, id) };
}

export async function listPendingResets(deps: Deps, ctx: RequestCtx): Promise<PasswordResetRequest[]> {
  const actor = requirePermission(ctx, 'user.approve_reset');
  const j = jurisdictionOf(actor);
  const rows = await resets.listPending(deps.database.db, j.countyCode, j.orgPath);
  return rows.map((r) => ({
    id: r.reset.id,
    user: r.user,
    requestedBy: r.requestedBy,
    requestedAt: r.reset.requestedAt.toISOString(),
    status: r.reset.status as PasswordResetRequest['status'],
  }));
}

/** Approves (the password takes effect, every session of the owner ends) or rejects a request. */
export async function decideReset(
  deps: Deps,
  ctx: RequestCtx,
  requestId: string,
  approve: boolean,
): Promise<UserSummary> {
  const actor = requirePermission(ctx, 'user.approve_reset');
  const req = await resets.byId(deps.database.db, requestId);
  if (!req) throw new AppError('NOT_FOUND');
  await visibleUser(deps, actor, req.userId);
  if (req.status !== 'pending') throw new AppError('CONFLICT', '这项密码重置已经审批过了。');
  if (req.requestedBy === actor.userId) throw new AppError('FORBIDDEN', '不能审批自己提出的密码重置。');
  const now = deps.clock.now();
  await write(deps, ctx, async ({ tx, event }) => {
    const decided = await resets.decide(tx, requestId, approve ? 'approved' : 'rejected', actor.userId, now);
    if (!decided) throw new AppError('CONFLICT', '这项密码重置已经审批过了。');
    if (approve) await repo.setPasswordAndRevoke(tx, req.userId, req.passwordHash, now);
    await event({
      countyCode: req.countyCode,
      action: approve ? 'user.password_reset_approved' : 'user.password_reset_rejected',
      objectType: 'user',
      objectId: req.userId,
      after: { requestId, requestedBy: req.requestedBy },
    });
  });
  return summary(deps, req.userId);
}
