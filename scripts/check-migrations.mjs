// CI fails when the Drizzle schema and the committed migrations disagree: generating from the schema
// into a scratch copy of server/migrations must add nothing. The working tree is never touched.
// drizzle-kit reads `out` relative to the working directory (an absolute path becomes .//tmp/…,
// which it cannot open, and it then reports nothing): the scratch copy lives under node_modules/.cache.
import { execSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

mkdirSync(path.join('node_modules', '.cache'), { recursive: true });
const scratch = path.relative(
  process.cwd(),
  mkdtempSync(path.join('node_modules', '.cache', 'zz-migrations-')),
);
cpSync('server/migrations', scratch, { recursive: true });
const config = path.join(scratch, 'drizzle.check.config.mjs');
writeFileSync(
  config,
  `export default ${JSON.stringify({
    dialect: 'postgresql',
    schema: './server/src/db/schema/index.ts',
    out: `./${scratch}`,
    casing: 'snake_case',
  })};\n`,
);
const before = new Set(readdirSync(scratch));
let out;
try {
  out = execSync(`npx drizzle-kit generate --config ${config} --name drift_check`, {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
} catch (e) {
  rmSync(scratch, { recursive: true, force: true });
  console.error(String(e.stdout ?? ''), String(e.stderr ?? ''));
  console.error('drizzle-kit failed: the migrations could not be compared with the schema.');
  process.exit(1);
}
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
if (!/No schema changes/.test(out)) {
  console.error(out);
  console.error('drizzle-kit did not confirm that nothing changed.');
  process.exit(1);
}
console.log('migrations match the schema');
