/**
 * Authorization is data (docs/CONVENTIONS.md 7): which role may do which action. The
 * jurisdiction half of the check (which objects) lives in jurisdiction.ts; services apply both.
 */
import type { Role } from './roles';

export const actions = [
  'org.read',
  'org.manage',
  'grid.read',
  'grid.manage',
  'grid.assign_worker',
  'user.read',
  'user.manage',
  'user.grant_role',
  'user.unlock',
  'user.approve_reset',
  'audit.read',
  'audit.verify',
  'config.manage',
  'open311.manage',
  'dashboard.view',
  'clock.set',
  'pii.unmask',
  'workforce.read',
  'workforce.manage',
  'training.record',
  'dispatch.convene',
  'dispatch.act',
] as const;

export type Action = (typeof actions)[number];

const staffRead: Action[] = ['org.read', 'grid.read'];

/**
 * 工作调度会 (issue 17): the center's leader convenes the units and records each decision as a joint
 * task, and decides the 治未病 measures against a warning; the units' working staff report on and
 * complete the tasks and measures addressed to them. Grid workers report to their village, not here.
 */
const dispatchAct: Action = 'dispatch.act';

/**
 * Reading a party's full identity (docs/SECURITY.md G4): named roles only, and only at the org that
 * owns the matter (visibility.ts mayUnmask), never in the org complained about. Not grid workers,
 * who see every matter of their village, nor department liaisons, who pass matters on.
 */
const unmask: Action[] = ['pii.unmask'];

/**
 * 网格员队伍 (docs/WORKFORCE.md): staff who work matters read the roster and the assessment of their
 * subtree; the town's leaders (and the county's business administrator) hand grids over and give the
 * town's assessment points. A grid worker reads only his own record, on /field.
 */
const workforceRead: Action[] = ['workforce.read'];
const workforceManage: Action[] = ['workforce.read', 'workforce.manage'];
/**
 * 日常培训 (docs/WORKFORCE.md "Training"): the town's clerks and leaders record its sessions and who
 * attended. Clerks hold workforce.read only (a hand-over is the leaders'), so recording needs its own.
 */
const trainingRecord: Action = 'training.record';

export const rolePermissions: Record<Role, readonly Action[]> = {
  resident: [],
  grid_worker: staffRead,
  clerk: [...staffRead, ...unmask, ...workforceRead, trainingRecord, dispatchAct],
  handler: [...staffRead, ...unmask, ...workforceRead, dispatchAct],
  mediator: [...staffRead, ...unmask, dispatchAct],
  dept_liaison: [...staffRead, dispatchAct],
  leader: [
    ...staffRead,
    ...unmask,
    'user.read',
    'grid.assign_worker',
    'dashboard.view',
    ...workforceManage,
    trainingRecord,
    'dispatch.convene',
    dispatchAct,
  ],
  admin: [
    ...staffRead,
    'org.manage',
    'grid.manage',
    'grid.assign_worker',
    'user.read',
    'config.manage',
    ...workforceManage,
    trainingRecord,
  ],
  // 系统管理员: accounts and system resources, but never role grants or the audit trail.
  // 'clock.set' moves a simulated clock (ZONGZHI_CLOCK, demos and training) forward; never in production.
  sys_admin: [...staffRead, 'user.read', 'user.manage', 'open311.manage', 'clock.set'],
  // 安全管理员: role grants, lockouts (and lost authenticators), security policy, and approval of the
  // system administrator's password resets of leaders and business administrators.
  sec_admin: [...staffRead, 'user.read', 'user.grant_role', 'user.unlock', 'user.approve_reset'],
  // 审计管理员: reads and verifies the audit trail, changes nothing else.
  audit_admin: ['audit.read', 'audit.verify'],
};

export function permissionsOf(held: readonly Role[]): Action[] {
  const set = new Set<Action>();
  for (const r of held) for (const a of rolePermissions[r]) set.add(a);
  return [...set].sort();
}

export function can(held: readonly Role[], action: Action): boolean {
  return held.some((r) => rolePermissions[r].includes(action));
}
