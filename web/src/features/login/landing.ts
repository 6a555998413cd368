import type { Role } from '../../../../core/domain/roles';

/**
 * Where a login lands when it was not sent from a page: a grid worker, whose whole work is the kit,
 * opens the kit (`/field`, the light entry, loaded afresh) instead of the staff home with its one
 * link to it; anyone with another role as well gets the staff home.
 */
export function landingAfterLogin(next: string, roles: readonly Role[]): string {
  if (next !== '/') return next;
  return roles.length > 0 && roles.every((r) => r === 'grid_worker') ? '/field' : '/';
}
