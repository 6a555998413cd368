import { date, index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { type MatterCounterName, matterCounterNames } from '../../../../core/domain/kpi/measures';
import { channels, matterKinds } from '../../../../core/domain/matters/model';

export const snake = (s: string) => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
/** One integer column per counter, named in snake_case, so the counters are listed only once (in core). */
const counterColumns = (names: readonly string[]) =>
  Object.fromEntries(names.map((n) => [n, integer(snake(n)).notNull().default(0)]));

export const channelCounterColumns = channels.map((c) => `ch_${c}`);
/** Intake by the level that took the matter in (受理层级). */
export const intakeLevelColumns = ['il_village', 'il_town', 'il_district'];
/** Intake by the level that owns it now (承办层级) and by kind: columns of the per-town rollup. */
export const ownerLevelColumns = ['ol_village', 'ol_town', 'ol_district'];
export const kindColumns = matterKinds.map((k) => `k_${k}`);

/**
 * The rollups form a small lattice (docs/KPI.md): the detailed cube answers filtered requests, the
 * per-town and per-category cuts answer the unfiltered ones (the default dashboard) from a few
 * hundred rows. All are rebuilt by month by the refresh (modules/dashboard/refresh.repo.ts).
 *
 * Detailed cube: the additive counters of core/domain/kpi/measures.ts per month of intake (local
 * time) × town × category × kind × owner level, with intake per channel and per intake level.
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
    ownerLevel: text('owner_level').notNull(),
    ...(counterColumns(matterCounterNames) as Record<MatterCounterName, ReturnType<typeof integer>>),
    ...counterColumns(channelCounterColumns),
    ...counterColumns(intakeLevelColumns),
  },
  (t) => [
    primaryKey({ columns: [t.countyCode, t.month, t.townKey, t.categoryCode, t.kind, t.ownerLevel] }),
    // A county-wide filtered request reads the towns' split from here through these: by category
    // (pattern ops, for the category's sub-codes) or by kind and level.
    index('dash_matter_rollup_category_idx').on(t.countyCode, t.categoryCode.op('text_pattern_ops'), t.month),
    index('dash_matter_rollup_kind_level_idx').on(t.countyCode, t.kind, t.ownerLevel, t.month),
  ],
);

/**
 * The detailed cube without the town: what a county-wide request filtered by category, kind or level
 * reads (about a fiftieth of the detailed cube's rows: one per month × category × kind × owner level).
 */
export const dashMatterCountyRollup = pgTable(
  'dash_matter_county_rollup',
  {
    countyCode: text('county_code').notNull(),
    month: date('month').notNull(),
    categoryCode: text('category_code').notNull(),
    kind: text('kind').notNull(),
    ownerLevel: text('owner_level').notNull(),
    ...(counterColumns(matterCounterNames) as Record<MatterCounterName, ReturnType<typeof integer>>),
    ...counterColumns(channelCounterColumns),
    ...counterColumns(intakeLevelColumns),
  },
  (t) => [primaryKey({ columns: [t.countyCode, t.month, t.categoryCode, t.kind, t.ownerLevel] })],
);

/** Per month and town: every counter, and intake by channel, intake level, owner level and kind. */
export const dashTownRollup = pgTable(
  'dash_town_rollup',
  {
    countyCode: text('county_code').notNull(),
    month: date('month').notNull(),
    townKey: text('town_key').notNull(),
    ...(counterColumns(matterCounterNames) as Record<MatterCounterName, ReturnType<typeof integer>>),
    ...counterColumns([
      ...channelCounterColumns,
      ...intakeLevelColumns,
      ...ownerLevelColumns,
      ...kindColumns,
    ]),
  },
  (t) => [primaryKey({ columns: [t.countyCode, t.month, t.townKey] })],
);

/** Per month, town and category: intake (the category breakdown of the unfiltered dashboard). */
export const dashCategoryRollup = pgTable(
  'dash_category_rollup',
  {
    countyCode: text('county_code').notNull(),
    month: date('month').notNull(),
    townKey: text('town_key').notNull(),
    categoryCode: text('category_code').notNull(),
    intake: integer('intake').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.countyCode, t.month, t.townKey, t.categoryCode] })],
);

/** Per month, town and item: the duty counters of the unfiltered dashboard. */
export const dashDueTownRollup = pgTable(
  'dash_due_town_rollup',
  {
    countyCode: text('county_code').notNull(),
    month: date('month').notNull(),
    townKey: text('town_key').notNull(),
    item: text('item').notNull(),
    onTime: integer('on_time').notNull().default(0),
    late: integer('late').notNull().default(0),
    openOverdue: integer('open_overdue').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.countyCode, t.month, t.townKey, t.item] })],
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

/** The duty cube without the town, for county-wide filtered requests (like dash_matter_county_rollup). */
export const dashDueCountyRollup = pgTable(
  'dash_due_county_rollup',
  {
    countyCode: text('county_code').notNull(),
    month: date('month').notNull(),
    categoryCode: text('category_code').notNull(),
    kind: text('kind').notNull(),
    level: text('level').notNull(),
    item: text('item').notNull(),
    onTime: integer('on_time').notNull().default(0),
    late: integer('late').notNull().default(0),
    openOverdue: integer('open_overdue').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.countyCode, t.month, t.categoryCode, t.kind, t.level, t.item] })],
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

/**
 * The matters in hand now, counted by county, town, status and day of intake (UTC date), kept by a row
 * trigger on matters in the writer's own transaction (migration 0033): the live counts of an unfiltered
 * county or town dashboard add up a few thousand of these rows instead of reading every live matter
 * (issue 20). Only live statuses are counted; a row that drops to zero is deleted.
 */
export const dashLiveCounts = pgTable(
  'dash_live_counts',
  {
    countyCode: text('county_code').notNull(),
    townKey: text('town_key').notNull(),
    status: text('status').notNull(),
    day: date('day').notNull(),
    n: integer('n').notNull(),
  },
  (t) => [primaryKey({ columns: [t.countyCode, t.townKey, t.status, t.day] })],
);
