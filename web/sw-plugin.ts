/**
 * Writes `sw.js`, the service worker of the installable app, into the build with the list of every
 * file the build produced. It keeps the app shell (index.html, scripts, styles) so the grid worker's
 * kit opens without signal; API answers are never cached (they may hold personal data). The list and
 * its hash change with every build, so the browser installs the new worker and drops the old files.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, gzipSync, constants as zlibConstants } from 'node:zlib';
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

/**
 * Writes a Brotli and a gzip copy next to every script, style and page of the build; the server sends
 * them to browsers that accept them (fastify-static `preCompressed`). A village on 3G downloads a
 * quarter of the bytes, and nothing is compressed per request at run time.
 */
export function precompressPlugin(): Plugin {
  let outDir = '';
  return {
    name: 'zongzhi-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    writeBundle(_options, bundle) {
      for (const file of Object.keys(bundle)) {
        if (!/\.(js|css|html|svg)$/.test(file)) continue;
        const full = path.join(outDir, file);
        const data = readFileSync(full);
        if (data.length < 1024) continue;
        writeFileSync(
          `${full}.br`,
          brotliCompressSync(data, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 11 } }),
        );
        writeFileSync(`${full}.gz`, gzipSync(data, { level: 9 }));
      }
    },
  };
}
