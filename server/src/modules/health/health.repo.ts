import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';

export async function pingDatabase(ex: Executor): Promise<boolean> {
  await ex.execute(sql`select 1`);
  return true;
}
