import { sql } from 'drizzle-orm';
import { index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/**
 * 社会治安联防 (issue 17): a town's shared patrol roster for a week or a month. It may carry out a
 * 调度会 decision of the 联防 mechanism (`joint_task_id`). `org_path` is copied for prefix matches.
 */
export const patrolRosters = pgTable(
  'patrol_rosters',
  {
    countyCode: text('county_code').notNull(),
    id: uuid('id').notNull(),
    orgId: uuid('org_id').notNull(),
    orgPath: text('org_path').notNull(),
    title: text('title').notNull(),
    period: text('period').notNull(),
    startDate: text('start_date').notNull(),
    endDate: text('end_date').notNull(),
    jointTaskId: uuid('joint_task_id'),
    createdBy: uuid('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.countyCode, t.id] }),
    index('patrol_rosters_path_idx').on(t.countyCode, t.orgPath, t.startDate),
  ],
);

/**
 * One shift of a roster: when, where (villages of the town and/or a named route), which unit (an org
 * of the county, inside the town's tree or not) and which people (网格员, 平安志愿者 by name). The
 * unit's queue is a prefix match on `unit_path`; `overdue_at` is the sweep's marker (unreported).
 */
export const patrolShifts = pgTable(
  'patrol_shifts',
  {
    countyCode: text('county_code').notNull(),
    id: uuid('id').notNull(),
    rosterId: uuid('roster_id').notNull(),
    rosterOrgId: uuid('roster_org_id').notNull(),
    rosterPath: text('roster_path').notNull(),
    seq: integer('seq').notNull(),
    shiftDate: text('shift_date').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true, precision: 3 }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true, precision: 3 }).notNull(),
    villageIds: uuid('village_ids').array().notNull(),
    route: text('route').notNull(),
    unitOrgId: uuid('unit_org_id').notNull(),
    unitPath: text('unit_path').notNull(),
    members: text('members').array().notNull(),
    status: text('status').notNull(),
    note: text('note'),
    reportedBy: uuid('reported_by'),
    reportedAt: timestamp('reported_at', { withTimezone: true, precision: 3 }),
    overdueAt: timestamp('overdue_at', { withTimezone: true, precision: 3 }),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.countyCode, t.id] }),
    index('patrol_shifts_roster_idx').on(t.rosterId),
    index('patrol_shifts_unit_idx').on(t.countyCode, t.unitPath, t.startsAt),
    index('patrol_shifts_due_idx')
      .on(t.endsAt)
      .where(sql`${t.status} = 'scheduled' and ${t.overdueAt} is null`),
  ],
);

/**
 * 平安建设联创: what a town stated for an attested target of one of its villages in a year, and the
 * district's review. Computed targets have no row: they are evaluated from the matters on every read.
 */
export const safetyAttestations = pgTable(
  'safety_attestations',
  {
    countyCode: text('county_code').notNull(),
    id: uuid('id').notNull(),
    villageId: uuid('village_id').notNull(),
    villagePath: text('village_path').notNull(),
    year: integer('year').notNull(),
    targetCode: text('target_code').notNull(),
    state: text('state').notNull(),
    evidence: text('evidence').notNull(),
    attestedBy: uuid('attested_by').notNull(),
    attestedAt: timestamp('attested_at', { withTimezone: true, precision: 3 }).notNull(),
    reviewedBy: uuid('reviewed_by'),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true, precision: 3 }),
    reviewNote: text('review_note'),
  },
  (t) => [
    primaryKey({ columns: [t.countyCode, t.id] }),
    uniqueIndex('safety_attestations_target_uq').on(t.countyCode, t.villageId, t.year, t.targetCode),
    index('safety_attestations_path_idx').on(t.countyCode, t.villagePath, t.year),
  ],
);
