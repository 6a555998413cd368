import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { precompressPlugin } from './sw-plugin';

const webRoot = fileURLToPath(new URL('.', import.meta.url));
const outDir = fileURLToPath(new URL('./dist', import.meta.url));

/** The residents' paths (web/src/phone/router.tsx `isPhonePath`); `/*` marks a prefix. */
export const phoneRoutes = { '/public': 'phone.html', '/public/*': 'phone.html', '/t/*': 'phone.html' };

/**
 * Adds an entry's paths to `dist/routes.json`, the table the server picks each page's HTML by
 * (server/src/app.ts), which the staff build has just written.
 */
function routesPlugin(routes: Record<string, string>): Plugin {
  return {
    name: 'zongzhi-phone-routes',
    apply: 'build',
    writeBundle() {
      const file = path.join(outDir, 'routes.json');
      const table = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
      Object.assign(table, routes);
      writeFileSync(file, `${JSON.stringify(table, null, 2)}\n`);
    },
  };
}

/**
 * A light phone entry's build (issue 20), into the same `web/dist` after the staff build
 * (web/vite.config.ts runs it): `html` with `routes` added to routes.json. React is Preact's compat
 * layer here and only here: the pages keep their hooks and JSX, and a phone on 3G loads a few KB of
 * renderer instead of React DOM (83 KB with React Router) and antd (106 KB) before its first screen.
 * Each entry is a build of its own, so each page loads one script: built together, the residents'
 * pages and the grid worker's kit would share a second one (Preact and the kit).
 */
export function lightEntryConfig(html: string, routes: Record<string, string>, plugins: Plugin[] = []) {
  return defineConfig({
    root: webRoot,
    plugins: [react(), routesPlugin(routes), ...plugins, precompressPlugin()],
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
      // The public files too.
      copyPublicDir: false,
      target: 'es2022',
      rolldownOptions: {
        input: { [html.replace(/\.html$/, '')]: path.join(webRoot, html) },
      },
    },
  });
}

/** The residents' pages (`/public/*`, `/t/*`): `web/phone.html`. */
export default lightEntryConfig('phone.html', phoneRoutes);
