/**
 * The staff home on 3G (issue 4, bench/bundle.bench.ts): Fast 3G adds ~0.56 s to every request and
 * HTTP/1.1 gives six connections, so a page is as slow as its number of request waves, not its bytes.
 * `routeHtmlPlugin` writes a copy of index.html for the route that names every chunk of it in
 * `<link rel="modulepreload">`, so the browser asks for all of them in the first wave after the HTML
 * instead of discovering them entry → router → page → the page's imports. The server sends that copy
 * for the route (server/src/app.ts, dist/routes.json). The phone pages (`/public/*`, `/t/*`, `/field`)
 * are entries of their own since issue 20 (web/vite.phone.config.ts), which add their paths to
 * routes.json.
 */
import path from 'node:path';
import type { Plugin } from 'vite';

/**
 * Entries that get their preload HTML but no chunks of their own: the staff workbench's home, where a
 * signed-in worker lands (layout, home page and who is signed in in the first wave instead of four in
 * a row). Its modules stay with automatic splitting: every staff page shares the layout.
 */
export const staffEntries = {
  home: {
    routes: {
      '/': ['src/app/AppLayout.tsx', 'src/features/home/HomePage.tsx'],
    },
    fetches: ['/api/auth/me'],
  },
} as const;

function norm(id: string): string {
  return id.split(path.sep).join('/');
}

interface OutChunk {
  type: 'chunk';
  fileName: string;
  moduleIds: string[];
  imports: string[];
  isEntry: boolean;
}

/**
 * Emits `routes/<name>.html` per route above (index.html plus the route's modulepreload links) and
 * `routes.json` ({ "/public/submit": "routes/public-submit.html", … }) for the server.
 */
export function routeHtmlPlugin(webRoot: string): Plugin {
  return {
    name: 'zongzhi-route-html',
    apply: 'build',
    generateBundle: {
      order: 'post',
      handler(_options, bundle) {
        const html = bundle['index.html'];
        if (html?.type !== 'asset') throw new Error('route-html: index.html not in the bundle');
        const index = String(html.source);
        const chunks = Object.values(bundle).filter((c): c is OutChunk & typeof c => c.type === 'chunk');
        const byFile = new Map(chunks.map((c) => [c.fileName, c]));
        const withImports = (file: string, into: Set<string>) => {
          if (into.has(file)) return;
          into.add(file);
          for (const f of byFile.get(file)?.imports ?? []) withImports(f, into);
        };
        const entryFiles = new Set<string>();
        for (const c of chunks) if (c.isEntry) withImports(c.fileName, entryFiles);
        const table: Record<string, string> = {};
        for (const spec of Object.values(staffEntries)) {
          for (const [route, mods] of Object.entries(spec.routes)) {
            const files = new Set<string>();
            for (const m of mods) {
              const abs = norm(path.join(webRoot, m));
              const chunk = chunks.find((c) => c.moduleIds.some((id) => norm(id) === abs));
              if (!chunk) throw new Error(`route-html: no chunk holds ${m}`);
              withImports(chunk.fileName, files);
            }
            const fetches: readonly string[] = spec.fetches;
            const links = [
              ...[...files]
                .filter((f) => !entryFiles.has(f))
                .map((f) => `<link rel="modulepreload" crossorigin href="/${f}">`),
              // Same mode and credentials as the app's fetch(), so the app's request takes this answer.
              ...fetches.map((u) => `<link rel="preload" href="${u}" as="fetch" crossorigin="anonymous">`),
            ].join('\n    ');
            const fileName = `routes/${route === '/' ? 'home' : route.slice(1).replaceAll('/', '-')}.html`;
            this.emitFile({
              type: 'asset',
              fileName,
              source: index.replace('</head>', `  ${links}\n  </head>`),
            });
            table[route] = fileName;
          }
        }
        this.emitFile({
          type: 'asset',
          fileName: 'routes.json',
          source: `${JSON.stringify(table, null, 2)}\n`,
        });
      },
    },
  };
}
