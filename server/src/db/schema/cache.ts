import { bigint, pgTable, text } from 'drizzle-orm/pg-core';

/**
 * One stamp per cached kind of row ('orgs', 'config'), bumped by a statement trigger on every write to
 * those tables (migration 0027): a server caches org rows and configuration documents and trusts a
 * cached value only while the stamp it was read under is still the current one (db/stamped-cache.ts).
 */
export const cacheStamps = pgTable('cache_stamps', {
  name: text('name').primaryKey(),
  stamp: bigint('stamp', { mode: 'number' }).notNull().default(0),
});
