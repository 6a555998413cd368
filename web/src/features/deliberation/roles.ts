import type { Role } from '../../../../core/domain/roles';

/** Who runs bodies and meetings (the server's deliberation/access.ts manage roles). */
export const deliberationManageRoles: readonly Role[] = ['clerk', 'handler', 'leader'];
