import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ES module script, no declaration file
import { cycles, moduleGraph, stalePending } from './module-cycles.mjs';

type Graph = Map<string, Map<string, Set<string>>>;

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'zz-modules-'));
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, p)), { recursive: true });
    writeFileSync(path.join(root, p), text);
  }
  return root;
}

describe('server modules import each other without a cycle (issue 19)', () => {
  it('the real module graph has 0 cycles, and every pending back-edge still exists', () => {
    const graph: Graph = moduleGraph();
    expect(graph.get('matters')?.has('orgs')).toBe(true); // the scan sees the real imports
    expect(cycles(graph)).toEqual([]);
    expect(stalePending(graph)).toEqual([]);
  });

  it('matters imports none of its consumers (they react through hooks or answer through ports)', () => {
    const graph: Graph = moduleGraph();
    for (const consumer of ['court', 'risk', 'deliberation', 'mediation', 'documents', 'notifications'])
      expect(graph.get('matters')?.has(consumer)).toBe(false);
  });

  it('events and calendar, below matters, import nothing of it (matters plugs in their ports)', () => {
    const graph: Graph = moduleGraph();
    for (const base of ['events', 'calendar']) expect(graph.get(base)?.has('matters') ?? false).toBe(false);
  });

  it('finds a cycle through three modules, type-only and multi-line imports included, tests excluded', () => {
    const root = tree({
      'a/a.service.ts': "import {\n  b,\n} from '../b/b.service';\n",
      'b/b.service.ts': "import type { C } from '../c/c';\n",
      'c/c.ts': "export { a } from '../a/a.service';\n",
      'd/d.test.ts': "import { a } from '../a/a.service';\n",
      'a/a.test.ts': "import { d } from '../d/d';\n",
    });
    const graph: Graph = moduleGraph(root);
    expect(cycles(graph, [])).toEqual([['a', 'b', 'c']]);
    expect(cycles(graph, [['c', 'a']])).toEqual([]);
    expect(graph.has('d')).toBe(false);
    expect(stalePending(graph, [['a', 'd']])).toEqual([['a', 'd']]);
  });
});
