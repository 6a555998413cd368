/**
 * Authorization is data (docs/CONVENTIONS.md 7): which role may do which action, defined here once.
 * Every role check goes through this table: the matter transition rows name a permission (never a
 * role), services call requirePermission/can(), the web's gates call the same can(), and the
 * jurisdiction matrix derives its expectations from it. The jurisdiction half of the check (which
 * objects) lives in jurisdiction.ts; services apply both. A new role is a line in roles.ts (and its
 * label) and a line in rolePermissions below.
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
  'dashboard.region', // the figures of every county of one's city or province, side by side (aggregates only)
  'clock.set',
  'pii.unmask',
  'workforce.read',
  'workforce.manage',
  'training.record',
  'dispatch.convene',
  'dispatch.act',
  // Matters (事项办理). The transition rows (matters/transitions-*.ts) name these.
  'matter.work', // see and work matters in the jurisdiction at all: lists, detail, records, attachments
  'matter.intake', // register a matter at one's own window (首问负责)
  'matter.report', // report an event found on patrol (事件上报), a kind of its own
  'matter.route', // accept, channel into a legal procedure, transfer, object to a transfer
  'matter.receive', // sign for a matter transferred to one's org
  'matter.decide', // the desk's formal decisions: refuse, convert, void, decide an objection, record an outside answer
  'matter.archive', // close the file (归档)
  'matter.coordinate', // merge, recall a transfer, add and release co-handlers
  'matter.verify', // verify a grid report on the spot; check a result before the resident is answered
  'matter.handle', // do the work: answer the resident, report as a co-handler
  'matter.feedback', // report the result of the work for checking
  'matter.self_handle', // settle on the spot (就地办结)
  'matter.follow_up', // call the resident back (回访)
  'matter.for_applicant', // the applicant's own steps (rate, withdraw, ask for review), or staff recording them
  'matter.extend', // approve the statutory extension (延期)
  'matter.supervise', // 督办
  'matter.edit_parties', // correct the parties of a matter of one's own org
  'petition.opinion', // serve the petition's opinion, review opinion, reexamination opinion
  'petition.hearing', // pause and resume for a hearing (听证)
  'mediation.arrange', // start or decline mediation, assign a mediator, refer to the court
  'mediation.conduct', // pause, resume, extend or end a mediation
  'mediation.mediate', // hold sessions and record the agreement
  'mediation.agreement', // draft, print and follow up the performance of agreements of one's org
  'mediation.seal', // seal an agreement for the mediating organisation (人民调解法 art. 29)
  'mediator.read', // read the roster of mediators
  'court.dock', // 诉调对接: hand a matter to the court, apply for judicial confirmation
  'field.work', // the grid worker's own workbench: his grid, patrols, offline sync
  'deliberation.attend', // see deliberative bodies and meetings in the jurisdiction
  'deliberation.manage', // run bodies and meetings, service requests and assignments
  'deliberation.opinion', // give a 评判团 opinion on a dispute under mediation
  'user.manage_separated', // manage the accounts of the security and audit administrators
  'linked.police_refer',
  'referral.create',
  'referral.provide',
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

/**
 * 警调 (issue 17): the working staff of a 派出所 hand disputes met on calls to mediation and read
 * what came of them; the service also checks that the actor's org is a police station.
 */
const policeRefer: Action = 'linked.police_refer';
const workforceManage: Action[] = ['workforce.read', 'workforce.manage'];
/**
 * 日常培训 (docs/WORKFORCE.md "Training"): the town's clerks and leaders record its sessions and who
 * attended. Clerks hold workforce.read only (a hand-over is the leaders'), so recording needs its own.
 */
const trainingRecord: Action = 'training.record';

/**
 * 转介服务 (core/domain/referrals): the staff who work a matter refer its party to legal aid,
 * counselling, relief, hardship help or administrative mediation; the staff of the provider org
 * (法律援助中心, 社会心理服务中心, the competent department) work the referrals addressed to them.
 * Mediators refer too (a dispute's party may need counselling); liaisons only provide.
 */
const referralWork: Action[] = ['referral.create', 'referral.provide'];

/**
 * Working matters (docs/PRODUCT.md §3): what every role that works matters shares, and the desk's
 * steps (受理员, 承办人 and 领导 at the window) that the mediator and the liaison do not take.
 */
const matterStaff: Action[] = ['matter.work', 'matter.feedback', 'deliberation.attend', 'mediator.read'];
const desk: Action[] = [
  'matter.intake',
  'matter.route',
  'matter.receive',
  'matter.coordinate',
  'matter.handle',
  'matter.edit_parties',
  'petition.opinion',
  'mediation.arrange',
  'mediation.agreement',
  'court.dock',
  'deliberation.manage',
  'deliberation.opinion',
];
/** Steps taken in the resident's name or closing his file: the clerk and the leader. */
const windowSteps: Action[] = [
  'matter.decide',
  'matter.archive',
  'matter.verify',
  'matter.follow_up',
  'matter.for_applicant',
];

// One line per role. A new role is one line here (and one in roles.ts, with its label).
// biome-ignore format: a role's grant stays on its line.
export const rolePermissions: Record<Role, readonly Action[]> = {
  resident: ['matter.for_applicant'],
  grid_worker: [...staffRead, ...matterStaff, 'matter.intake', 'matter.report', 'matter.verify', 'matter.self_handle', 'matter.follow_up', 'field.work'],
  clerk: [...staffRead, ...unmask, ...workforceRead, trainingRecord, dispatchAct, policeRefer, ...referralWork, ...matterStaff, ...desk, ...windowSteps, 'matter.self_handle', 'mediation.seal'],
  handler: [...staffRead, ...unmask, ...workforceRead, dispatchAct, policeRefer, ...referralWork, ...matterStaff, ...desk, 'matter.self_handle', 'matter.follow_up', 'petition.hearing', 'mediation.conduct', 'mediation.mediate'],
  mediator: [...staffRead, ...unmask, dispatchAct, 'referral.create', ...matterStaff, 'matter.receive', 'matter.handle', 'matter.edit_parties', 'mediation.arrange', 'mediation.conduct', 'mediation.mediate', 'mediation.agreement', 'mediation.seal', 'court.dock', 'deliberation.opinion'],
  dept_liaison: [...staffRead, dispatchAct, 'referral.provide', ...matterStaff, 'matter.intake', 'matter.route', 'matter.receive', 'matter.handle'],
  leader: [...staffRead, ...unmask, 'user.read', 'grid.assign_worker', 'dashboard.view', ...workforceManage, trainingRecord, 'dispatch.convene', dispatchAct, policeRefer, ...referralWork, ...matterStaff, ...desk, ...windowSteps, 'matter.extend', 'matter.supervise', 'petition.hearing', 'mediation.conduct', 'mediation.seal'],
  // 市/省级领导 (issue 18): counts and rates per county of the city or province, by fan-out; no matter, no
  // person, no county's own dashboard (that stays the county's leaders').
  regional_leader: ['dashboard.region'],
  admin: [...staffRead, 'org.manage', 'grid.manage', 'grid.assign_worker', 'user.read', 'config.manage', ...workforceManage, trainingRecord, 'mediator.read'],
  // 系统管理员: accounts and system resources, but never role grants or the audit trail.
  // 'clock.set' moves a simulated clock (ZONGZHI_CLOCK, demos and training) forward; never in production.
  sys_admin: [...staffRead, 'user.read', 'user.manage', 'open311.manage', 'clock.set'],
  // 安全管理员: role grants, lockouts (and lost authenticators), security policy, approval of the
  // system administrator's password resets of leaders and business administrators, and the accounts
  // of the administrators who watch the system administrator.
  sec_admin: [...staffRead, 'user.read', 'user.grant_role', 'user.unlock', 'user.approve_reset', 'user.manage_separated'],
  // 审计管理员: reads and verifies the audit trail, changes nothing else.
  audit_admin: ['audit.read', 'audit.verify'],
};

/**
 * A grant table: the real one, or a copy with a role added (permissions.test.ts proves a new role
 * flows everywhere through these functions).
 */
export type Grants<R extends string = Role> = Readonly<Record<R, readonly Action[]>>;

export function permissionsOf<R extends string = Role>(
  held: readonly R[],
  grants: Grants<R> = rolePermissions as Grants<R>,
): Action[] {
  const set = new Set<Action>();
  for (const r of held) for (const a of grants[r]) set.add(a);
  return [...set].sort();
}

export function can<R extends string = Role>(
  held: readonly R[],
  action: Action,
  grants: Grants<R> = rolePermissions as Grants<R>,
): boolean {
  return held.some((r) => grants[r].includes(action));
}

/** The roles granted an action, in the order of the table (whom to notify, what the matrix expects). */
export function rolesWith<R extends string = Role>(
  action: Action,
  grants: Grants<R> = rolePermissions as Grants<R>,
): R[] {
  return (Object.keys(grants) as R[]).filter((r) => grants[r].includes(action));
}
