import { and, asc, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { agreementSignatures, mediationAgreements } from '../../db/schema';

export type AgreementRow = typeof mediationAgreements.$inferSelect;
export type SignatureRow = typeof agreementSignatures.$inferSelect;

export async function insert(ex: Executor, row: typeof mediationAgreements.$inferInsert) {
  await ex.insert(mediationAgreements).values(row);
}

export async function byId(ex: Executor, countyCode: string, id: string): Promise<AgreementRow | undefined> {
  const [r] = await ex
    .select()
    .from(mediationAgreements)
    .where(and(eq(mediationAgreements.countyCode, countyCode), eq(mediationAgreements.id, id)));
  return r;
}

/** Locks the agreement for the caller's transaction: two signatures at once queue. */
export async function lock(ex: Executor, countyCode: string, id: string): Promise<AgreementRow | undefined> {
  const [r] = await ex
    .select()
    .from(mediationAgreements)
    .where(and(eq(mediationAgreements.countyCode, countyCode), eq(mediationAgreements.id, id)))
    .for('update');
  return r;
}

export async function ofMatter(ex: Executor, countyCode: string, matterId: string): Promise<AgreementRow[]> {
  return ex
    .select()
    .from(mediationAgreements)
    .where(and(eq(mediationAgreements.countyCode, countyCode), eq(mediationAgreements.matterId, matterId)))
    .orderBy(desc(mediationAgreements.createdAt));
}

export async function update(
  ex: Executor,
  a: Pick<AgreementRow, 'countyCode' | 'id'>,
  set: Partial<
    Pick<
      AgreementRow,
      | 'content'
      | 'orgId'
      | 'copies'
      | 'status'
      | 'effectiveAt'
      | 'updatedAt'
      | 'form'
      | 'performance'
      | 'performanceCheckedAt'
      | 'performanceRemindedAt'
    >
  >,
) {
  await ex
    .update(mediationAgreements)
    .set(set)
    .where(and(eq(mediationAgreements.countyCode, a.countyCode), eq(mediationAgreements.id, a.id)));
}

export async function signaturesOf(
  ex: Executor,
  countyCode: string,
  agreementId: string,
): Promise<SignatureRow[]> {
  return ex
    .select()
    .from(agreementSignatures)
    .where(
      and(eq(agreementSignatures.countyCode, countyCode), eq(agreementSignatures.agreementId, agreementId)),
    )
    .orderBy(asc(agreementSignatures.signedAt));
}

export async function insertSignature(ex: Executor, row: typeof agreementSignatures.$inferInsert) {
  await ex.insert(agreementSignatures).values(row);
}

/**
 * A county's effective written agreements whose performance day has come and that nobody has checked
 * or been reminded of.
 */
export async function performanceDue(ex: Executor, countyCode: string, day: string): Promise<AgreementRow[]> {
  return ex
    .select()
    .from(mediationAgreements)
    .where(
      and(
        eq(mediationAgreements.countyCode, countyCode),
        eq(mediationAgreements.status, 'effective'),
        eq(mediationAgreements.form, 'written'),
        isNull(mediationAgreements.performanceCheckedAt),
        isNull(mediationAgreements.performanceRemindedAt),
        sql`${mediationAgreements.content}->'performance'->>'deadline' <= ${day}`,
      ),
    );
}
