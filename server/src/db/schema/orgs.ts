import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  boolean,
  check,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { counties } from './counties';

/**
 * Organisations form one tree per county. `path` is the materialised path of ids from the county
 * root ('/<id>/<id>/…/'): jurisdiction is "path starts with the viewer's path", answered by the
 * text_pattern_ops index.
 */
export const orgs = pgTable(
  'orgs',
  {
    id: uuid('id').primaryKey(),
    countyCode: text('county_code')
      .notNull()
      .references(() => counties.code),
    parentId: uuid('parent_id').references((): AnyPgColumn => orgs.id),
    path: text('path').notNull(),
    kind: text('kind').notNull(),
    level: text('level').notNull(),
    name: text('name').notNull(),
    divisionCode: text('division_code').unique(),
    centerName: text('center_name'),
    /** How residents reach the org (a phone number, an address): printed on the notices that send them there. */
    contact: text('contact'),
    /** Demo names that are not real (departments, units, committees of the demo county). */
    synthetic: boolean('synthetic').notNull().default(false),
    active: boolean('active').notNull().default(true),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('orgs_path_idx').using('btree', sql`${t.path} text_pattern_ops`),
    index('orgs_parent_idx').on(t.countyCode, t.parentId),
    check(
      'orgs_kind_check',
      sql`${t.kind} in ('district','town','village','department','unit','mediation_committee','mediation_room','social_org','service_center')`,
    ),
    check('orgs_level_check', sql`${t.level} in ('district','town','village')`),
    check('orgs_root_check', sql`(${t.parentId} is null) = (${t.kind} = 'district')`),
  ],
);
