// `npm run test:citus`: the module suite on a Citus cluster. Each test file gets its own copy of a
// migrated, distributed (docs/DEPLOY.md, `npm run db:distribute`) and seeded database on every node.
// The cluster: TEST_CITUS_URL (the coordinator), else 127.0.0.1:5433; when nothing answers there, the
// script CITUS_UP names (default scripts/citus-up.sh: a coordinator and a worker on this machine's
// PostgreSQL 15 with Citus installed) starts one and prints CITUS_URL=….
import { execFileSync, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

let url = process.env.TEST_CITUS_URL ?? 'postgres://postgres@127.0.0.1:5433/postgres';
const ready = (u) => {
  const { hostname, port } = new URL(u);
  return spawnSync('pg_isready', ['-q', '-h', hostname, '-p', port || '5432']).status === 0;
};
if (!ready(url)) {
  const up = process.env.CITUS_UP ?? fileURLToPath(new URL('./citus-up.sh', import.meta.url));
  let out = '';
  try {
    out = execFileSync(up, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  } catch {
    console.error(
      `没有找到 Citus 集群（${url}），也没能用 ${up} 启动：请启动一个集群并设置 TEST_CITUS_URL（docs/DEPLOY.md §3）。`,
    );
    process.exit(2);
  }
  const m = /CITUS_URL=(\S+)/.exec(out);
  if (m) url = m[1];
}
console.log(`module tests on Citus: coordinator ${url.replace(/\/\/[^@]*@/, '//…@')}`);
const args = process.argv.slice(2);
const filters = args.some((a) => !a.startsWith('-')) ? [] : ['server', 'scripts/verify-chain.test.ts'];
// TEST_DATABASE_URL stays unset: the tests that use it are about one PostgreSQL server's roles and
// pg_dump backups (docs/DEPLOY.md says how a cluster is backed up).
const { TEST_DATABASE_URL: _omit, ...env } = process.env;
const r = spawnSync('npx', ['vitest', 'run', '--project', 'unit', ...filters, ...args], {
  stdio: 'inherit',
  env: { ...env, TEST_CITUS_URL: url },
});
process.exit(r.status ?? 1);
