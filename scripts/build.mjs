// `npm run build`: the web app (vite) and the server with the commands production needs (esbuild), once,
// so `npm start` and the operators' commands run plain JavaScript instead of compiling TypeScript at
// every start. `--server` builds only the server. Packages stay external: node_modules is installed
// beside the build, and native packages (argon2, sharp, jieba) cannot be bundled anyway.
import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** What `node scripts/run-built.mjs <name>` runs: the server and the commands an operator needs in production. */
export const entries = {
  main: 'server/src/main.ts',
  'db-migrate': 'scripts/db-migrate.ts',
  'db-distribute': 'scripts/db-distribute.ts',
  'create-admin': 'scripts/create-admin.ts',
  'import-county': 'scripts/import-county.ts',
  'import-grids': 'scripts/import-grids.ts',
  'verify-chain': 'scripts/verify-chain.ts',
  backup: 'scripts/backup.ts',
  restore: 'scripts/restore.ts',
};
export const serverOut = path.join(root, 'dist/server');
/** Sources the server build is made from: a build older than any of them is rebuilt by run-built.mjs. */
export const serverSources = ['server/src', 'core', 'scripts', 'package.json', 'package-lock.json'];
export const webSources = ['web', 'core', 'package.json', 'package-lock.json'];

export async function buildServer() {
  const esbuild = await import('esbuild').catch(() => null);
  if (!esbuild) {
    throw new Error(
      'esbuild is missing (a dev dependency): run `npm install` with dev dependencies, then `npm run build`',
    );
  }
  const started = Date.now();
  rmSync(serverOut, { recursive: true, force: true });
  await esbuild.build({
    absWorkingDir: root,
    entryPoints: Object.fromEntries(Object.entries(entries).map(([name, file]) => [name, file])),
    outdir: serverOut,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node22',
    packages: 'external',
    sourcemap: true,
    chunkNames: 'chunks/[name]-[hash]',
    logLevel: 'warning',
  });
  // The build's helper process would otherwise live on in `npm start`'s process.
  await esbuild.stop();
  // The PDF fonts, cut from the dev-only nine-weight package (issue 19): dist/fonts beside the server.
  const { subsetFonts } = await import('./subset-fonts.mjs');
  await subsetFonts(path.join(root, 'dist/fonts'));
  // Written last: its time is the build's, compared with the sources' by run-built.mjs.
  writeFileSync(path.join(serverOut, 'BUILT'), `${new Date().toISOString()}\n`);
  console.error(`server built into dist/server in ${Date.now() - started} ms`);
}

export function buildWeb() {
  const r = spawnSync('npx', ['vite', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (r.status !== 0) throw new Error('web build failed');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  if (!process.argv.includes('--server')) buildWeb();
  await buildServer();
}
