import { sql } from 'drizzle-orm';
import {
  bigint,
  customType,
  index,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

/** PostgreSQL's 64-bit transaction id; the sealer uses it to know which writers have finished. */
const xid8 = customType<{ data: string; driverData: string }>({ dataType: () => 'xid8' });

/**
 * The append-only event log (docs/CONVENTIONS.md 5). Writers only insert; the database
 * refuses UPDATE, DELETE and TRUNCATE (triggers in migration 0001). The hash chain is kept in
 * event_seals so that writers never wait for one another: see server/src/modules/events/sealer.ts.
 */
export const events = pgTable(
  'events',
  {
    countyCode: text('county_code').notNull(),
    id: bigint('id', { mode: 'number' }).generatedAlwaysAsIdentity(),
    txId: xid8('tx_id').notNull().default(sql`pg_current_xact_id()`),
    at: timestamp('at', { withTimezone: true, precision: 3 }).notNull(),
    actorId: uuid('actor_id'),
    actorName: text('actor_name'),
    actorRole: text('actor_role'),
    actorOrgId: uuid('actor_org_id'),
    action: text('action').notNull(),
    objectType: text('object_type').notNull(),
    objectId: text('object_id'),
    result: text('result').notNull().default('ok'),
    before: jsonb('before'),
    after: jsonb('after'),
    reason: text('reason'),
    requestId: text('request_id'),
    ip: text('ip'),
  },
  (t) => [
    primaryKey({ columns: [t.countyCode, t.id] }),
    index('events_tx_idx').on(t.txId),
    index('events_object_idx').on(t.countyCode, t.objectType, t.objectId),
    index('events_action_idx').on(t.countyCode, t.action, t.id),
  ],
);

/** One row per sealed event: its place in its county's chain and the hashes. Also append-only. */
export const eventSeals = pgTable(
  'event_seals',
  {
    countyCode: text('county_code').notNull(),
    chainNo: bigint('chain_no', { mode: 'number' }).notNull(),
    eventId: bigint('event_id', { mode: 'number' }).notNull(),
    txId: xid8('tx_id').notNull(),
    prevHash: text('prev_hash').notNull(),
    rowHash: text('row_hash').notNull(),
    sealedAt: timestamp('sealed_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.countyCode, t.chainNo] }),
    uniqueIndex('event_seals_event_idx').on(t.countyCode, t.eventId),
    index('event_seals_tx_idx').on(t.txId),
  ],
);
