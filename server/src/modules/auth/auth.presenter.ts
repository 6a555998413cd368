import type { Me, Session } from '../../../../core/contracts/auth';
import { permissionsOf } from '../../../../core/domain/permissions';
import type { Role } from '../../../../core/domain/roles';
import { toOrgRef } from '../orgs/orgs.presenter';
import type { OrgRow, UserRow } from './auth.repo';

export function toMe(user: UserRow, roles: Role[], org: OrgRow | null | undefined): Me {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    roles,
    permissions: permissionsOf(roles),
    countyCode: user.countyCode,
    org: org ? toOrgRef(org) : null,
    mustChangePassword: user.mustChangePassword,
  };
}

export function toSession(me: Me, csrfToken: string, idleMinutes: number): Session {
  return { user: me, csrfToken, idleTimeoutSeconds: idleMinutes * 60 };
}
