import type { UserSummary } from '../../../../core/contracts/users';
import { maskPhone } from '../../../../core/domain/masking';
import type { Role } from '../../../../core/domain/roles';
import { toOrgRef } from '../orgs/orgs.presenter';
import type { UserWithOrg } from './users.repo';

export function toUserSummary({ user, org }: UserWithOrg, roles: string[], now: Date): UserSummary {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    phone: maskPhone(user.phone),
    roles: roles as Role[],
    org: org ? toOrgRef(org) : null,
    disabled: user.disabled,
    locked: !!user.lockedUntil && user.lockedUntil > now,
    twoFactorEnrolled: !!user.totpSecret,
    mustChangePassword: user.mustChangePassword,
    lastLoginAt: user.lastLoginAt ? user.lastLoginAt.toISOString() : null,
  };
}

/** What the event log keeps of a user: never the raw phone number (docs/SECURITY.md G4, G6). */
export function auditView(u: {
  displayName: string;
  phone: string | null;
  orgId: string | null;
  disabled: boolean;
}) {
  return { displayName: u.displayName, phone: maskPhone(u.phone), orgId: u.orgId, disabled: u.disabled };
}
