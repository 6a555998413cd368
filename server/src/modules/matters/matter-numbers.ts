/**
 * Matter numbers handed out from blocks reserved ahead (issue 20: the number was a round trip of its
 * own in every intake's transaction). A process reserves BLOCK consecutive numbers of a county's year
 * in one upsert of the county-year's counter row (matter-counters.repo.ts, safe under concurrent first
 * intakes of a year) and gives them out one by one. Concurrent intakes
 * of one process share one pending reservation. What this costs: a process that stops leaves the
 * rest of its block unused (a gap, which codes may already have: a rolled-back intake leaves one), and
 * two instances' codes interleave in time (each code is still unique and per county-year).
 */
import type { Database } from '../../db/client';
import { reserveMatterNumbers } from './matter-counters.repo';

const BLOCK = 8;

interface Block {
  next: number;
  last: number;
}

/** Per database (tests open many in one process), per county-year. */
const blocks = new WeakMap<Database, Map<string, Block>>();
const pending = new WeakMap<Database, Map<string, Promise<void>>>();

function mapOf<V>(m: WeakMap<Database, Map<string, V>>, database: Database): Map<string, V> {
  let v = m.get(database);
  if (!v) {
    v = new Map();
    m.set(database, v);
  }
  return v;
}

export async function nextMatterNumber(
  database: Database,
  countyCode: string,
  year: number,
): Promise<number> {
  const key = `${countyCode}:${year}`;
  const byKey = mapOf(blocks, database);
  const waits = mapOf(pending, database);
  for (;;) {
    const b = byKey.get(key);
    if (b && b.next <= b.last) return b.next++;
    let p = waits.get(key);
    if (!p) {
      p = reserveMatterNumbers(database.db, countyCode, year, BLOCK)
        .then((last) => {
          byKey.set(key, { next: last - BLOCK + 1, last });
        })
        .finally(() => waits.delete(key));
      waits.set(key, p);
    }
    await p;
  }
}
