/**
 * Writes `sw.js`, the service worker of the installable app, into the build with the list of every
 * file the build produced. It keeps the app shell (index.html, scripts, styles) so the grid worker's
 * kit opens without signal; API answers are never cached (they may hold personal data). The list and
 * its hash change with every build, so the browser installs the new worker and drops the old files.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Plugin } from 'vite';

export function serviceWorkerPlugin(templatePath: string, publicFiles: string[]): Plugin {
  return {
    name: 'zongzhi-service-worker',
    apply: 'build',
    generateBundle(_options, bundle) {
      const files = Object.keys(bundle)
        .filter((f) => /\.(js|css|woff2?|png|svg)$/.test(f) && f !== 'sw.js')
        .sort();
      const shell = ['/index.html', ...publicFiles, ...files.map((f) => `/${f}`)];
      const version = createHash('sha256').update(shell.join('\n')).digest('hex').slice(0, 12);
      const source = readFileSync(templatePath, 'utf8')
        .replace('__SHELL__', JSON.stringify(shell))
        .replace('__VERSION__', version);
      this.emitFile({ type: 'asset', fileName: 'sw.js', source });
    },
  };
}
