/**
 * The "who" half of a transition: the actor's roles (from core/domain/roles.ts) and their relation to
 * the matter. Jurisdiction (can this user see the matter at all) is checked by the server before
 * `decide` (jurisdiction.ts); here we decide whether a user who can see it may take this step.
 */
import { type Action, can, type Grants, rolePermissions } from '../permissions';
import type { Role } from '../roles';
import type { Actor } from './commands';
import { isWithinPath, type MatterState } from './model';
import { type Refusal, refusals } from './refusals';

export const actorRules = [
  'owner', // 首问负责: the owning org acts
  'owner_or_above', // the owning org or one above it
  'receiver', // the org the pending transfer is addressed to
  'sender_level', // the sender of the last transfer or an org above it (XF art. 23(3))
  'co_handler', // a co-handler org that has not reported yet
  'checker', // the assigning org (or the owner if not assigned), never the handler himself
  // the resident, or staff of the owning org or above recording for them, never the handler (only the
  // resident rates; the handler must not grade their own work)
  'applicant_or_recorder',
  // the petitioner, or staff of the owning org or above writing down his withdrawal, never the handler
  // (a withdrawal the handler records himself is what 劝退 looks like)
  'petitioner_or_witness',
  'applicant_or_upper', // the petitioner, or staff recording it for him at the window of the org that answered or above (XF art. 35, 36)
  'mediator_or_owner', // the assigned mediator, or staff of the owning org
  'owner_or_assigner', // the owning org or above, or the org that assigned it down (交办) or above
  'not_handler', // as owner_or_assigner, but never the last handler (回访 by someone else)
] as const;
export type ActorRule = (typeof actorRules)[number];

/**
 * Whether the actor's roles hold the row's permission. A resident acting for himself holds what the
 * 'resident' role is granted; a staff account acts by its staff roles only (a staff member who is also
 * a resident does not rate his own matter at the desk). `grants` is the table (a copy in tests).
 */
export function roleAllows<R extends string = Role>(
  permission: Action,
  system: boolean,
  actor: Actor,
  grants: Grants<R | 'resident'> = rolePermissions as Grants<R | 'resident'>,
): boolean {
  switch (actor.type) {
    case 'system':
      return system;
    case 'resident':
      return can(['resident'], permission, grants);
    case 'staff':
      return can(
        (actor.roles as readonly (R | 'resident')[]).filter((r) => r !== 'resident'),
        permission,
        grants,
      );
  }
}

function ownerOrAssigner(s: MatterState, actorPath: string): boolean {
  return (
    isWithinPath(actorPath, s.owner.path) ||
    (s.assignedBy !== null && isWithinPath(actorPath, s.assignedBy.path))
  );
}

/** Null when the actor satisfies the rule. A system job acts for the owner. */
export function checkActorRule(rule: ActorRule, s: MatterState, actor: Actor): Refusal | null {
  if (actor.type === 'system')
    return rule === 'owner' || rule === 'owner_or_above' ? null : refusals.forbiddenRole;
  if (actor.type === 'resident') {
    return rule === 'applicant_or_recorder' ||
      rule === 'applicant_or_upper' ||
      rule === 'petitioner_or_witness'
      ? null
      : refusals.forbiddenRole;
  }
  const org = actor.org;
  switch (rule) {
    case 'applicant_or_recorder':
      if (!ownerOrAssigner(s, org.path)) return refusals.notOwnerOrAssigner;
      return actor.userId === s.handlerUserId ? refusals.ratingByHandler : null;
    case 'petitioner_or_witness':
      if (!isWithinPath(org.path, s.owner.path)) return refusals.notOwnerOrAbove;
      return actor.userId === s.handlerUserId ? refusals.withdrawalByHandler : null;
    case 'owner':
      return org.id === s.owner.id ? null : refusals.notOwner;
    case 'owner_or_above':
      return isWithinPath(org.path, s.owner.path) ? null : refusals.notOwnerOrAbove;
    case 'receiver':
      return s.transfer && !s.transfer.received && s.transfer.to.id === org.id ? null : refusals.notReceiver;
    case 'sender_level':
      return s.transfer && isWithinPath(org.path, s.transfer.from.path) ? null : refusals.notSenderLevel;
    case 'co_handler':
      return s.coHandlers.some((c) => c.status === 'working' && c.org.id === org.id)
        ? null
        : refusals.notCoHandler;
    case 'checker':
      if (!isWithinPath(org.path, (s.assignedBy ?? s.owner).path)) return refusals.notChecker;
      return actor.userId === s.handlerUserId ? refusals.checkByHandler : null;
    case 'applicant_or_upper':
      // Wherever he asks along the chain, the request goes to the level directly above (upperBody).
      return isWithinPath(org.path, s.petition?.deciderPath ?? s.owner.path)
        ? null
        : refusals.notApplicantOrUpper;
    case 'mediator_or_owner':
      return org.id === s.owner.id || (s.mediation !== null && s.mediation.mediatorId === actor.userId)
        ? null
        : refusals.notMediatorOrOwner;
    case 'owner_or_assigner':
      return ownerOrAssigner(s, org.path) ? null : refusals.notOwnerOrAssigner;
    case 'not_handler':
      if (!ownerOrAssigner(s, org.path)) return refusals.notOwnerOrAssigner;
      return actor.userId === s.handlerUserId ? refusals.followUpByHandler : null;
  }
}

/** The id recorded as the last handler, or the previous one when a system job or resident acts. */
export function handlerIdOf(actor: Actor, previous: string | null): string | null {
  return actor.type === 'staff' ? actor.userId : previous;
}
