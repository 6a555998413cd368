import { describe, expect, it } from 'vitest';
import { roleAllows } from './matters/actor-rules';
import type { Actor } from './matters/commands';
import { matterActions } from './matters/commands';
import { orgs } from './matters/test-fixtures';
import { transitionTable } from './matters/transitions';
import {
  type Action,
  actions,
  can,
  type Grants,
  permissionsOf,
  rolePermissions,
  rolesWith,
} from './permissions';
import { roles } from './roles';

const staffWith = (held: readonly string[]): Actor =>
  ({ type: 'staff', userId: 'u1', roles: held, org: orgs.village }) as unknown as Actor;

describe('the grant table', () => {
  it('grants every permission to some role, and every role only known permissions', () => {
    for (const a of actions) expect(rolesWith(a).length, a).toBeGreaterThan(0);
    for (const r of roles) for (const a of rolePermissions[r]) expect(actions).toContain(a);
  });

  it('names the roles of a permission in the order of the table', () => {
    expect(rolesWith('matter.extend')).toEqual(['leader']);
    expect(rolesWith('matter.for_applicant')).toEqual(['resident', 'clerk', 'leader']);
    expect(rolesWith('matter.work')).toEqual([
      'grid_worker',
      'clerk',
      'handler',
      'mediator',
      'dept_liaison',
      'leader',
    ]);
  });

  it('keeps the separated administrators and the resident out of the matters', () => {
    for (const r of ['admin', 'sys_admin', 'sec_admin', 'audit_admin', 'resident'] as const)
      expect(can([r], 'matter.work'), r).toBe(false);
  });

  it('lets a staff account act by its staff roles only, a resident for himself', () => {
    // A clerk who is also a resident rates at the desk as a clerk; a mediator who is also a resident
    // does not rate his own matter through his resident role.
    expect(roleAllows('matter.for_applicant', false, staffWith(['clerk', 'resident']))).toBe(true);
    expect(roleAllows('matter.for_applicant', false, staffWith(['mediator', 'resident']))).toBe(false);
    expect(roleAllows('matter.for_applicant', false, { type: 'resident', userId: null })).toBe(true);
    expect(roleAllows('matter.route', false, { type: 'resident', userId: null })).toBe(false);
  });
});

/**
 * The goal of the table (issue 19): a new role is a line in the grant table, and from there it reaches
 * every check. A copy of the table with a hypothetical 督查员 (inspector) granted what a handler holds
 * plus 督办, and a 访客 (visitor) granted nothing, is read by the same functions the server and the
 * web call: `can` (services' requirePermission and inline checks), `permissionsOf` (the session's
 * permissions, which the web's menu and gates read), `roleAllows` (every transition row, through
 * `decide`) and `rolesWith` (notification recipients, the jurisdiction matrix's expectations).
 */
describe('a role added to a copy of the grant table', () => {
  type Hypothetical = (typeof roles)[number] | 'inspector' | 'visitor';
  const grants: Grants<Hypothetical> = {
    ...rolePermissions,
    inspector: [...rolePermissions.handler, 'matter.supervise'],
    visitor: [],
  };

  it('holds its permissions in the session (what the web reads)', () => {
    expect(permissionsOf(['inspector'], grants)).toEqual(
      [...new Set<Action>([...rolePermissions.handler, 'matter.supervise'])].sort(),
    );
    expect(permissionsOf(['visitor'], grants)).toEqual([]);
  });

  it('passes every service check a handler passes, and 督办', () => {
    for (const a of actions) {
      const want = can(['handler'], a) || a === 'matter.supervise';
      expect(can(['inspector'], a, grants), a).toBe(want);
      expect(can(['visitor'], a, grants), a).toBe(false);
    }
  });

  it('takes every lifecycle step a handler takes, and no other', () => {
    for (const action of matterActions) {
      const row = transitionTable[action];
      const handler = roleAllows(row.permission, row.system, staffWith(['handler']));
      expect(roleAllows(row.permission, row.system, staffWith(['inspector']), grants), action).toBe(handler);
      expect(roleAllows(row.permission, row.system, staffWith(['visitor']), grants), action).toBe(false);
    }
  });

  it('is listed wherever the table is asked who holds a permission', () => {
    for (const a of actions) {
      expect(rolesWith(a, grants).includes('inspector'), a).toBe(
        rolePermissions.handler.includes(a) || a === 'matter.supervise',
      );
      expect(rolesWith(a, grants)).not.toContain('visitor');
    }
    // The real table is untouched.
    expect(rolesWith('matter.supervise')).toEqual(['leader']);
  });
});
