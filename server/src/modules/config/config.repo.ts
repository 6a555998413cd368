import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { configDocuments } from '../../db/schema';
import { StampedCache } from '../../db/stamped-cache';

type DocumentRow = typeof configDocuments.$inferSelect;
// Cached within a request scope only (db/stamped-cache.ts); callers must not change what they get.
const latestCache = new StampedCache<DocumentRow | undefined>('config');
const latestOfCache = new StampedCache<Map<string, DocumentRow>>('config');

export async function latest(ex: Executor, countyCode: string, name: string) {
  return latestCache.get(ex, `${countyCode}/${name}`, async () => {
    const [row] = await ex
      .select()
      .from(configDocuments)
      .where(and(eq(configDocuments.countyCode, countyCode), eq(configDocuments.name, name)))
      .orderBy(desc(configDocuments.version))
      .limit(1);
    return row;
  });
}

/** The latest version of each named document, in one round trip (documents never saved are absent). */
export async function latestOf(ex: Executor, countyCode: string, names: string[]) {
  return latestOfCache.get(ex, `${countyCode}/${[...names].sort().join(',')}`, async () => {
    const rows = await ex
      .selectDistinctOn([configDocuments.name])
      .from(configDocuments)
      .where(and(eq(configDocuments.countyCode, countyCode), inArray(configDocuments.name, names)))
      .orderBy(configDocuments.name, desc(configDocuments.version));
    return new Map(rows.map((r) => [r.name, r]));
  });
}

/** Adds a version; the primary key refuses a second writer of the same version. */
export async function insertVersion(
  ex: Executor,
  row: {
    countyCode: string;
    name: string;
    version: number;
    body: unknown;
    createdAt: Date;
    createdBy: string | null;
  },
) {
  await ex.insert(configDocuments).values(row);
}

/** The latest versions of a document, newest first, without their bodies. */
export async function versions(ex: Executor, countyCode: string, name: string, limit = 20) {
  return ex
    .select({
      version: configDocuments.version,
      createdAt: configDocuments.createdAt,
      createdBy: configDocuments.createdBy,
    })
    .from(configDocuments)
    .where(and(eq(configDocuments.countyCode, countyCode), eq(configDocuments.name, name)))
    .orderBy(desc(configDocuments.version))
    .limit(limit);
}
