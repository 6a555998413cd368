/** Chinese names of the audited actions the server records; an unknown code is shown as it is. */
export const actionLabels: Record<string, string> = {
  'auth.login': '登录',
  'auth.logout': '退出登录',
  'auth.lockout': '账号临时锁定',
  'auth.password_changed': '修改密码',
  'user.created': '新建用户',
  'user.updated': '修改用户',
  'user.disabled': '停用用户',
  'user.enabled': '启用用户',
  'user.roles_changed': '调整角色',
  'user.password_reset': '重置密码',
  'user.unlocked': '解锁账号',
  'org.created': '新增组织',
  'org.updated': '修改组织',
  'org.read': '查看组织',
  'grid.read': '查看网格',
  'grid.workers_assigned': '指派网格员',
  'grids.imported': '导入网格',
  'county.imported': '导入县（区）',
  'audit.read': '查阅审计日志',
  'audit.verified': '校验哈希链',
};

export const objectTypeLabels: Record<string, string> = {
  user: '用户',
  org: '组织',
  grid: '网格',
  county: '县（区）',
  session: '会话',
  event: '审计日志',
};
