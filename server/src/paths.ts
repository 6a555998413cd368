/**
 * The repository's root, found from this module whether it runs from source (server/src) or bundled
 * (dist/server, `npm run build`): files shipped beside the code (migrations, the built web app, the
 * demo county) are resolved from here, not from a path relative to the module, which the bundle moves.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}

export const rootDir = findRoot(path.dirname(fileURLToPath(import.meta.url)));
