import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';

/**
 * Reserves `n` consecutive numbers of the county's year and returns the last: one upsert on the
 * county-year's counter row (migration 0041), safe under concurrent first intakes of a year (the
 * conflict clause makes the second wait for the first and add to its row). Called outside the
 * intake's transaction (matter-numbers.ts), so a rolled-back intake leaves a gap, which a code may have.
 */
export async function reserveMatterNumbers(
  ex: Executor,
  countyCode: string,
  year: number,
  n = 1,
): Promise<number> {
  if (!Number.isInteger(n) || n < 1) throw new Error('bad matter number request');
  const res = (await ex.execute(
    sql`insert into matter_counters as c (county_code, year, last) values (${countyCode}, ${year}, ${n})
        on conflict (county_code, year) do update set last = c.last + excluded.last
        returning c.last`,
  )) as unknown as { rows: { last: number }[] };
  return Number(res.rows[0]?.last);
}
