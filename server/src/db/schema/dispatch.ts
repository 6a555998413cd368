import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export interface StoredParticipant {
  orgId: string | null;
  name: string;
  inside: boolean;
}
export interface StoredAgendaItem {
  seq: number;
  source: string;
  refId: string;
  title: string;
  detail: string;
  stateLabel: string;
}
export interface StoredProgress {
  at: string;
  orgId: string;
  orgName: string;
  userId: string;
  userName: string;
  note: string;
}

/**
 * 工作调度会 of a center (issue 17). The agenda is drawn once, when the meeting is called, and kept as
 * drawn (what the meeting had before it); participants name orgs of the county or, for a unit the
 * product does not hold, only a name. `convener_path` is copied for jurisdiction prefix matches.
 */
export const dispatchMeetings = pgTable(
  'dispatch_meetings',
  {
    countyCode: text('county_code').notNull(),
    id: uuid('id').notNull(),
    convenerOrgId: uuid('convener_org_id').notNull(),
    convenerPath: text('convener_path').notNull(),
    kind: text('kind').notNull(),
    topic: text('topic').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true, precision: 3 }).notNull(),
    place: text('place').notNull(),
    participants: jsonb('participants').$type<StoredParticipant[]>().notNull(),
    agenda: jsonb('agenda').$type<StoredAgendaItem[]>().notNull(),
    createdBy: uuid('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.countyCode, t.id] }),
    index('dispatch_meetings_path_idx').on(t.countyCode, t.convenerPath, t.startsAt),
  ],
);

/**
 * A decision of a 调度会: one task, one mechanism, a lead unit and co-units, a due day. Paths are copied
 * so a unit's queue is a prefix match on the lead's path or any co-unit's. `overdue_at` and
 * `supervised_at` are the sweep's markers, as on deadlines: a rerun does nothing.
 */
export const jointTasks = pgTable(
  'joint_tasks',
  {
    countyCode: text('county_code').notNull(),
    id: uuid('id').notNull(),
    meetingId: uuid('meeting_id').notNull(),
    convenerOrgId: uuid('convener_org_id').notNull(),
    convenerPath: text('convener_path').notNull(),
    agendaSeq: integer('agenda_seq'),
    title: text('title').notNull(),
    mechanism: text('mechanism').notNull(),
    leadOrgId: uuid('lead_org_id').notNull(),
    leadPath: text('lead_path').notNull(),
    coOrgIds: uuid('co_org_ids').array().notNull(),
    coPaths: text('co_paths').array().notNull(),
    dueDate: text('due_date').notNull(),
    dueAt: timestamp('due_at', { withTimezone: true, precision: 3 }).notNull(),
    status: text('status').notNull(),
    progress: jsonb('progress').$type<StoredProgress[]>().notNull(),
    result: text('result'),
    completedAt: timestamp('completed_at', { withTimezone: true, precision: 3 }),
    overdueAt: timestamp('overdue_at', { withTimezone: true, precision: 3 }),
    supervisedAt: timestamp('supervised_at', { withTimezone: true, precision: 3 }),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.countyCode, t.id] }),
    index('joint_tasks_meeting_idx').on(t.meetingId),
    index('joint_tasks_convener_idx').on(t.countyCode, t.convenerPath),
    index('joint_tasks_lead_idx').on(t.countyCode, t.leadPath),
    index('joint_tasks_due_idx')
      .on(t.dueAt)
      .where(sql`${t.status} in ('assigned', 'in_progress') and ${t.overdueAt} is null`),
  ],
);

/**
 * 治未病 (对症式措施): a measure decided against a risk warning, for villages or groups, with a
 * responsible unit and person and a due day; tracked to done, swept when late like a joint task.
 */
export const riskMeasures = pgTable(
  'risk_measures',
  {
    countyCode: text('county_code').notNull(),
    id: uuid('id').notNull(),
    warningId: uuid('warning_id').notNull(),
    warningPath: text('warning_path').notNull(),
    action: text('action').notNull(),
    responsibleOrgId: uuid('responsible_org_id').notNull(),
    responsiblePath: text('responsible_path').notNull(),
    responsiblePerson: text('responsible_person').notNull(),
    villageIds: uuid('village_ids').array().notNull(),
    groups: text('groups').notNull(),
    dueDate: text('due_date').notNull(),
    dueAt: timestamp('due_at', { withTimezone: true, precision: 3 }).notNull(),
    status: text('status').notNull(),
    result: text('result'),
    doneAt: timestamp('done_at', { withTimezone: true, precision: 3 }),
    overdueAt: timestamp('overdue_at', { withTimezone: true, precision: 3 }),
    createdBy: uuid('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.countyCode, t.id] }),
    index('risk_measures_warning_idx').on(t.warningId),
    index('risk_measures_due_idx').on(t.dueAt).where(sql`${t.status} = 'open' and ${t.overdueAt} is null`),
  ],
);
