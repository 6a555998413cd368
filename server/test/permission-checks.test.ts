/**
 * Permissions are defined once (docs/CONVENTIONS.md 7, issue 19): core/domain/permissions.ts grants
 * permissions to roles, and every check reads it. This test keeps role lists from growing back
 * in the code: no service, presenter, transition row or web page may test an account's roles by name
 * or keep its own list of roles. core/domain/permissions.test.ts shows a role added to the grant
 * table reaching every check; this one shows there is no other place it would have to be added.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { roles } from '../../core/domain/roles';

const root = join(__dirname, '..', '..');

/**
 * Files that may name roles in a list: the roles themselves and their grants; the accounts created
 * on a fresh install (first-admin) and the demo seed; role attributes that are not permissions (which
 * accounts need a second factor, whose password resets need approval); the database constraint.
 */
const allowed = new Set([
  'core/domain/roles.ts',
  'core/domain/permissions.ts',
  'core/domain/accounts/password-reset.ts',
  'server/src/modules/users/first-admin.service.ts',
  'server/src/modules/demo/demo-seed.service.ts',
  'server/src/db/schema/users.ts',
]);

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sources(path));
    else if (/\.tsx?$/.test(name) && !/\.(test|e2e\.test)\.tsx?$/.test(name) && !name.startsWith('test-'))
      out.push(path);
  }
  return out;
}

const files = ['core', 'server/src', 'web/src']
  .flatMap((d) => sources(join(root, d)))
  .map((path) => ({ path: relative(root, path), text: readFileSync(path, 'utf8') }))
  .filter((f) => !allowed.has(f.path));

const role = `'(?:${roles.join('|')})'`;
/**
 * `actor.roles.includes('leader')`, `me.roles.some(…)`: the caller's roles tested directly. A target
 * account's roles (what the role editor shows, what a grant may add) are data, not a check.
 */
const directCheck = /\b(?:actor|me)\.roles\.(?:includes|some|every|find|indexOf)\(/;
/** `['clerk', 'leader']`: a hand-kept list of roles. */
const roleList = new RegExp(`\\[\\s*${role}\\s*,\\s*${role}`);
/** `roles: [...]` in a transition row (rows name a permission). */
const rowRoles = /^\s+roles: /m;

describe('role checks', () => {
  it('reads the sources it checks', () => {
    expect(files.length).toBeGreaterThan(300);
    expect(files.some((f) => f.path === 'server/src/modules/matters/query.service.ts')).toBe(true);
    expect(files.some((f) => f.path === 'web/src/app/router.tsx')).toBe(true);
  });

  it('never test an account’s roles by name outside the grant table', () => {
    const found = files.filter((f) => directCheck.test(f.text)).map((f) => f.path);
    expect(found).toEqual([]);
  });

  it('keep no list of roles outside the grant table', () => {
    const found = files.filter((f) => roleList.test(f.text)).map((f) => f.path);
    expect(found).toEqual([]);
  });

  it('name a permission, not roles, in every transition row', () => {
    const tables = files.filter((f) => /core\/domain\/matters\/transitions-/.test(f.path));
    expect(tables.length).toBeGreaterThanOrEqual(6);
    expect(tables.filter((f) => rowRoles.test(f.text)).map((f) => f.path)).toEqual([]);
  });

  it('would catch a role check if one came back', () => {
    expect(directCheck.test("if (!actor.roles.includes('leader')) throw")).toBe(true);
    expect(roleList.test("const courtRoles = ['mediator', 'handler'];")).toBe(true);
    expect(directCheck.test("if (!can(actor.roles, 'matter.supervise')) throw")).toBe(false);
  });
});
