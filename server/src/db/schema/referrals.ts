import { sql } from 'drizzle-orm';
import {
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';

export interface StoredEligibility {
  basis: string;
  note: string;
}
export interface StoredDeadlineRule {
  basis: string;
  label: string;
  amount: number;
  unit: string;
  citation: string;
}

/**
 * 转介服务 (core/domain/referrals): a matter's party referred to a provider org. The matter's owner
 * and the provider are kept with their paths so both sides' queues filter by subtree. The amount
 * (司法救助, 困难帮扶) is personal data: presenters show it only to the provider and the owning org.
 */
export const referrals = pgTable(
  'referrals',
  {
    countyCode: text('county_code').notNull(),
    id: uuid('id').notNull(),
    matterId: uuid('matter_id').notNull(),
    referrerOrgId: uuid('referrer_org_id').notNull(),
    referrerPath: text('referrer_path').notNull(),
    partyId: uuid('party_id'),
    kind: text('kind').notNull(),
    providerOrgId: uuid('provider_org_id').notNull(),
    providerPath: text('provider_path').notNull(),
    status: text('status').notNull(),
    eligibility: jsonb('eligibility').$type<StoredEligibility>().notNull(),
    reason: text('reason').notNull(),
    /** The county's rule at referral (local policy), kept so a later change never moves this clock. */
    rule: jsonb('rule').$type<StoredDeadlineRule>().notNull(),
    dueAt: timestamp('due_at', { withTimezone: true, precision: 3 }).notNull(),
    assignee: text('assignee'),
    appointmentAt: timestamp('appointment_at', { withTimezone: true, precision: 3 }),
    outcome: text('outcome'),
    outcomeNote: text('outcome_note'),
    amountYuan: integer('amount_yuan'),
    aidInKind: text('aid_in_kind'),
    concludedAt: timestamp('concluded_at', { withTimezone: true, precision: 3 }),
    /** Set once by the deadline sweep when an open referral passed its due time (and its people were told). */
    overdueAt: timestamp('overdue_at', { withTimezone: true, precision: 3 }),
    createdBy: uuid('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.countyCode, t.id] }),
    index('referrals_matter_idx').on(t.matterId),
    index('referrals_provider_idx').on(t.countyCode, t.providerPath),
    index('referrals_open_due_idx')
      .on(t.dueAt)
      .where(sql`${t.status} not in ('concluded', 'declined', 'withdrawn')`),
  ],
);

/**
 * A counselling session (社会心理服务): attendance is visible to the case handler; the note is
 * confidential and read only inside the provider org (referrals presenter).
 */
export const referralSessions = pgTable(
  'referral_sessions',
  {
    countyCode: text('county_code').notNull(),
    id: uuid('id').notNull(),
    referralId: uuid('referral_id').notNull(),
    heldAt: timestamp('held_at', { withTimezone: true, precision: 3 }).notNull(),
    attended: boolean('attended').notNull(),
    note: text('note').notNull(),
    recordedBy: uuid('recorded_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.countyCode, t.id] }),
    index('referral_sessions_referral_idx').on(t.referralId),
  ],
);
