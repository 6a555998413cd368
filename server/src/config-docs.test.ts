/**
 * docs/DEPLOY.md's configuration table is the operators' only list of settings (issue 19: production
 * stopped at a PII_HASH_KEY no document named). The schema is the truth; this keeps the table to it:
 * every variable the server reads appears in exactly one row, no row names a variable the server does
 * not read, and a default the schema fixes is the default the table states.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { envSchema } from './config';

const deploy = readFileSync(path.resolve(__dirname, '../../docs/DEPLOY.md'), 'utf8');
const section = deploy.slice(deploy.indexOf('### Configuration (environment)'));
const rows = section
  .split('\n')
  .filter((l) => l.startsWith('| `'))
  .map((l) => {
    const [names, def] = l
      .split('|')
      .slice(1, 3)
      .map((c) => c.trim());
    return { names: [...names!.matchAll(/`([A-Z0-9_]+)`/g)].map((m) => m[1]!), def: def! };
  });
const schemaKeys = Object.keys(envSchema.shape).sort();

/** The schema's own default for a key, as text, or undefined where the schema fixes none. */
function schemaDefault(key: string): string | undefined {
  const field = envSchema.shape[key as keyof typeof envSchema.shape];
  const parsed = field.safeParse(undefined);
  return parsed.success && parsed.data !== undefined ? String(parsed.data) : undefined;
}

describe('DEPLOY.md configuration table', () => {
  it('lists every variable of the config schema exactly once, and nothing else', () => {
    const listed = rows.flatMap((r) => r.names);
    const twice = listed.filter((n, i) => listed.indexOf(n) !== i);
    expect(twice, 'listed in more than one row').toEqual([]);
    expect(
      schemaKeys.filter((k) => !listed.includes(k)),
      'read by the server, not documented',
    ).toEqual([]);
    expect(
      listed.filter((k) => !schemaKeys.includes(k)),
      'documented, not read by the server',
    ).toEqual([]);
  });

  it('states the default the schema applies', () => {
    const wrong: string[] = [];
    for (const row of rows) {
      // A row of two variables (`PORT` / `HOST`) gives their defaults as `3000 / 0.0.0.0`.
      const cells = row.def.split(' / ');
      row.names.forEach((name, i) => {
        const want = schemaDefault(name);
        if (want === undefined) return;
        const cell = (cells.length === row.names.length ? cells[i]! : row.def).replaceAll('`', '');
        const said = cell.replaceAll(',', '').replaceAll('_', '');
        if (!said.startsWith(want)) wrong.push(`${name}: table says "${cell}", schema ${want}`);
      });
    }
    expect(wrong).toEqual([]);
  });
});
