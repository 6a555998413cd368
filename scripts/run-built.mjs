// `npm start` and the operators' commands (create-admin, import:county, backup …): run the built
// JavaScript in this process, building first when the build is missing or older than its sources, so
// `npm start` stays the one command on a fresh clone and after a `git pull`.
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildServer, buildWeb, entries, serverOut, serverSources, webSources } from './build.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const name = process.argv[2];
if (!name || !(name in entries)) {
  console.error(`usage: node scripts/run-built.mjs <${Object.keys(entries).join('|')}> [args]`);
  process.exit(2);
}

/** The newest modification time under the given paths (tests and node_modules aside). */
function newest(paths) {
  let max = 0;
  const visit = (p) => {
    const s = statSync(p, { throwIfNoEntry: false });
    if (!s) return;
    if (s.isDirectory()) {
      for (const e of readdirSync(p)) if (e !== 'node_modules' && e !== 'dist') visit(path.join(p, e));
    } else if (!/\.test\.tsx?$/.test(p)) max = Math.max(max, s.mtimeMs);
  };
  for (const p of paths) visit(path.join(root, p));
  return max;
}

const stamp = path.join(serverOut, 'BUILT');
const builtAt = existsSync(stamp) ? statSync(stamp).mtimeMs : 0;
// An image installed without dev dependencies (no esbuild) runs the build it was shipped with.
const canBuild = existsSync(path.join(root, 'node_modules/esbuild'));
if (builtAt < newest(serverSources) && (canBuild || !builtAt)) {
  console.error(
    builtAt ? 'server build older than its sources: rebuilding' : 'no server build yet: building',
  );
  await buildServer();
}
// Only the server needs the web app; a production image may ship web/dist without its sources or vite.
const webIndex = path.join(root, 'web/dist/index.html');
if (name === 'main' && existsSync(path.join(root, 'node_modules/vite'))) {
  const webAt = existsSync(webIndex) ? statSync(webIndex).mtimeMs : 0;
  if (webAt < newest(webSources)) {
    console.error(webAt ? 'web build older than its sources: rebuilding' : 'no web build yet: building');
    buildWeb();
  }
}

await import(pathToFileURL(path.join(serverOut, `${name}.js`)).href);
