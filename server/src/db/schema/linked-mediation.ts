import { index, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Linked mediation (联动调解, core/domain/mediation/linked-routes.ts): the route by which a matter came
 * to mediation, and what the mediation came to. A 警调 handoff writes its row with the matter (the
 * 派出所 and its 警情 number); the other routes write theirs when the mediation starts. The lifecycle
 * updates the outcome in the transaction that ends the mediation, so the 派出所's record and the
 * dashboard's per-route figures read this small table, never the matters table.
 */
export const linkedMediations = pgTable(
  'linked_mediations',
  {
    countyCode: text('county_code').notNull(),
    matterId: uuid('matter_id').notNull(),
    /** police | petition | court | professional | people. */
    route: text('route').notNull(),
    /** 警调: the 派出所 that handed the dispute over; it reads the result here. */
    sourceOrgId: uuid('source_org_id'),
    sourceOrgPath: text('source_org_path'),
    /** 警调: the 警情 number of the call, the police record the result returns to. */
    policeRecordNo: text('police_record_no'),
    /** The committee (or org) that mediates: the dashboard's figures are cut by its path. */
    orgId: uuid('org_id').notNull(),
    orgPath: text('org_path').notNull(),
    /** 专调: the committee's field (medical, traffic …). */
    field: text('field'),
    /** 访调: the petitioner's consent to mediation, {channel, at} (信访工作条例 art. 33). */
    consent: jsonb('consent').$type<{ channel: string; at: string }>(),
    startedAt: timestamp('started_at', { withTimezone: true, precision: 3 }),
    /** agreed | failed; null while the mediation is ahead or under way. */
    outcome: text('outcome'),
    outcomeAt: timestamp('outcome_at', { withTimezone: true, precision: 3 }),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.countyCode, t.matterId] }),
    index('linked_mediations_source_idx').on(t.countyCode, t.sourceOrgId),
    index('linked_mediations_route_idx').on(t.countyCode, t.route, t.createdAt),
  ],
);
