import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { configDocuments } from '../../db/schema';

export async function latest(ex: Executor, countyCode: string, name: string) {
  const [row] = await ex
    .select()
    .from(configDocuments)
    .where(and(eq(configDocuments.countyCode, countyCode), eq(configDocuments.name, name)))
    .orderBy(desc(configDocuments.version))
    .limit(1);
  return row;
}

/** The latest version of each named document, in one round trip (documents never saved are absent). */
export async function latestOf(ex: Executor, countyCode: string, names: string[]) {
  const rows = await ex
    .selectDistinctOn([configDocuments.name])
    .from(configDocuments)
    .where(and(eq(configDocuments.countyCode, countyCode), inArray(configDocuments.name, names)))
    .orderBy(configDocuments.name, desc(configDocuments.version));
  return new Map(rows.map((r) => [r.name, r]));
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
