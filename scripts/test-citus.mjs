// `npm run test:citus`: the module suite on a Citus cluster. Each test file gets its own copy of a
// migrated, distributed (docs/DEPLOY.md, `npm run db:distribute`) and seeded database on every node.
// The cluster: TEST_CITUS_URL (the coordinator), else 127.0.0.1:5433; when nothing answers there and
// CITUS_UP names a script that starts a cluster and prints CITUS_URL=…, that script is run first.
import { execFileSync, spawnSync } from 'node:child_process';

let url = process.env.TEST_CITUS_URL ?? 'postgres://postgres@127.0.0.1:5433/postgres';
const ready = (u) => {
  const { hostname, port } = new URL(u);
  return spawnSync('pg_isready', ['-q', '-h', hostname, '-p', port || '5432']).status === 0;
};
if (!ready(url)) {
  if (!process.env.CITUS_UP) {
    console.error(
      `没有找到 Citus 集群（${url}）：请启动一个集群并设置 TEST_CITUS_URL，或设置 CITUS_UP 为启动集群的脚本。`,
    );
    process.exit(2);
  }
  const out = execFileSync(process.env.CITUS_UP, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
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
