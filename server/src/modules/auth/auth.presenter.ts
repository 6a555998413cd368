import type { Me, Session } from '../../../../core/contracts/auth';
import {
  sessionRestriction,
  type TwoFactorPolicy,
} from '../../../../core/domain/accounts/session-restriction';
import { permissionsOf } from '../../../../core/domain/permissions';
import { needsTwoFactor, type Role } from '../../../../core/domain/roles';
import { toOrgRef } from '../orgs/orgs.presenter';
import type { OrgRow, UserRow } from './auth.repo';

export function toMe(
  user: UserRow,
  roles: Role[],
  org: OrgRow | null | undefined,
  policy: TwoFactorPolicy,
): Me {
  const totpEnrolled = !!user.totpSecret;
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    roles,
    permissions: permissionsOf(roles),
    countyCode: user.countyCode,
    org: org ? toOrgRef(org) : null,
    mustChangePassword: user.mustChangePassword,
    twoFactor: {
      enrolled: totpEnrolled,
      required: policy === 'required' && needsTwoFactor(roles),
    },
    restriction: sessionRestriction(
      { mustChangePassword: user.mustChangePassword, totpEnrolled },
      roles,
      policy,
    ),
  };
}

export function toSession(me: Me, csrfToken: string, idleMinutes: number): Session {
  return { user: me, csrfToken, idleTimeoutSeconds: idleMinutes * 60 };
}
