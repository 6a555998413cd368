/**
 * Roles (docs/PRODUCT.md §3 "Who uses it") and the three separated administrator roles of 等保 level 3
 * (系统管理员 / 安全管理员 / 审计管理员): one person never holds two of those three.
 */
export const roles = [
  'resident',
  'grid_worker',
  'clerk',
  'handler',
  'mediator',
  'dept_liaison',
  'leader',
  'regional_leader',
  'admin',
  'sys_admin',
  'sec_admin',
  'audit_admin',
] as const;

export type Role = (typeof roles)[number];

export const separatedAdminRoles = [
  'sys_admin',
  'sec_admin',
  'audit_admin',
] as const satisfies readonly Role[];

/**
 * Roles whose accounts must prove a second factor (TOTP) when the install requires it (docs/SECURITY.md
 * G9): the three separated administrators, the business administrator and leaders.
 */
export const twoFactorRoles = [
  'sys_admin',
  'sec_admin',
  'audit_admin',
  'admin',
  'leader',
  'regional_leader',
] as const satisfies readonly Role[];

export function needsTwoFactor(held: readonly Role[]): boolean {
  return held.some((r) => (twoFactorRoles as readonly Role[]).includes(r));
}

export const roleLabels: Record<Role, string> = {
  resident: '群众',
  grid_worker: '网格员',
  clerk: '受理员',
  handler: '承办人',
  mediator: '调解员',
  dept_liaison: '部门联络员',
  leader: '领导',
  regional_leader: '市/省级领导',
  admin: '业务管理员',
  sys_admin: '系统管理员',
  sec_admin: '安全管理员',
  audit_admin: '审计管理员',
};

/** True when the set holds two or more of the separated administrator roles (三权分立). */
export function breaksDutySeparation(held: readonly Role[]): boolean {
  return held.filter((r) => (separatedAdminRoles as readonly Role[]).includes(r)).length > 1;
}
