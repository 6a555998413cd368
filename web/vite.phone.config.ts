import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { precompressPlugin, serviceWorkerPlugin } from './sw-plugin';

const webRoot = fileURLToPath(new URL('.', import.meta.url));
const outDir = fileURLToPath(new URL('./dist', import.meta.url));

/**
 * The paths each entry serves (web/src/phone/router.tsx `isPhonePath`, `isFieldPath`); `/*` marks a
 * prefix.
 */
export const phoneRoutes = {
  '/public': 'phone.html',
  '/public/*': 'phone.html',
  '/t/*': 'phone.html',
  '/field': 'field.html',
  '/field/*': 'field.html',
} as const;

/**
 * Adds the phone entries' paths to `dist/routes.json`, the table the server picks each page's HTML by
 * (server/src/app.ts), which the staff build has just written.
 */
function phoneRoutesPlugin(): Plugin {
  return {
    name: 'zongzhi-phone-routes',
    apply: 'build',
    writeBundle() {
      const file = path.join(outDir, 'routes.json');
      const table = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
      Object.assign(table, phoneRoutes);
      writeFileSync(file, `${JSON.stringify(table, null, 2)}\n`);
    },
  };
}

/**
 * The phone entries' build (issue 20): the residents' pages, `web/phone.html`, and the grid worker's
 * kit, `web/field.html`, into the same `web/dist` after the staff build (web/vite.config.ts runs it).
 * React is Preact's compat layer here and only here: the pages keep their hooks and JSX, and a phone
 * on 3G loads a few KB of renderer instead of React DOM (83 KB with React Router) and antd (106 KB)
 * before its first screen. The kit's service worker (sw.js) keeps field.html and its files.
 */
export default defineConfig({
  root: webRoot,
  plugins: [
    react(),
    phoneRoutesPlugin(),
    serviceWorkerPlugin(fileURLToPath(new URL('./sw-template.js', import.meta.url)), 'field.html', [
      '/manifest.webmanifest',
      '/icon.svg',
      '/icon-maskable.svg',
    ]),
    precompressPlugin(),
  ],
  resolve: {
    alias: [
      { find: /^react$/, replacement: 'preact/compat' },
      { find: /^react-dom$/, replacement: 'preact/compat' },
      { find: /^react-dom\/client$/, replacement: 'preact/compat/client' },
      { find: /^react\/jsx-runtime$/, replacement: 'preact/jsx-runtime' },
      { find: /^react\/jsx-dev-runtime$/, replacement: 'preact/jsx-runtime' },
    ],
  },
  build: {
    outDir,
    // The staff build is already there.
    emptyOutDir: false,
    target: 'es2022',
    rolldownOptions: {
      input: {
        phone: fileURLToPath(new URL('./phone.html', import.meta.url)),
        field: fileURLToPath(new URL('./field.html', import.meta.url)),
      },
    },
  },
});
