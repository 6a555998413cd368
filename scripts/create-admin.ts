/**
 * npm run create-admin — asks for the first administrator of a production install (no default
 * credentials exist). Non-interactive use: --county --username --name --role and the password in
 * ZONGZHI_ADMIN_PASSWORD.
 */
import { createInterface } from 'node:readline/promises';
import { roleLabels } from '../core/domain/roles';
import { AppError } from '../core/errors';
import { all as allCounties } from '../server/src/modules/counties/counties.repo';
import { createFirstAdmin, firstAdminRoles } from '../server/src/modules/users/first-admin.service';
import { arg, fail, openForScript, scriptCtx } from './cli';

const booted = await openForScript();
const rl = createInterface({ input: process.stdin, output: process.stderr });
const ask = async (q: string, given?: string) => given ?? (await rl.question(q)).trim();
try {
  const counties = await allCounties(booted.database.db);
  if (counties.length === 0) fail('还没有导入任何县（区）：先运行 npm run import:county。');
  const county = await ask(
    `县（区）代码 [${counties.map((c) => `${c.code} ${c.name}`).join(', ')}]：`,
    arg('county') ?? (counties.length === 1 ? counties[0]!.code : undefined),
  );
  const role = (await ask(
    `角色（${firstAdminRoles.map((r) => `${r}=${roleLabels[r]}`).join('，')}）：`,
    arg('role'),
  )) as (typeof firstAdminRoles)[number];
  if (!firstAdminRoles.includes(role)) fail(`角色须为 ${firstAdminRoles.join(' / ')}`);
  const username = await ask('用户名：', arg('username'));
  const displayName = await ask('姓名：', arg('name'));
  const password = process.env.ZONGZHI_ADMIN_PASSWORD ?? (await ask('密码（至少 12 位）：'));
  await createFirstAdmin(booted.deps, scriptCtx('create-admin'), {
    countyCode: county,
    username,
    displayName,
    role,
    password,
  });
  console.log(`已创建${roleLabels[role]} ${username}。`);
} catch (e) {
  if (e instanceof AppError) fail(`${e.code}: ${e.userMessage}`);
  throw e;
} finally {
  rl.close();
  await booted.close();
}
