import { doublePrecision, index, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './users';

/**
 * A grid worker's patrol (巡查), visit (走访) or note, append-only. The id is made on the phone, so a
 * log queued offline and sent again is the same row, never a second one.
 */
export const fieldLogs = pgTable(
  'field_logs',
  {
    countyCode: text('county_code').notNull(),
    id: uuid('id').notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    orgId: uuid('org_id').notNull(),
    /** The worker's org path when the log arrived: jurisdiction filters need no join. */
    orgPath: text('org_path').notNull(),
    kind: text('kind').notNull(),
    happenedAt: timestamp('happened_at', { withTimezone: true }).notNull(),
    lng: doublePrecision('lng'),
    lat: doublePrecision('lat'),
    address: text('address'),
    gridId: uuid('grid_id'),
    note: text('note').notNull(),
    matterId: uuid('matter_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.countyCode, t.id] }),
    index('field_logs_user_idx').on(t.userId, t.happenedAt),
  ],
);

/**
 * What the phone said about a report beyond the matter itself: when it was made, whether it was
 * solved on the spot, and, for assisted intake, how the resident consented.
 */
export const fieldReports = pgTable(
  'field_reports',
  {
    countyCode: text('county_code').notNull(),
    clientId: uuid('client_id').notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    matterId: uuid('matter_id').notNull(),
    madeAt: timestamp('made_at', { withTimezone: true }).notNull(),
    solvedOnSpot: text('solved_on_spot'),
    consentMethod: text('consent_method'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.countyCode, t.clientId] }),
    index('field_reports_matter_idx').on(t.matterId),
  ],
);
