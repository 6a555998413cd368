import { sql } from 'drizzle-orm';
import {
  boolean,
  doublePrecision,
  index,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { counties } from './counties';
import { orgs } from './orgs';
import { users } from './users';

/** A grid (网格) belongs to exactly one village; its geometry is WGS84 GeoJSON with its bbox. */
export const grids = pgTable(
  'grids',
  {
    id: uuid('id').primaryKey(),
    countyCode: text('county_code')
      .notNull()
      .references(() => counties.code),
    code: text('code').notNull().unique(),
    name: text('name').notNull(),
    villageId: uuid('village_id')
      .notNull()
      .references(() => orgs.id),
    /** The village's org path, copied so jurisdiction filters need no join. */
    orgPath: text('org_path').notNull(),
    geometry: jsonb('geometry')
      .$type<{ type: 'Polygon' | 'MultiPolygon'; coordinates: unknown[] }>()
      .notNull(),
    minLng: doublePrecision('min_lng').notNull(),
    minLat: doublePrecision('min_lat').notNull(),
    maxLng: doublePrecision('max_lng').notNull(),
    maxLat: doublePrecision('max_lat').notNull(),
    generated: boolean('generated').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('grids_path_idx').using('btree', sql`${t.orgPath} text_pattern_ops`),
    index('grids_village_idx').on(t.villageId),
  ],
);

export const gridWorkers = pgTable(
  'grid_workers',
  {
    gridId: uuid('grid_id')
      .notNull()
      .references(() => grids.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    countyCode: text('county_code').notNull(),
    assignedAt: timestamp('assigned_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.gridId, t.userId] }), index('grid_workers_user_idx').on(t.userId)],
);
