/** Small helpers shared by the command-line scripts. */
import { randomUUID } from 'node:crypto';
import { boot } from '../server/src/bootstrap';
import { loadConfig } from '../server/src/config';
import type { RequestCtx } from '../server/src/context';

export function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  if (i >= 0) return process.argv[i + 1];
  const eq = process.argv.find((a) => a.startsWith(`--${name}=`));
  return eq?.slice(name.length + 3);
}

/**
 * Where a script acts, said before it acts: the PostgreSQL address without its password, or the
 * PGlite directory. A script takes the same configuration as the server (DATABASE_URL, DATA_DIR), so
 * an operator who forgot DATABASE_URL sees at once that it went to the embedded database.
 */
export function describeTarget(config: { databaseUrl?: string | undefined; pgliteDir: string }): string {
  if (!config.databaseUrl) return `PGlite（内置数据库）${config.pgliteDir}`;
  const u = new URL(config.databaseUrl);
  if (u.password) u.password = '***';
  return `PostgreSQL ${u.toString()}`;
}

/** Opens the configured database without seeding: scripts act on what is there. */
export async function openForScript() {
  const config = { ...loadConfig(), mode: 'production' as const };
  console.error(`目标数据库：${describeTarget(config)}`);
  return boot(config, { log: (m) => console.error(m) });
}

export function scriptCtx(name: string): RequestCtx {
  return { requestId: `cli-${name}-${randomUUID()}`, ip: null, actor: null };
}

export function fail(message: string): never {
  console.error(message);
  process.exit(1);
}
