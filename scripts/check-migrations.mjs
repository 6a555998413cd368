// CI fails when the Drizzle schema and the committed migrations disagree: regenerating must add nothing.
import { execSync } from 'node:child_process';

const out = execSync('npx drizzle-kit generate --name drift_check', { encoding: 'utf8' });
const status = execSync('git status --porcelain server/migrations', { encoding: 'utf8' }).trim();
if (status) {
  console.error(out);
  console.error(`Migration drift: the schema changed without a committed migration:\n${status}`);
  execSync('git checkout -- server/migrations && git clean -fdq server/migrations');
  process.exit(1);
}
console.log('migrations match the schema');
