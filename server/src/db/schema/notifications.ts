import { index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * The notification outbox: a writer enqueues a message in its own transaction (so an invitation is
 * sent exactly when the meeting it belongs to was saved), and the sweep delivers it afterwards through
 * the channel's provider, recording every attempt. Rows hold only what delivery needs: the template
 * code and its parameters (no names), and the recipient's account or phone number.
 */
export const notificationOutbox = pgTable(
  'notification_outbox',
  {
    countyCode: text('county_code').notNull(),
    id: uuid('id').notNull(),
    /** 'sms' or 'in_app'. */
    channel: text('channel').notNull(),
    template: text('template').notNull(),
    params: jsonb('params').$type<Record<string, string>>().notNull(),
    recipientUserId: uuid('recipient_user_id'),
    recipientPhone: text('recipient_phone'),
    /** What the message is about (e.g. 'meeting', id), for the sender's page. */
    refType: text('ref_type'),
    refId: uuid('ref_id'),
    /** pending → sent, or failed after the last attempt. */
    status: text('status').notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true, precision: 3 }).notNull(),
    lastError: text('last_error'),
    sentAt: timestamp('sent_at', { withTimezone: true, precision: 3 }),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.countyCode, t.id] }),
    index('notification_outbox_due_idx').on(t.status, t.nextAttemptAt),
    index('notification_outbox_ref_idx').on(t.refType, t.refId),
  ],
);

/** Every delivery attempt, successful or not, with the provider's answer. */
export const notificationAttempts = pgTable(
  'notification_attempts',
  {
    countyCode: text('county_code').notNull(),
    id: uuid('id').notNull(),
    outboxId: uuid('outbox_id').notNull(),
    attemptNo: integer('attempt_no').notNull(),
    provider: text('provider').notNull(),
    ok: text('ok').notNull(),
    providerMessageId: text('provider_message_id'),
    error: text('error'),
    at: timestamp('at', { withTimezone: true, precision: 3 }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.countyCode, t.id] }),
    index('notification_attempts_outbox_idx').on(t.outboxId),
  ],
);

/** In-app messages for staff (and residents with an account): the in_app channel's mailbox. */
export const inAppMessages = pgTable(
  'in_app_messages',
  {
    countyCode: text('county_code').notNull(),
    id: uuid('id').notNull(),
    outboxId: uuid('outbox_id').notNull(),
    userId: uuid('user_id').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    link: text('link'),
    readAt: timestamp('read_at', { withTimezone: true, precision: 3 }),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.countyCode, t.id] }),
    index('in_app_messages_user_idx').on(t.userId, t.createdAt),
  ],
);

/**
 * The development SMS provider's sent box: what a real gateway would have been asked to send. A real
 * gateway (a later issue) implements the same SmsProvider interface and leaves this table empty.
 */
export const devSmsMessages = pgTable(
  'dev_sms_messages',
  {
    countyCode: text('county_code').notNull(),
    id: uuid('id').notNull(),
    outboxId: uuid('outbox_id').notNull(),
    phone: text('phone').notNull(),
    text: text('text').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.countyCode, t.id] }), index('dev_sms_messages_outbox_idx').on(t.outboxId)],
);
