import type { Deps } from '../../context';
import { pingDatabase } from './health.repo';

export async function checkHealth(deps: Deps) {
  const databaseOk = await pingDatabase(deps.database.db).catch(() => false);
  return {
    status: databaseOk ? ('ok' as const) : ('degraded' as const),
    database: deps.database.kind,
    databaseOk,
    time: deps.clock.now().toISOString(),
  };
}
