import { integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** One row per county served by this install; its code is the 6-digit division code. */
export const counties = pgTable('counties', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  cityName: text('city_name'),
  provinceName: text('province_name'),
  center: jsonb('center').$type<[number, number] | null>(),
  boundary: jsonb('boundary').$type<{ type: 'Polygon' | 'MultiPolygon'; coordinates: unknown[] } | null>(),
  source: text('source').notNull(),
  /** Bumped by every grid import, so running servers rebuild their point-lookup index. */
  gridRevision: integer('grid_revision').notNull().default(0),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
});
