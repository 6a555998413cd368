/**
 * The phone entries on 3G (issue 4, bench/bundle.bench.ts): Fast 3G adds ~0.56 s to every request and
 * HTTP/1.1 gives six connections, so a page is as slow as its number of request waves, not its bytes.
 * Two build-time measures, both driven by the table below:
 *  - `phoneChunkName`: the modules a phone entry's first screen needs (and the entry itself does not
 *    load) go into a few chunks named after which entries need them, instead of the dozens of small
 *    shared chunks automatic splitting makes (Tag, Select, Typography… each its own file);
 *  - `routeHtmlPlugin`: a copy of index.html per entry route that names every chunk of that route in
 *    `<link rel="modulepreload">`, so the browser asks for all of them in the first wave after the
 *    HTML instead of discovering them entry → router → page → the page's imports. The server sends
 *    that copy for the route (server/src/app.ts, dist/routes.json).
 */
import path from 'node:path';
import type { Plugin } from 'vite';

/**
 * The phone entries built with the staff entry: route → the modules of its first screen (paths from
 * web/), and for the grid worker's kit the API answer its first screen waits for (fetched with the
 * HTML, not after the code). The residents' pages (`/public/*`, `/t/*`) have an entry of their own
 * since issue 20 (web/phone.html, web/vite.phone.config.ts), which adds its paths to routes.json.
 */
export const phoneEntries = {
  field: {
    routes: {
      '/field': ['src/features/field/FieldLayout.tsx', 'src/features/field/FieldHomePage.tsx'],
    },
    // Who is signed in: the kit's first sync asks this before it shows anything.
    fetches: ['/api/auth/me'],
  },
} as const;

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

type Family = keyof typeof phoneEntries;

interface ModuleGraph {
  getModuleInfo(id: string): { importers: readonly string[]; isEntry: boolean } | null;
}

function norm(id: string): string {
  return id.split(path.sep).join('/');
}

/**
 * For `output.codeSplitting.groups[].name`: the chunk a module belongs in, or null to leave it to the
 * other groups and automatic splitting. A module reached (through static imports) from the app's entry
 * stays with the entry; one reached from the first screen of one phone page only goes to that page's
 * chunk (`phone-submit`, `phone-field`…), from several to `phone-shared`. Staff pages that import one
 * of those modules load that chunk too (a few KB more on a desktop); one phone page never loads
 * another's. antd's parts are reached through its index from the entry too, so they stay with
 * automatic splitting (one small chunk per component): the preload links below fetch them at once.
 */
export function phoneChunkName(webRoot: string): (id: string, ctx: ModuleGraph) => string | null {
  const roots = new Map<string, Set<Family>>();
  for (const [family, spec] of Object.entries(phoneEntries) as [Family, (typeof phoneEntries)[Family]][]) {
    for (const mods of Object.values(spec.routes) as readonly (readonly string[])[]) {
      for (const m of mods) {
        const key = norm(path.join(webRoot, m));
        roots.set(key, new Set([...(roots.get(key) ?? []), family]));
      }
    }
  }
  const entry = norm(path.join(webRoot, 'src/main.tsx'));
  const memo = new Map<string, Set<Family | 'entry'>>();
  // Every module's static importers, up to the roots or the app's entry (one walk per module).
  const reach = (id: string, ctx: ModuleGraph): Set<Family | 'entry'> => {
    const done = memo.get(id);
    if (done) return done;
    const out = new Set<Family | 'entry'>();
    const seen = new Set([id]);
    const queue = [id];
    while (queue.length > 0) {
      const m = queue.pop()!;
      for (const f of roots.get(norm(m)) ?? []) out.add(f);
      const info = ctx.getModuleInfo(m);
      // index.html's module script (its proxy module is not always in the graph).
      if (info?.isEntry || norm(m) === entry) {
        out.add('entry');
        break;
      }
      for (const imp of info?.importers ?? []) {
        if (!seen.has(imp)) {
          seen.add(imp);
          queue.push(imp);
        }
      }
    }
    memo.set(id, out);
    return out;
  };
  return (id, ctx) => {
    const r = reach(id, ctx);
    if (r.has('entry') || r.size === 0) return null;
    // One page's own modules in one chunk; what several phone pages share, in one more.
    return r.size === 1 ? `phone-${[...r][0]}` : 'phone-shared';
  };
}

interface OutChunk {
  type: 'chunk';
  fileName: string;
  moduleIds: string[];
  imports: string[];
  isEntry: boolean;
}

/**
 * Emits `routes/<name>.html` per phone route and the staff home (index.html plus the route's
 * modulepreload links) and
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
        for (const spec of [...Object.values(phoneEntries), ...Object.values(staffEntries)]) {
          for (const [route, mods] of Object.entries(spec.routes)) {
            const files = new Set<string>();
            for (const m of mods) {
              const abs = norm(path.join(webRoot, m));
              const chunk = chunks.find((c) => c.moduleIds.some((id) => norm(id) === abs));
              if (!chunk) throw new Error(`route-html: no chunk holds ${m}`);
              withImports(chunk.fileName, files);
            }
            const fetches: readonly string[] = 'fetches' in spec ? spec.fetches : [];
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
