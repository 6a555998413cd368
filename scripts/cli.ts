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

/** Opens the configured database without seeding: scripts act on what is there. */
export async function openForScript() {
  const config = { ...loadConfig(), mode: 'production' as const };
  return boot(config, { log: (m) => console.error(m) });
}

export function scriptCtx(name: string): RequestCtx {
  return { requestId: `cli-${name}-${randomUUID()}`, ip: null, actor: null };
}

export function fail(message: string): never {
  console.error(message);
  process.exit(1);
}
