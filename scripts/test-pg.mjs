// `npm run test:pg`: the module suite on the machine's PostgreSQL. Each test file gets its own copy
// of a seeded template database, so runs never see each other's rows.
import { spawnSync } from 'node:child_process';

const url =
  process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
console.log(`module tests on PostgreSQL: ${url.replace(/\/\/[^@]*@/, '//…@')}`);
// Without file filters of its own, the run is the server's module suite; `npm run test:pg -- path`
// runs just those files (adding 'server' would widen the filter back to every module).
const args = process.argv.slice(2);
const filters = args.some((a) => !a.startsWith('-')) ? [] : ['server'];
const r = spawnSync('npx', ['vitest', 'run', '--project', 'unit', ...filters, ...args], {
  stdio: 'inherit',
  env: { ...process.env, TEST_DATABASE_URL: url },
});
process.exit(r.status ?? 1);
