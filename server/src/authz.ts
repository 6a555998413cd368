/**
 * The two halves of every authorization check (docs/CONVENTIONS.md 7), applied in services:
 * may this role do the action, and is the object inside the actor's jurisdiction. A forbidden
 * object answers exactly like a missing one (404), so ids cannot be probed.
 */

import { isWithin } from '../../core/domain/jurisdiction';
import { type Action, can } from '../../core/domain/permissions';
import { AppError } from '../../core/errors';
import type { Actor, RequestCtx } from './context';

export function requireActor(ctx: RequestCtx): Actor {
  if (!ctx.actor) throw new AppError('UNAUTHENTICATED');
  return ctx.actor;
}

export function requirePermission(ctx: RequestCtx, action: Action): Actor {
  const actor = requireActor(ctx);
  if (!can(actor.roles, action)) throw new AppError('FORBIDDEN');
  return actor;
}

/** Staff jurisdiction root; residents and org-less accounts have none and see nothing. */
export function jurisdictionOf(actor: Actor): { countyCode: string; orgPath: string } {
  if (!actor.orgPath) throw new AppError('NOT_FOUND');
  return { countyCode: actor.countyCode, orgPath: actor.orgPath };
}

export function assertWithin(actor: Actor, countyCode: string, orgPath: string): void {
  if (
    !actor.orgPath ||
    !isWithin({ countyCode: actor.countyCode, orgPath: actor.orgPath }, countyCode, orgPath)
  ) {
    throw new AppError('NOT_FOUND');
  }
}

export function canSee(actor: Actor, countyCode: string, orgPath: string): boolean {
  return (
    !!actor.orgPath && isWithin({ countyCode: actor.countyCode, orgPath: actor.orgPath }, countyCode, orgPath)
  );
}
