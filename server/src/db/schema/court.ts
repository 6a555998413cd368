import {
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

/**
 * Messages to the court's mediation platform (docs/COURT-API.md), written in the same transaction as
 * the matter change that causes them (a transactional outbox): a court that is down loses nothing.
 * The delivery job leases due rows, sends them signed, and retries with backoff; the idempotency key
 * travels with every attempt, so the court records each message once however often it arrives.
 */
export const courtOutbox = pgTable(
  'court_outbox',
  {
    countyCode: text('county_code').notNull(),
    id: uuid('id').notNull(),
    matterId: uuid('matter_id'),
    courtCaseId: uuid('court_case_id'),
    kind: text('kind').notNull(),
    idempotencyKey: text('idempotency_key').notNull(),
    payload: jsonb('payload').notNull(),
    status: text('status').notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true, precision: 3 }).notNull(),
    leaseUntil: timestamp('lease_until', { withTimezone: true, precision: 3 }),
    lastError: text('last_error'),
    response: jsonb('response'),
    deliveredAt: timestamp('delivered_at', { withTimezone: true, precision: 3 }),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.countyCode, t.id] }),
    uniqueIndex('court_outbox_key_idx').on(t.countyCode, t.idempotencyKey),
    index('court_outbox_due_idx').on(t.status, t.nextAttemptAt),
    index('court_outbox_matter_idx').on(t.countyCode, t.matterId),
  ],
);

/** Nonces of signed calls from the court, kept for twice the freshness window: a replay is refused. */
export const courtNonces = pgTable('court_nonces', {
  nonce: text('nonce').primaryKey(),
  keyId: text('key_id').notNull(),
  receivedAt: timestamp('received_at', { withTimezone: true, precision: 3 }).notNull(),
});

/**
 * A matter's dealings with the court: a litigation referral, a judicial-confirmation application, or
 * a mediation the court entrusted (委托) or delegated (委派) to an org here. `status` follows the
 * exchange (sent, registered, confirmed, rejected, received, result_sent …).
 */
export const courtCases = pgTable(
  'court_cases',
  {
    countyCode: text('county_code').notNull(),
    id: uuid('id').notNull(),
    matterId: uuid('matter_id').notNull(),
    kind: text('kind').notNull(),
    status: text('status').notNull(),
    courtName: text('court_name'),
    courtCaseNo: text('court_case_no'),
    /** What the court said last (ruling and reason, registration), as received. */
    answer: jsonb('answer'),
    data: jsonb('data').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.countyCode, t.id] }),
    index('court_cases_matter_idx').on(t.countyCode, t.matterId),
    uniqueIndex('court_cases_court_no_idx').on(t.countyCode, t.kind, t.courtCaseNo),
  ],
);

/** The reminder that an agreement's judicial-confirmation window is closing, sent once per window. */
export const confirmationReminders = pgTable(
  'confirmation_reminders',
  {
    countyCode: text('county_code').notNull(),
    matterId: uuid('matter_id').notNull(),
    dueAt: timestamp('due_at', { withTimezone: true, precision: 3 }).notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true, precision: 3 }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.countyCode, t.matterId, t.dueAt] })],
);
