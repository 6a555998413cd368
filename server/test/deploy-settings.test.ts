/**
 * Every setting the server reads from the environment is in DEPLOY's configuration table, with its
 * default and meaning (issue 19: production stopped on PII_HASH_KEY, which no document mentioned).
 * The table is the settings' documentation; this test keeps it complete as settings are added.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { envSchema } from '../src/config';

const deploy = readFileSync(path.join(import.meta.dirname, '..', '..', 'docs', 'DEPLOY.md'), 'utf8');

/** The variables named in the first cell of each row of DEPLOY's configuration table. */
function documented(): Set<string> {
  const start = deploy.indexOf('### Configuration (environment)');
  expect(start, 'DEPLOY.md has a "Configuration (environment)" section').toBeGreaterThan(-1);
  const rows = deploy
    .slice(start)
    .split('\n')
    .filter((l) => l.startsWith('| `'));
  return new Set(rows.flatMap((r) => [...r.split('|')[1]!.matchAll(/`([A-Z0-9_]+)`/g)].map((m) => m[1]!)));
}

describe("DEPLOY's configuration table", () => {
  it('names every environment variable the server reads', () => {
    const names = Object.keys(envSchema.shape);
    const missing = names.filter((n) => !documented().has(n));
    expect(missing, `missing from docs/DEPLOY.md's configuration table: ${missing.join(', ')}`).toEqual([]);
  });

  it('names no variable the server does not read', () => {
    const names = new Set(Object.keys(envSchema.shape));
    const stale = [...documented()].filter((n) => !names.has(n));
    expect(stale, `documented but not read: ${stale.join(', ')}`).toEqual([]);
  });
});
