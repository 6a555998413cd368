/**
 * Reference data every install needs before it serves a request, written after the migrations on
 * every start: the holiday arrangements of the years the `chinese-days` package transcribes
 * (docs/LEGAL.md §8). Only years the table lacks are added, so an arrangement the administrator
 * loaded or corrected is never overwritten by a package upgrade, and a newer package brings its new
 * years on the next start.
 */
import { sql } from 'drizzle-orm';
import { arrangementsFromPackage } from '../../../core/domain/time-limits';
import type { Database } from './client';
import { holidayYears } from './schema';

const via = 'chinese-days 数据包（转录国务院办公厅通知）';

export async function seedReferenceData(database: Database): Promise<void> {
  const arrangements = arrangementsFromPackage(undefined, via);
  await database.db
    .insert(holidayYears)
    .values(
      arrangements.map((a) => ({
        year: a.year,
        version: 1,
        status: a.status,
        restDays: a.restDays,
        workdays: a.workdays,
        source: a.source,
        savedByCounty: null,
        createdBy: null,
        // The database's time: when the seed was written is all it says.
        createdAt: sql`now()`,
      })),
    )
    .onConflictDoNothing();
}
