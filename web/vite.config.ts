import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { phoneChunkName, routeHtmlPlugin } from './route-chunks';
import { precompressPlugin, serviceWorkerPlugin } from './sw-plugin';

const webRoot = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const apiTarget = 'http://localhost:3000';

/**
 * The web app: root `web/`, built into `web/dist`, which the server serves from the same origin.
 * Pages are loaded with React.lazy, so the login screen never downloads Leaflet or the data tables;
 * the groups below only keep the big shared libraries in stable, separately cached chunks.
 */
export default defineConfig({
  root: webRoot,
  plugins: [
    react(),
    serviceWorkerPlugin(fileURLToPath(new URL('./sw-template.js', import.meta.url)), [
      '/manifest.webmanifest',
      '/icon.svg',
      '/icon-maskable.svg',
    ]),
    routeHtmlPlugin(webRoot),
    precompressPlugin(),
  ],
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
            // The phone entries' first screens in a few chunks instead of many small ones (web/route-chunks.ts).
            {
              name: phoneChunkName(webRoot),
              debugName: 'phone',
              priority: 0,
              // Only the modules named here: their dependencies stay where the other groups put them.
              includeDependenciesRecursively: false,
            },
          ],
        },
      },
    },
  },
});
