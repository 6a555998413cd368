/**
 * npm run db:distribute — on a migrated database whose server has the Citus extension (the coordinator
 * of a cluster, its workers added), distributes the per-county tables by county_code and makes the
 * shared ones reference tables (server/src/db/distribute.ts says which and why). Run as the owner
 * role (MIGRATION_DATABASE_URL, else DATABASE_URL), once after `npm run db:migrate`; running it again
 * changes nothing. docs/DEPLOY.md, "From one PostgreSQL to a Citus cluster".
 */
import { loadConfig } from '../server/src/config';
import { openDatabase } from '../server/src/db/client';
import { distribute } from '../server/src/db/distribute';
import { fail } from './cli';

const config = loadConfig();
const url = config.migrationDatabaseUrl ?? config.databaseUrl;
if (!url) fail('请设置 MIGRATION_DATABASE_URL（所有者角色）或 DATABASE_URL，指向 Citus 集群的协调节点。');
const database = await openDatabase({ databaseUrl: url, poolSize: 1 });
try {
  const shards = process.env.CITUS_SHARD_COUNT ? Number(process.env.CITUS_SHARD_COUNT) : undefined;
  const r = await distribute(database, shards ? { shardCount: shards } : {});
  console.log(
    `已分布：${r.distributed.length} 张按县分片的表，${r.reference.length} 张参照表` +
      (r.already.length ? `；${r.already.length} 张此前已完成` : '') +
      '。',
  );
} catch (e) {
  fail((e as Error).message);
} finally {
  await database.close();
}
