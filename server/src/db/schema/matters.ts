import { sql } from 'drizzle-orm';
import {
  boolean,
  doublePrecision,
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
import type { MatterState } from '../../../../core/domain/matters/model';
import type { DeadlineRule } from '../../../../core/domain/time-limits';
import { orgs } from './orgs';

/**
 * A matter (事项): one petition, dispute, consultation, request or grid report, one code for life.
 * `state` is the lifecycle's own record (core/domain/matters); the columns beside it are copies the
 * queues, jurisdiction filters and the sweep query by. Both are written together in one transaction.
 */
export const matters = pgTable(
  'matters',
  {
    countyCode: text('county_code').notNull(),
    id: uuid('id').notNull(),
    code: text('code').notNull(),
    kind: text('kind').notNull(),
    channel: text('channel').notNull(),
    categoryCode: text('category_code').notNull(),
    serviceCode: text('service_code'),
    title: text('title').notNull(),
    description: text('description').notNull(),
    status: text('status').notNull(),
    riskGrade: text('risk_grade').notNull(),
    urgent: boolean('urgent').notNull().default(false),
    collective: boolean('collective').notNull().default(false),
    applicantCount: integer('applicant_count').notNull().default(1),
    /** 信访工作条例 art. 46(5): the petitioner's identity never reaches the org complained about. */
    protectPetitioner: boolean('protect_petitioner').notNull().default(false),
    complainedOrgId: uuid('complained_org_id'),
    complainedOrgPath: text('complained_org_path'),
    ownerOrgId: uuid('owner_org_id')
      .notNull()
      .references(() => orgs.id),
    ownerPath: text('owner_path').notNull(),
    ownerLevel: text('owner_level').notNull(),
    /** The receiver while the matter is being transferred: it can see and sign for it. */
    pendingOrgId: uuid('pending_org_id'),
    pendingPath: text('pending_path'),
    intakeOrgId: uuid('intake_org_id')
      .notNull()
      .references(() => orgs.id),
    intakeLevel: text('intake_level').notNull(),
    intakeUserId: uuid('intake_user_id'),
    /**
     * 收到之日 when it precedes registration (a letter, a transfer slip, an online petition found late):
     * the intake clocks count from it (信访工作条例 art. 22–23). Null: received when registered.
     */
    receivedAt: timestamp('received_at', { withTimezone: true, precision: 3 }),
    /** What proves the receipt date (postmark, transfer slip); the registrar is intake_user_id. */
    receiptEvidence: text('receipt_evidence'),
    address: text('address'),
    lng: doublePrecision('lng'),
    lat: doublePrecision('lat'),
    /**
     * 'gcj02' when the point came in GCJ-02 (a phone's AMap/Tencent SDK) and lng/lat hold its WGS-84
     * conversion; null when it came in WGS-84. Kept so a misplaced point can be traced to its source.
     */
    coordConvertedFrom: text('coord_converted_from'),
    gridId: uuid('grid_id'),
    villageId: uuid('village_id'),
    townId: uuid('town_id'),
    routeRuleId: text('route_rule_id'),
    routeReason: text('route_reason'),
    state: jsonb('state').$type<MatterState>().notNull(),
    trackingSecretHash: text('tracking_secret_hash'),
    contactPhoneHash: text('contact_phone_hash'),
    rating: text('rating'),
    /** Who gave the rating: 'resident' (online, SMS link) or 'staff_on_behalf' (phone, visit); the KPIs count them apart. */
    ratedBy: text('rated_by'),
    reworkCount: integer('rework_count').notNull().default(0),
    archiveNo: text('archive_no'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull(),
    closedAt: timestamp('closed_at', { withTimezone: true, precision: 3 }),
  },
  (t) => [
    primaryKey({ columns: [t.countyCode, t.id] }),
    // Unique keys start with county_code, as a table distributed by county asks (docs/DEPLOY.md); a
    // matter's code names its county, an id is a random UUID, so neither loses anything by it.
    uniqueIndex('matters_code_unique').on(t.countyCode, t.code),
    // Found by id where the county is not yet known (an old link): an index, no longer a unique key.
    index('matters_id_idx').on(t.id),
    index('matters_owner_idx').using('btree', t.countyCode, sql`${t.ownerPath} text_pattern_ops`),
    index('matters_pending_idx').on(t.pendingOrgId),
    index('matters_status_idx').on(t.countyCode, t.status),
    index('matters_created_idx').on(t.countyCode, t.createdAt),
    index('matters_place_idx').on(t.countyCode, t.villageId, t.categoryCode, t.createdAt),
  ],
);

/** Applicants, respondents and others; ID and phone are also kept as keyed hashes for duplicate search. */
export const matterParties = pgTable(
  'matter_parties',
  {
    countyCode: text('county_code').notNull(),
    id: uuid('id').notNull(),
    matterId: uuid('matter_id').notNull(),
    role: text('role').notNull(),
    name: text('name').notNull(),
    phone: text('phone'),
    idNumber: text('id_number'),
    phoneHash: text('phone_hash'),
    idHash: text('id_hash'),
    address: text('address'),
    representative: boolean('representative').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.countyCode, t.id] }),
    index('matter_parties_matter_idx').on(t.matterId),
    index('matter_parties_phone_idx').on(t.countyCode, t.phoneHash),
    index('matter_parties_id_idx').on(t.countyCode, t.idHash),
  ],
);

/**
 * Deadlines are data (docs/CONVENTIONS.md 6): one row per clock of the lifecycle, with its due
 * instant computed on the working-day calendar. The sweep reads running rows by due date and marks
 * warned/overdue/supervised once each (marker columns), so a rerun changes nothing.
 */
export const deadlines = pgTable(
  'deadlines',
  {
    countyCode: text('county_code').notNull(),
    id: uuid('id').notNull(),
    matterId: uuid('matter_id').notNull(),
    clockKey: text('clock_key').notNull(),
    basis: text('basis').notNull(),
    orgId: uuid('org_id').notNull(),
    label: text('label').notNull(),
    citation: text('citation').notNull(),
    startedAt: timestamp('started_at', { withTimezone: true, precision: 3 }).notNull(),
    dueAt: timestamp('due_at', { withTimezone: true, precision: 3 }),
    warnAt: timestamp('warn_at', { withTimezone: true, precision: 3 }),
    explanation: text('explanation').notNull(),
    /**
     * Years the due date was counted through without an official holiday arrangement (暂定 while
     * non-empty): saving such a year recomputes the deadline (modules/calendar).
     */
    provisionalYears: jsonb('provisional_years').$type<number[]>().notNull().default([]),
    /** The rule as it stood when the clock started: a later policy change never moves a running deadline. */
    rule: jsonb('rule').$type<DeadlineRule>(),
    status: text('status').notNull(),
    pausedAt: timestamp('paused_at', { withTimezone: true, precision: 3 }),
    pauses: jsonb('pauses').$type<{ from: string; to: string | null }[]>().notNull().default([]),
    extendedBy: integer('extended_by').notNull().default(0),
    stoppedAt: timestamp('stopped_at', { withTimezone: true, precision: 3 }),
    warnedAt: timestamp('warned_at', { withTimezone: true, precision: 3 }),
    overdueAt: timestamp('overdue_at', { withTimezone: true, precision: 3 }),
    supervisedAt: timestamp('supervised_at', { withTimezone: true, precision: 3 }),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.countyCode, t.id] }),
    index('deadlines_matter_idx').on(t.matterId),
    index('deadlines_due_idx').on(t.status, t.dueAt),
    // The few provisional clocks a saved holiday year recomputes (and the sweep's catch-up reads).
    index('deadlines_provisional_idx').on(t.status).where(sql`${t.provisionalYears} <> '[]'::jsonb`),
    uniqueIndex('deadlines_live_clock_idx')
      .on(t.countyCode, t.matterId, t.clockKey)
      .where(sql`${t.status} in ('running', 'paused')`),
  ],
);

/** 督办: an order to the owning org, from the level above or a leader, with its own answer deadline. */
export const supervisionOrders = pgTable(
  'supervision_orders',
  {
    countyCode: text('county_code').notNull(),
    id: uuid('id').notNull(),
    matterId: uuid('matter_id').notNull(),
    deadlineId: uuid('deadline_id'),
    reason: text('reason').notNull(),
    note: text('note'),
    issuedByOrgId: uuid('issued_by_org_id').notNull(),
    issuedByUserId: uuid('issued_by_user_id'),
    targetOrgId: uuid('target_org_id').notNull(),
    dueAt: timestamp('due_at', { withTimezone: true, precision: 3 }).notNull(),
    /** As on deadlines: counted through a year without an official arrangement. */
    provisionalYears: jsonb('provisional_years').$type<number[]>().notNull().default([]),
    answeredAt: timestamp('answered_at', { withTimezone: true, precision: 3 }),
    answer: text('answer'),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.countyCode, t.id] }),
    index('supervision_matter_idx').on(t.matterId),
    uniqueIndex('supervision_auto_once_idx').on(t.countyCode, t.deadlineId),
  ],
);

/** Written notices served to the resident (受理告知书, 一次性告知单, 信访处理意见书 …), kept as issued. */
export const matterNotices = pgTable(
  'matter_notices',
  {
    countyCode: text('county_code').notNull(),
    id: uuid('id').notNull(),
    matterId: uuid('matter_id').notNull(),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    body: jsonb('body').$type<{ lines: string[]; [k: string]: unknown }>().notNull(),
    servedAt: timestamp('served_at', { withTimezone: true, precision: 3 }).notNull(),
    createdBy: uuid('created_by'),
  },
  (t) => [primaryKey({ columns: [t.countyCode, t.id] }), index('matter_notices_matter_idx').on(t.matterId)],
);

/**
 * Idempotency-Key (draft-ietf-httpapi-idempotency-key-header): a retry gets the first answer.
 * Every row has an end (`expires_at`): an `in_flight` row's lease (a crashed run's key is taken
 * over after it), a `done` row's replay window (after it the key is as good as new). `claim_id`
 * names the run holding the key, so a run whose lease was taken over cannot write its answer
 * over the new run's.
 */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    scope: text('scope').notNull(),
    key: text('key').notNull(),
    requestHash: text('request_hash').notNull(),
    status: text('status').notNull(),
    responseStatus: integer('response_status'),
    responseBody: jsonb('response_body'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    claimId: uuid('claim_id').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.scope, t.key] }), index('idempotency_keys_expires_idx').on(t.expiresAt)],
);

/**
 * Versioned configuration documents of a county (routing rules, local time-limit policies, the
 * service catalog): a change adds a version, never edits one, so a matter can always say which
 * version routed it, and running deadlines keep the policy they started with.
 */
export const configDocuments = pgTable(
  'config_documents',
  {
    countyCode: text('county_code').notNull(),
    name: text('name').notNull(),
    version: integer('version').notNull(),
    body: jsonb('body').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    createdBy: uuid('created_by'),
  },
  (t) => [primaryKey({ columns: [t.countyCode, t.name, t.version] })],
);

/** Files attached to a matter (images, PDF): type checked by content, stored outside the web root. */
export const attachments = pgTable(
  'attachments',
  {
    countyCode: text('county_code').notNull(),
    id: uuid('id').notNull(),
    matterId: uuid('matter_id').notNull(),
    fileName: text('file_name').notNull(),
    mime: text('mime').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    storageKey: text('storage_key').notNull(),
    /** A small JPEG made from the cleaned image (staff pages show it inline), or null for other files. */
    thumbKey: text('thumb_key'),
    uploadedBy: uuid('uploaded_by'),
    /** 'staff' (a signed-in account, grid workers' field photos included) or 'resident' (code + secret). */
    origin: text('origin').notNull().default('staff'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.countyCode, t.id] }), index('attachments_matter_idx').on(t.matterId)],
);

/**
 * The last matter number handed out per county and year (issue 18: counter rows instead of sequences
 * made at run time, which a Citus cluster would not carry to its workers and which raced on a year's
 * first intakes). A row per county-year, in the county's shard; numbers are reserved in blocks
 * (server/src/modules/matters/matter-numbers.ts) by one upsert outside the intake's transaction, so
 * the row's lock is held for that statement only.
 */
export const matterCounters = pgTable(
  'matter_counters',
  {
    countyCode: text('county_code').notNull(),
    year: integer('year').notNull(),
    last: integer('last').notNull(),
  },
  (t) => [primaryKey({ columns: [t.countyCode, t.year] })],
);
