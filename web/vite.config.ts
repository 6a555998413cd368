import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { build, defineConfig, type Plugin } from 'vite';
import { routeHtmlPlugin } from './route-chunks';
import { precompressPlugin } from './sw-plugin';

const webRoot = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const apiTarget = 'http://localhost:3000';
/** The light phone entries, each a build of its own: the residents' pages and the grid worker's kit. */
const phoneConfigs = ['./vite.phone.config.ts', './vite.field.config.ts'].map((f) =>
  fileURLToPath(new URL(f, import.meta.url)),
);

/** The residents' pages (`/public/*`, `/t/*`): the phone entry, web/phone.html. */
function isPhonePath(pathname: string): boolean {
  return pathname === '/public' || pathname.startsWith('/public/') || pathname.startsWith('/t/');
}

/** The grid worker's kit (`/field`, `/field/*`): its own light entry, web/field.html. */
function isFieldPath(pathname: string): boolean {
  return pathname === '/field' || pathname.startsWith('/field/');
}

/**
 * The phone entries are builds of their own (web/vite.phone.config.ts, web/vite.field.config.ts: React
 * aliased to Preact there only), run when this one has written its files, so every `vite build` of
 * the web app makes all three. In
 * `vite dev`, the residents' paths get phone.html and the kit's field.html (on React: the same pages,
 * the same hooks).
 */
function phoneEntryPlugin(): Plugin {
  let building = false;
  return {
    name: 'zongzhi-phone-entry',
    configResolved(config) {
      building = config.command === 'build';
    },
    async closeBundle() {
      if (!building || this.meta.watchMode) return;
      for (const configFile of phoneConfigs) await build({ configFile, logLevel: 'warn' });
    },
    configureServer(server) {
      server.middlewares.use((req, _res, next) => {
        const pathname = (req.url ?? '/').split('?', 1)[0]!.replace(/\/+$/, '');
        if (req.method === 'GET' && req.headers.accept?.includes('text/html')) {
          if (isPhonePath(pathname)) req.url = '/phone.html';
          else if (isFieldPath(pathname)) req.url = '/field.html';
        }
        next();
      });
    },
  };
}

/**
 * The web app: root `web/`, built into `web/dist`, which the server serves from the same origin.
 * Pages are loaded with React.lazy, so the login screen never downloads Leaflet or the data tables;
 * the groups below only keep the big shared libraries in stable, separately cached chunks.
 */
export default defineConfig({
  root: webRoot,
  plugins: [react(), routeHtmlPlugin(webRoot), precompressPlugin(), phoneEntryPlugin()],
  server: {
    // The web imports `core/` from outside its root.
    fs: { allow: [repoRoot] },
    proxy: {
      '/api': { target: apiTarget, changeOrigin: false },
      '/healthz': { target: apiTarget, changeOrigin: false },
    },
  },
  preview: {
    proxy: {
      '/api': { target: apiTarget, changeOrigin: false },
      '/healthz': { target: apiTarget, changeOrigin: false },
    },
  },
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 900,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            {
              name: 'react',
              test: /node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/,
              priority: 3,
            },
            { name: 'leaflet', test: /node_modules[\\/]leaflet[\\/]/, priority: 2 },
            // The part of antd and friends the login screen needs; the rest follows the pages that use it.
            { name: 'ui', test: /node_modules[\\/]/, tags: ['$initial'], priority: 1 },
          ],
        },
      },
    },
  },
});
