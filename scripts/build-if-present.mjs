// `npm install` builds the web app and the server once (the `prepare` lifecycle), so `npm start` starts in
// seconds. Installs without dev dependencies (production images that copy a built web/dist and dist/)
// skip it.
import { existsSync } from 'node:fs';

if (
  !existsSync('web/vite.config.ts') ||
  !existsSync('node_modules/vite') ||
  !existsSync('node_modules/esbuild')
) {
  console.log('[zongzhi] build skipped (no sources or no dev dependencies)');
  process.exit(0);
}
const { buildServer, buildWeb } = await import('./build.mjs');
buildWeb();
await buildServer();
