import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, gzipSync, constants as zlibConstants } from 'node:zlib';
import type { Plugin } from 'vite';

/**
 * Writes `sw.js`, the service worker of the installable grid worker's kit, into the build with the
 * list of the files one entry needs: its HTML, what the HTML names and everything those scripts
 * import (web/field.html in the phone build). It keeps that shell so the kit opens without signal;
 * API answers are never cached (they may hold personal data). The list and its hash change with
 * every build, so the browser installs the new worker and drops the old files.
 */
export function serviceWorkerPlugin(templatePath: string, html: string, publicFiles: string[]): Plugin {
  return {
    name: 'zongzhi-service-worker',
    apply: 'build',
    generateBundle: {
      // After the HTML plugin has written the entry's page with its hashed file names.
      order: 'post',
      handler(_options, bundle) {
        const page = bundle[html];
        if (page?.type !== 'asset') throw new Error(`service worker: ${html} not in the bundle`);
        const files = new Set<string>();
        const add = (file: string) => {
          if (files.has(file) || !bundle[file]) return;
          files.add(file);
          const out = bundle[file];
          if (out?.type === 'chunk') for (const f of [...out.imports, ...out.dynamicImports]) add(f);
        };
        for (const m of String(page.source).matchAll(/(?:src|href)="\/(assets\/[^"]+)"/g)) add(m[1]!);
        if (files.size === 0) throw new Error(`service worker: ${html} names no file of the build`);
        const shell = [`/${html}`, ...publicFiles, ...[...files].sort().map((f) => `/${f}`)];
        const version = createHash('sha256').update(shell.join('\n')).digest('hex').slice(0, 12);
        const source = readFileSync(templatePath, 'utf8')
          .replace('__SHELL__', JSON.stringify(shell))
          .replace('__HTML__', JSON.stringify(`/${html}`))
          .replace('__VERSION__', version);
        this.emitFile({ type: 'asset', fileName: 'sw.js', source });
      },
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
