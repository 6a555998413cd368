import {
  bigint,
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
 * Open311 clients (civic-reporting apps) and their API keys. Only a SHA-256 of the key is kept: keys
 * are 256 random bits, so a plain hash cannot be reversed, and a leaked table opens nothing. The
 * prefix lets the administrator tell keys apart. Revoked keys stay, for the record.
 */
export const open311Clients = pgTable(
  'open311_clients',
  {
    countyCode: text('county_code').notNull(),
    id: uuid('id').notNull(),
    name: text('name').notNull(),
    contact: text('contact'),
    keyPrefix: text('key_prefix').notNull(),
    keyHash: text('key_hash').notNull(),
    rateLimitPerMinute: integer('rate_limit_per_minute').notNull(),
    createdBy: uuid('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull(),
    revokedBy: uuid('revoked_by'),
    revokedAt: timestamp('revoked_at', { withTimezone: true, precision: 3 }),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true, precision: 3 }),
  },
  (t) => [
    primaryKey({ columns: [t.countyCode, t.id] }),
    uniqueIndex('open311_clients_key_idx').on(t.countyCode, t.keyHash),
  ],
);

/**
 * A matter filed through Open311: which client filed it, the token it was given and the client's own
 * account id. Written in the intake transaction, so a matter and its link exist together or not at all.
 */
export const open311Requests = pgTable(
  'open311_requests',
  {
    countyCode: text('county_code').notNull(),
    matterId: uuid('matter_id').notNull(),
    clientId: uuid('client_id').notNull(),
    token: text('token').notNull(),
    accountId: text('account_id'),
    /** The photo the client hosts (`media_url`); we keep the link, the file stays with the client. */
    mediaUrl: text('media_url'),
    /** The posted attribute values as the service definition read them. */
    attributes: jsonb('attributes').$type<Record<string, string[]>>().notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.countyCode, t.matterId] }),
    uniqueIndex('open311_requests_token_idx').on(t.countyCode, t.token),
    index('open311_requests_client_idx').on(t.clientId),
  ],
);

/**
 * Updates a client posted to `servicerequestupdates` (mySociety): the resident's further word on a
 * matter. `update_id` is the client's; the pair (client, update_id) is unique so a resend is refused
 * as "already exists" instead of recorded twice.
 */
export const open311Updates = pgTable(
  'open311_updates',
  {
    countyCode: text('county_code').notNull(),
    id: bigint('id', { mode: 'number' }).generatedAlwaysAsIdentity(),
    clientId: uuid('client_id').notNull(),
    matterId: uuid('matter_id').notNull(),
    updateId: text('update_id').notNull(),
    status: text('status').notNull(),
    description: text('description').notNull(),
    mediaUrl: text('media_url'),
    sentAt: timestamp('sent_at', { withTimezone: true, precision: 3 }).notNull(),
    extra: jsonb('extra').$type<Record<string, string>>().notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.countyCode, t.id] }),
    uniqueIndex('open311_updates_client_update_idx').on(t.countyCode, t.clientId, t.updateId),
    index('open311_updates_matter_idx').on(t.matterId),
  ],
);
