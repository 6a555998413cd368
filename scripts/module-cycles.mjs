#!/usr/bin/env node
/**
 * The import graph between server modules (server/src/modules/<module>/…) must have no cycle (issue 19):
 * a cycle means no module in it can be understood, tested or changed alone. A plain import scan, no
 * compiler: every static `import … from '../x/…'` / `export … from` of a non-test file is an edge from
 * its module to module x (type-only imports too: they couple the code as much as value imports).
 *
 * `pendingEdges` are the back-edges still to be removed, each named; they are left out of the graph. The
 * list can only shrink: an edge listed but no longer in the code fails the check, so it gets deleted here.
 *
 *   node scripts/module-cycles.mjs      prints the cycles (exit 1) or "0 cycles"
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const modulesDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../server/src/modules');

/** Known back-edges (from → to), each closing a cycle today; remove the import, then the line. */
export const pendingEdges = [];

const importRe = /^\s*(?:import|export)\s[^;]*?\sfrom\s+'(\.[^']+)'/gms;

function* sourceFiles(dir) {
  for (const f of readdirSync(dir)) {
    const p = path.join(dir, f);
    if (statSync(p).isDirectory()) yield* sourceFiles(p);
    else if (/\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f)) yield p;
  }
}

/** module → module → the files that import it. */
export function moduleGraph(root = modulesDir) {
  const graph = new Map();
  for (const file of sourceFiles(root)) {
    const from = path.relative(root, file).split(path.sep)[0];
    for (const [, spec] of readFileSync(file, 'utf8').matchAll(importRe)) {
      const target = path.relative(root, path.resolve(path.dirname(file), spec));
      if (target.startsWith('..')) continue;
      const to = target.split(path.sep)[0];
      if (to === from) continue;
      if (!graph.has(from)) graph.set(from, new Map());
      const out = graph.get(from);
      if (!out.has(to)) out.set(to, new Set());
      out.get(to).add(path.relative(root, file));
    }
  }
  return graph;
}

/** Strongly connected components of more than one module (Tarjan), each a cycle or several. */
export function cycles(graph, skip = pendingEdges) {
  const skipped = new Set(skip.map(([a, b]) => `${a}>${b}`));
  const next = (v) => [...(graph.get(v)?.keys() ?? [])].filter((w) => !skipped.has(`${v}>${w}`));
  const index = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const found = [];
  let i = 0;
  const visit = (v) => {
    index.set(v, i);
    low.set(v, i++);
    stack.push(v);
    onStack.add(v);
    for (const w of next(v)) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v), low.get(w)));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v), index.get(w)));
    }
    if (low.get(v) !== index.get(v)) return;
    const scc = [];
    let w;
    do {
      w = stack.pop();
      onStack.delete(w);
      scc.push(w);
    } while (w !== v);
    if (scc.length > 1) found.push(scc.sort());
  };
  const nodes = new Set([...graph.keys(), ...[...graph.values()].flatMap((m) => [...m.keys()])]);
  for (const v of [...nodes].sort()) if (!index.has(v)) visit(v);
  return found;
}

/** Listed pending edges that the code no longer has: delete them from the list. */
export function stalePending(graph, pending = pendingEdges) {
  return pending.filter(([a, b]) => !graph.get(a)?.has(b));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const graph = moduleGraph();
  const found = cycles(graph);
  for (const scc of found) {
    console.log(`cycle among ${scc.join(', ')}:`);
    for (const a of scc) {
      for (const [b, files] of graph.get(a) ?? []) {
        if (scc.includes(b)) console.log(`  ${a} → ${b}  (${[...files].join(', ')})`);
      }
    }
  }
  const stale = stalePending(graph);
  for (const [a, b] of stale) console.log(`pending edge ${a} → ${b} is gone: delete it from pendingEdges`);
  console.log(`${found.length} cycles, ${pendingEdges.length} pending back-edges`);
  process.exit(found.length || stale.length ? 1 : 0);
}
