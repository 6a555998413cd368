/**
 * Who sees a matter (the per-object half of the rule whose SQL half is matters.repo visibleTo): staff
 * whose jurisdiction holds the owner, the receiver of a pending transfer, a co-handler org, the
 * mediator assigned to it, or a mediator who brought it to an agreement (to follow up performance).
 * Whether the role works matters at all is the permission 'matter.work' (core/domain/permissions.ts).
 */

import { can } from '../../../../core/domain/permissions';
import type { Actor } from '../../context';
import type { MatterRow } from './matters.repo';

export function canSeeMatter(actor: Actor, m: MatterRow): boolean {
  if (!actor.orgPath || actor.countyCode !== m.countyCode) return false;
  if (m.ownerPath.startsWith(actor.orgPath)) return true;
  if (m.pendingPath?.startsWith(actor.orgPath)) return true;
  if (m.state.mediation?.mediatorId === actor.userId) return true;
  if (m.state.pastMediatorIds?.includes(actor.userId)) return true;
  // The committee that mediates seals the agreement (人民调解法 art. 29).
  if (m.state.mediation?.committeeId && m.state.mediation.committeeId === actor.orgId) return true;
  return m.state.coHandlers.some((c) => c.org.id === actor.orgId);
}

/**
 * 信访工作条例 art. 46(5): nobody in the org complained about (or under it) sees the petitioner.
 * Roles that do not work the matter see masked identities; unmasking is a separate, audited read.
 */
export function identityHiddenFrom(actor: Actor, m: MatterRow): boolean {
  return !!m.complainedOrgPath && !!actor.orgPath && actor.orgPath.startsWith(m.complainedOrgPath);
}

/**
 * Who may read a party's full identity (docs/SECURITY.md G4, G5): a role holding 'pii.unmask', in the
 * org that owns the matter or is receiving it, and never in the org complained about. Every such read
 * is in the event log (query.service getMatter).
 */
export function mayUnmask(actor: Actor, m: MatterRow): boolean {
  return (
    can(actor.roles, 'pii.unmask') &&
    !identityHiddenFrom(actor, m) &&
    !!actor.orgId &&
    (actor.orgId === m.ownerOrgId || actor.orgId === m.pendingOrgId)
  );
}
