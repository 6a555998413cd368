/**
 * npm run create-admin — asks for the first administrator of a production install (no default
 * credentials exist). Works at a terminal (the password is not echoed, and asked twice) and with
 * piped input, one answer a line (county, role, username, name, password). Non-interactive use:
 * --county --username --name --role and the password in ZONGZHI_ADMIN_PASSWORD. The password must
 * meet the one policy (core/domain/accounts/password-policy); it is never printed.
 */
import { passwordProblem } from '../core/domain/accounts/password-policy';
import { roleLabels } from '../core/domain/roles';
import { AppError } from '../core/errors';
import { all as allCounties } from '../server/src/modules/counties/counties.repo';
import { createFirstAdmin, firstAdminRoles } from '../server/src/modules/users/first-admin.service';
import { arg, fail, openForScript, scriptCtx } from './cli';
import { prompter } from './prompt';

const booted = await openForScript();
const p = prompter();
const ask = async (q: string, given?: string) => given ?? (await p.ask(q));

async function password(username: string): Promise<string> {
  const given = process.env.ZONGZHI_ADMIN_PASSWORD;
  if (given !== undefined) return given;
  const pw = await p.secret('密码（至少 12 位，含字母、数字、符号中的两类；输入时不显示）：');
  // Refused here already, before the confirmation, so that a terminal user retypes nothing in vain.
  const problem = passwordProblem(pw, username);
  if (problem) fail(`VALIDATION_FAILED: ${problem}`);
  if (process.stdin.isTTY && (await p.secret('再输入一次密码：')) !== pw) fail('两次输入的密码不一致。');
  return pw;
}

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
  await createFirstAdmin(booted.deps, scriptCtx('create-admin'), {
    countyCode: county,
    username,
    displayName,
    role,
    password: await password(username),
  });
  console.log(`已创建${roleLabels[role]} ${username}。首次登录后须绑定身份验证器（两步验证）。`);
} catch (e) {
  if (e instanceof AppError) fail(`${e.code}: ${e.userMessage}`);
  throw e;
} finally {
  p.close();
  await booted.close();
}
