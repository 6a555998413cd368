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
import type { AgreementContent } from '../../../../core/domain/mediation/agreement';

/**
 * 调解协议 (人民调解法 art. 28–30): written (its art. 29 contents, effective once every party and the
 * mediator have signed and the org has sealed) or oral (recorded, effective when reached). The
 * content is frozen once the first signature is on it.
 */
export const mediationAgreements = pgTable(
  'mediation_agreements',
  {
    countyCode: text('county_code').notNull(),
    id: uuid('id').notNull(),
    matterId: uuid('matter_id').notNull(),
    orgId: uuid('org_id').notNull(),
    mediatorId: uuid('mediator_id'),
    form: text('form').notNull(),
    status: text('status').notNull(),
    content: jsonb('content').$type<AgreementContent>().notNull(),
    /** One copy per party and one for the org (人民调解法 art. 29). */
    copies: integer('copies').notNull(),
    effectiveAt: timestamp('effective_at', { withTimezone: true, precision: 3 }),
    /** 回访 of the performance (人民调解法 art. 31–32): what was found, and when. */
    performance: text('performance'),
    performanceCheckedAt: timestamp('performance_checked_at', { withTimezone: true, precision: 3 }),
    /** When the org was reminded that the performance deadline had come. */
    performanceRemindedAt: timestamp('performance_reminded_at', { withTimezone: true, precision: 3 }),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.countyCode, t.id] }),
    index('mediation_agreements_matter_idx').on(t.countyCode, t.matterId),
  ],
);

/** Who signed (each party, the mediator) or sealed (the org), how, and the image of it. */
export const agreementSignatures = pgTable(
  'agreement_signatures',
  {
    countyCode: text('county_code').notNull(),
    id: uuid('id').notNull(),
    agreementId: uuid('agreement_id').notNull(),
    /** 'party:<partyId>', 'mediator' or 'org': one signature each. */
    signer: text('signer').notNull(),
    name: text('name').notNull(),
    method: text('method').notNull(),
    attachmentId: uuid('attachment_id'),
    recordedBy: uuid('recorded_by').notNull(),
    signedAt: timestamp('signed_at', { withTimezone: true, precision: 3 }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.countyCode, t.id] }),
    uniqueIndex('agreement_signatures_signer_idx').on(t.countyCode, t.agreementId, t.signer),
  ],
);

/**
 * A mediator's entry in the roster (名册): what they mediate, and the courts whose 特邀调解员 roster
 * they are on (特邀调解规定 art. 5–7), so that parties can choose and the court can entrust by name.
 */
export const mediatorProfiles = pgTable(
  'mediator_profiles',
  {
    countyCode: text('county_code').notNull(),
    userId: uuid('user_id').notNull(),
    specialties: jsonb('specialties').$type<string[]>().notNull(),
    courtRosters: jsonb('court_rosters').$type<string[]>().notNull(),
    rosterNo: text('roster_no'),
    intro: text('intro'),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull(),
    updatedBy: uuid('updated_by'),
  },
  (t) => [primaryKey({ columns: [t.countyCode, t.userId] })],
);
