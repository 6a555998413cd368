import { sql } from 'drizzle-orm';
import { index, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/**
 * Risk early warnings (风险预警), raised by the rules of core/domain/risk on the sweep and on intake.
 * `dedup_key` names the condition (this spike, this person, this cluster, this matter): at most one
 * open warning per key (partial unique index), which later runs update instead of raising anew; a
 * dismissed or handled warning is raised again only when new matters join the condition.
 * `target_path` is the acting org's path, copied so a leader's list is one prefix match.
 */
export const riskWarnings = pgTable(
  'risk_warnings',
  {
    countyCode: text('county_code').notNull(),
    id: uuid('id').notNull(),
    rule: text('rule').notNull(),
    grade: text('grade').notNull(),
    dedupKey: text('dedup_key').notNull(),
    targetOrgId: uuid('target_org_id').notNull(),
    targetPath: text('target_path').notNull(),
    explanation: text('explanation').notNull(),
    matterIds: uuid('matter_ids').array().notNull(),
    /** open | dismissed | supervised | agenda */
    status: text('status').notNull(),
    dismissalReason: text('dismissal_reason'),
    handledBy: uuid('handled_by'),
    handledAt: timestamp('handled_at', { withTimezone: true, precision: 3 }),
    /** Status agenda: the 研判 meeting and the agenda item the warning became (deliberation module). */
    meetingId: uuid('meeting_id'),
    agendaItemId: uuid('agenda_item_id'),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true, precision: 3 }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.countyCode, t.id] }),
    uniqueIndex('risk_warnings_open_key_idx').on(t.countyCode, t.dedupKey).where(sql`${t.status} = 'open'`),
    index('risk_warnings_key_idx').on(t.countyCode, t.dedupKey),
    index('risk_warnings_path_idx').on(t.countyCode, t.targetPath, t.createdAt),
  ],
);
