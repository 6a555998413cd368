import { and, asc, eq } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { attachments } from '../../db/schema';

export type AttachmentRow = typeof attachments.$inferSelect;

export async function insert(ex: Executor, row: typeof attachments.$inferInsert): Promise<void> {
  await ex.insert(attachments).values(row);
}

export async function ofMatter(ex: Executor, county: string, matterId: string): Promise<AttachmentRow[]> {
  return ex
    .select()
    .from(attachments)
    .where(and(eq(attachments.countyCode, county), eq(attachments.matterId, matterId)))
    .orderBy(asc(attachments.createdAt));
}

export async function byId(
  ex: Executor,
  county: string,
  matterId: string,
  id: string,
): Promise<AttachmentRow | undefined> {
  const [row] = await ex
    .select()
    .from(attachments)
    .where(
      and(eq(attachments.countyCode, county), eq(attachments.matterId, matterId), eq(attachments.id, id)),
    );
  return row;
}
