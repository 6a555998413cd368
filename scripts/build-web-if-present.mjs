// `npm install` builds the web app once (the `prepare` lifecycle), so `npm start` starts in seconds.
// Installs without dev dependencies (production images that copy a built web/dist) skip it.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

if (!existsSync('web/vite.config.ts') || !existsSync('node_modules/vite')) {
  console.log('[zongzhi] web build skipped (no web sources or no vite)');
  process.exit(0);
}
const r = spawnSync('npx', ['vite', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], {
  stdio: 'inherit',
});
process.exit(r.status ?? 1);
