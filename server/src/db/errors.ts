/**
 * PostgreSQL's SQLSTATE of a failed statement. Drizzle wraps the driver's error, so the code is on the
 * error itself (PGlite, pg) or on its cause (DrizzleQueryError). Defined once: callers ask by name.
 */
export function pgErrorCode(e: unknown): string | null {
  const codeOf = (x: unknown) =>
    x && typeof x === 'object' && 'code' in x && typeof (x as { code: unknown }).code === 'string'
      ? (x as { code: string }).code
      : null;
  return codeOf(e) ?? codeOf((e as { cause?: unknown } | null)?.cause);
}

/** unique_violation: another writer stored the same key first. */
export const isUniqueViolation = (e: unknown) => pgErrorCode(e) === '23505';

/** undefined_table: the relation (a table or a sequence) does not exist. */
export const isUndefinedTable = (e: unknown) => pgErrorCode(e) === '42P01';

/** duplicate_table: the relation already exists. */
export const isDuplicateTable = (e: unknown) => pgErrorCode(e) === '42P07';
