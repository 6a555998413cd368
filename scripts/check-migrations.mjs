// CI fails when the Drizzle schema and the committed migrations disagree: generating from the schema
// into a scratch copy of server/migrations must add nothing. The working tree is never touched.
import { execSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const scratch = mkdtempSync(path.join(os.tmpdir(), 'zz-migrations-'));
cpSync('server/migrations', scratch, { recursive: true });
const config = path.join(scratch, 'drizzle.check.config.mjs');
writeFileSync(
  config,
  `export default ${JSON.stringify({
    dialect: 'postgresql',
    schema: path.resolve('server/src/db/schema/index.ts'),
    out: scratch,
    casing: 'snake_case',
  })};\n`,
);
const before = new Set(readdirSync(scratch));
const out = execSync(`npx drizzle-kit generate --config ${config} --name drift_check`, { encoding: 'utf8' });
const added = readdirSync(scratch).filter((f) => !before.has(f));
rmSync(scratch, { recursive: true, force: true });
if (added.length) {
  console.error(out);
  console.error(
    `Migration drift: the schema changed without a committed migration (would add ${added.join(', ')}).`,
  );
  console.error('Run `npm run db:generate` and commit the new migration.');
  process.exit(1);
}
console.log('migrations match the schema');
