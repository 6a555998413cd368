import { date, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { type MatterCounterName, matterCounterNames } from '../../../../core/domain/kpi/measures';
import { channels } from '../../../../core/domain/matters/model';

export const snake = (s: string) => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
/** One integer column per counter, named in snake_case, so the counters are listed only once (in core). */
const counterColumns = (names: readonly string[]) =>
  Object.fromEntries(names.map((n) => [n, integer(snake(n)).notNull().default(0)]));

export const channelCounterColumns = channels.map((c) => `ch_${c}`);

/**
 * The dashboard's rollup of matters: the additive counters of core/domain/kpi/measures.ts per month
 * of intake (local time) × town × category × kind × intake level × owner level, with intake per channel.
 * Kept current by the dashboard refresh (jobs/dashboard-refresh.ts), which recomputes only the months
 * whose matters changed since its last run. At 10^6 matters a year of one county is ~25,000 rows.
 * `town_key` is the town's id, or '' for a matter placed in no town.
 */
export const dashMatterRollup = pgTable(
  'dash_matter_rollup',
  {
    countyCode: text('county_code').notNull(),
    month: date('month').notNull(),
    townKey: text('town_key').notNull(),
    categoryCode: text('category_code').notNull(),
    kind: text('kind').notNull(),
    intakeLevel: text('intake_level').notNull(),
    ownerLevel: text('owner_level').notNull(),
    ...(counterColumns(matterCounterNames) as Record<MatterCounterName, ReturnType<typeof integer>>),
    ...counterColumns(channelCounterColumns),
  },
  (t) => [
    primaryKey({
      columns: [t.countyCode, t.month, t.townKey, t.categoryCode, t.kind, t.intakeLevel, t.ownerLevel],
    }),
  ],
);

/** On-time counters of duties (handling deadlines, 督办 answers) per month of their due instant. */
export const dashDueRollup = pgTable(
  'dash_due_rollup',
  {
    countyCode: text('county_code').notNull(),
    month: date('month').notNull(),
    townKey: text('town_key').notNull(),
    categoryCode: text('category_code').notNull(),
    kind: text('kind').notNull(),
    /** The level of the org answerable for the duty. */
    level: text('level').notNull(),
    /** 'handling' or 'supervision'. */
    item: text('item').notNull(),
    onTime: integer('on_time').notNull().default(0),
    late: integer('late').notNull().default(0),
    openOverdue: integer('open_overdue').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.countyCode, t.month, t.townKey, t.categoryCode, t.kind, t.level, t.item] }),
  ],
);

/** Matter density per grid and month, for the map. */
export const dashGridRollup = pgTable(
  'dash_grid_rollup',
  {
    countyCode: text('county_code').notNull(),
    month: date('month').notNull(),
    gridId: uuid('grid_id').notNull(),
    townKey: text('town_key').notNull(),
    intake: integer('intake').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.countyCode, t.month, t.gridId] })],
);

/** When each county's rollups were last brought up to date, and from which instant the next run looks. */
export const dashRefreshState = pgTable('dash_refresh_state', {
  countyCode: text('county_code').primaryKey(),
  refreshedAt: timestamp('refreshed_at', { withTimezone: true, precision: 3 }).notNull(),
  watermark: timestamp('watermark', { withTimezone: true, precision: 3 }).notNull(),
  monthsRefreshed: integer('months_refreshed').notNull().default(0),
});
