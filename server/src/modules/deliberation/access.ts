/**
 * Who may see and run a deliberative body's business:
 * - staff holding 'deliberation.attend' see bodies and meetings attached inside their jurisdiction
 *   (the org subtree), like matters; those holding 'deliberation.manage' there also run them;
 * - a member with an account sees their own body's meetings, including minutes not yet published;
 * - nobody else: a body or meeting out of sight answers 404 like a missing one.
 */
import { can } from '../../../../core/domain/permissions';
import { AppError } from '../../../../core/errors';
import { canSee, requireActor } from '../../authz';
import type { Actor, RequestCtx } from '../../context';
import type { BodyRow } from './deliberation.repo';

export function isDeliberationStaff(actor: Actor): boolean {
  return can(actor.roles, 'deliberation.attend') && !!actor.orgPath;
}

export function mayManageRole(actor: Actor): boolean {
  return can(actor.roles, 'deliberation.manage') && !!actor.orgPath;
}

export interface Viewer {
  actor: Actor;
  /** Bodies the actor holds a seat in (through their account). */
  seats: string[];
}

/** Staff who work matters, or members holding a seat; anyone else is refused whatever the object. */
export function viewerFrom(ctx: RequestCtx, seats: string[]): Viewer {
  const actor = requireActor(ctx);
  if (!isDeliberationStaff(actor) && seats.length === 0) throw new AppError('FORBIDDEN');
  return { actor, seats };
}

export function staffSees(actor: Actor, body: { countyCode: string; orgPath: string }): boolean {
  return isDeliberationStaff(actor) && canSee(actor, body.countyCode, body.orgPath);
}

export function canSeeBody(v: Viewer, body: BodyRow): boolean {
  return staffSees(v.actor, body) || (v.actor.countyCode === body.countyCode && v.seats.includes(body.id));
}

export function canManageBody(actor: Actor, body: BodyRow): boolean {
  return mayManageRole(actor) && canSee(actor, body.countyCode, body.orgPath);
}

export function assertManageRole(actor: Actor): void {
  if (!mayManageRole(actor))
    throw new AppError('FORBIDDEN', '只有窗口、办理人员和领导可以操作议事组织和会议。');
}

/** A role that may not manage gets 403 whatever the object; a body out of sight 404, like a missing one. */
export function assertManage(v: Viewer, body: BodyRow | undefined): BodyRow {
  assertManageRole(v.actor);
  if (!body || !canManageBody(v.actor, body)) throw new AppError('NOT_FOUND');
  return body;
}

export function assertSee(v: Viewer, body: BodyRow | undefined): BodyRow {
  if (!body || !canSeeBody(v, body)) throw new AppError('NOT_FOUND');
  return body;
}
