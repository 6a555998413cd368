/**
 * npm run db:migrate — applies the migrations as the owner role (MIGRATION_DATABASE_URL) and grants
 * the server's role (DATABASE_URL) what it needs, INSERT and SELECT only on the event log. Lets the
 * server itself run without the owner's credentials (docs/DEPLOY.md).
 */
import { loadConfig } from '../server/src/config';
import { openDatabase } from '../server/src/db/client';
import { migrateAsOwner } from '../server/src/db/roles';
import { fail } from './cli';

const config = loadConfig();
if (!config.databaseUrl || !config.migrationDatabaseUrl) {
  fail(
    '请设置 DATABASE_URL（服务器的角色）和 MIGRATION_DATABASE_URL（所有者角色）。嵌入式数据库在启动时自行升级。',
  );
}
const app = await openDatabase({ databaseUrl: config.databaseUrl, poolSize: 1 });
try {
  const { appRole } = await migrateAsOwner(config.migrationDatabaseUrl, app);
  console.log(`数据库已升级；角色 ${appRole} 对事件日志只能新增和读取。`);
} finally {
  await app.close();
}
