import { date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * 社会参与: deliberative bodies (议事会, 理事会, 评判团, 服务团, 协商会) attached to a village, town or the
 * district, with their members and terms. `org_path` is the attached org's path, so jurisdiction is
 * the same prefix test as everywhere else.
 */
export const deliberationBodies = pgTable(
  'deliberation_bodies',
  {
    countyCode: text('county_code').notNull(),
    id: uuid('id').notNull(),
    orgId: uuid('org_id').notNull(),
    orgPath: text('org_path').notNull(),
    kind: text('kind').notNull(),
    name: text('name').notNull(),
    termStart: date('term_start').notNull(),
    termEnd: date('term_end').notNull(),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.countyCode, t.id] }),
    index('deliberation_bodies_org_idx').on(t.countyCode, t.orgPath),
  ],
);

/** A seat: position (主持, 记录, 成员, 代表), how it was taken (elected, appointed, delegated) and its term. */
export const deliberationMembers = pgTable(
  'deliberation_members',
  {
    countyCode: text('county_code').notNull(),
    id: uuid('id').notNull(),
    bodyId: uuid('body_id').notNull(),
    name: text('name').notNull(),
    phone: text('phone'),
    /** The member's own account, when they have one: they then see the body's unpublished minutes. */
    userId: uuid('user_id'),
    position: text('position').notNull(),
    seatedBy: text('seated_by').notNull(),
    termStart: date('term_start').notNull(),
    termEnd: date('term_end').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.countyCode, t.id] }), index('deliberation_members_body_idx').on(t.bodyId)],
);

/** A meeting: planned → held (attendance, minutes) → published (村务公开 of its decisions). */
export const deliberationMeetings = pgTable(
  'deliberation_meetings',
  {
    countyCode: text('county_code').notNull(),
    id: uuid('id').notNull(),
    bodyId: uuid('body_id').notNull(),
    orgId: uuid('org_id').notNull(),
    orgPath: text('org_path').notNull(),
    topic: text('topic').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true, precision: 3 }).notNull(),
    place: text('place').notNull(),
    status: text('status').notNull(),
    /** Member ids present at the meeting. */
    presentMemberIds: jsonb('present_member_ids').$type<string[]>().notNull().default([]),
    /** People counted in the room (residents who came without a seat). */
    countedInRoom: integer('counted_in_room').notNull().default(0),
    minutes: text('minutes'),
    heldAt: timestamp('held_at', { withTimezone: true, precision: 3 }),
    publishedAt: timestamp('published_at', { withTimezone: true, precision: 3 }),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    primaryKey({ columns: [t.countyCode, t.id] }),
    index('deliberation_meetings_body_idx').on(t.bodyId),
    index('deliberation_meetings_org_idx').on(t.countyCode, t.orgPath),
  ],
);

/**
 * An agenda item: one or more matters (or a cluster of related ones) put to the meeting, and, once
 * decided, the method, the tally (paper ballots entered by the clerk), the reasoned outcome and dissent.
 */
export const deliberationItems = pgTable(
  'deliberation_items',
  {
    countyCode: text('county_code').notNull(),
    id: uuid('id').notNull(),
    meetingId: uuid('meeting_id').notNull(),
    seq: integer('seq').notNull(),
    title: text('title').notNull(),
    /** What the meeting is asked to weigh, when the item came with it (a risk warning's explanation). */
    background: text('background'),
    matterIds: jsonb('matter_ids').$type<string[]>().notNull(),
    method: text('method'),
    votesFor: integer('votes_for'),
    votesAgainst: integer('votes_against'),
    votesAbstain: integer('votes_abstain'),
    /** Paper ballots: the clerk who entered the count from the ballot box. */
    ballotsEnteredBy: uuid('ballots_entered_by'),
    outcome: text('outcome'),
    reasoning: text('reasoning'),
    dissent: text('dissent'),
    decidedAt: timestamp('decided_at', { withTimezone: true, precision: 3 }),
  },
  (t) => [
    primaryKey({ columns: [t.countyCode, t.id] }),
    index('deliberation_items_meeting_idx').on(t.meetingId),
  ],
);

/** Residents who asked to speak at a meeting (名字和电话只给工作人员看). */
export const deliberationSpeakers = pgTable(
  'deliberation_speakers',
  {
    countyCode: text('county_code').notNull(),
    id: uuid('id').notNull(),
    meetingId: uuid('meeting_id').notNull(),
    name: text('name').notNull(),
    phone: text('phone'),
    subject: text('subject').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.countyCode, t.id] }),
    index('deliberation_speakers_meeting_idx').on(t.meetingId),
  ],
);

/** A task a decision created: a real matter in the owner's queue, linked back to the meeting. */
export const deliberationTasks = pgTable(
  'deliberation_tasks',
  {
    countyCode: text('county_code').notNull(),
    id: uuid('id').notNull(),
    meetingId: uuid('meeting_id').notNull(),
    itemId: uuid('item_id').notNull(),
    matterId: uuid('matter_id').notNull(),
    ownerOrgId: uuid('owner_org_id').notNull(),
    title: text('title').notNull(),
    dueOn: date('due_on').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.countyCode, t.id] }),
    index('deliberation_tasks_meeting_idx').on(t.meetingId),
    index('deliberation_tasks_matter_idx').on(t.matterId),
  ],
);

/**
 * What a body does on a single matter outside a meeting: a 道德评判团 opinion given to a mediation
 * (kind 'opinion'), or a 百事服务团 member taking a small service request from the village window
 * (kind 'service', open until done).
 */
export const deliberationContributions = pgTable(
  'deliberation_contributions',
  {
    countyCode: text('county_code').notNull(),
    id: uuid('id').notNull(),
    bodyId: uuid('body_id').notNull(),
    matterId: uuid('matter_id').notNull(),
    kind: text('kind').notNull(),
    memberId: uuid('member_id'),
    text: text('text').notNull(),
    status: text('status').notNull(),
    doneAt: timestamp('done_at', { withTimezone: true, precision: 3 }),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.countyCode, t.id] }),
    index('deliberation_contributions_matter_idx').on(t.matterId),
    index('deliberation_contributions_body_idx').on(t.bodyId),
  ],
);
