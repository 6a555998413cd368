/**
 * The first administrators of a production install, created from the command line by whoever runs
 * the server (there are no default credentials: docs/SECURITY.md G33). Each of the separated roles can be
 * created this way only while the county has no account holding it; later ones are created in the UI.
 */
import { randomUUID } from 'node:crypto';
import { passwordProblem } from '../../../../core/domain/accounts/password-policy';
import { type Role, separatedAdminRoles } from '../../../../core/domain/roles';
import { AppError } from '../../../../core/errors';
import type { Deps, RequestCtx } from '../../context';
import { hashPassword } from '../auth/passwords';
import { write } from '../events/write';
import { orgByDivisionCode } from '../orgs/orgs.service';
import * as repo from './users.repo';

export const firstAdminRoles = [
  'sys_admin',
  'sec_admin',
  'audit_admin',
  'admin',
] as const satisfies readonly Role[];

export async function createFirstAdmin(
  deps: Deps,
  ctx: RequestCtx,
  input: {
    countyCode: string;
    username: string;
    displayName: string;
    role: (typeof firstAdminRoles)[number];
    password: string;
  },
): Promise<void> {
  const problem = passwordProblem(input.password, input.username);
  if (problem) throw new AppError('VALIDATION_FAILED', problem);
  const district = await orgByDivisionCode(deps, input.countyCode);
  if (district?.kind !== 'district') {
    throw new AppError(
      'NOT_FOUND',
      `未找到县（区）${input.countyCode}，请先用 npm run import:county 导入区划。`,
    );
  }
  if (await repo.byUsername(deps.database.db, input.username))
    throw new AppError('ALREADY_EXISTS', '用户名已被使用。');
  const holders = await repo.list(
    deps.database.db,
    { countyCode: input.countyCode, path: district.path, role: input.role },
    1,
    0,
  );
  if (holders.total > 0) {
    throw new AppError('SETUP_DONE', '该县（区）已有此角色的账号，请登录系统由相应管理员创建。');
  }
  const now = deps.clock.now();
  const id = randomUUID();
  const hash = await hashPassword(input.password);
  await write(deps, ctx, async ({ tx, event }) => {
    await repo.insert(tx, {
      id,
      countyCode: input.countyCode,
      username: input.username,
      displayName: input.displayName,
      orgId: district.id,
      kind: 'staff',
      passwordHash: hash,
      passwordChangedAt: now,
      createdAt: now,
      updatedAt: now,
    });
    await repo.replaceRoles(tx, id, input.countyCode, [input.role], null, now);
    await event({
      countyCode: input.countyCode,
      action: 'user.created',
      objectType: 'user',
      objectId: id,
      reason: 'first administrator (command line)',
      after: {
        username: input.username,
        roles: [input.role],
        separated: (separatedAdminRoles as readonly string[]).includes(input.role),
      },
    });
  });
}
