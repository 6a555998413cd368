import type { Me } from '../../../core/contracts/auth';
import type { Role } from '../../../core/domain/roles';

/** Who works matters (事项办理): the menu item and the routes. The server checks each step again. */
export const matterWorkRoles: readonly Role[] = [
  'clerk',
  'handler',
  'mediator',
  'leader',
  'dept_liaison',
  'grid_worker',
];

/** Who may register a matter at their own window (the server's intake roles). */
export const matterIntakeRoles: readonly Role[] = [
  'clerk',
  'handler',
  'leader',
  'dept_liaison',
  'grid_worker',
];

export function hasAnyRole(me: Me, roles: readonly Role[]): boolean {
  return me.roles.some((r) => roles.includes(r));
}

export function canRegisterMatters(me: Me): boolean {
  return hasAnyRole(me, matterIntakeRoles);
}
