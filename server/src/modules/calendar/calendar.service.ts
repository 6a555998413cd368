/**
 * 节假日安排 (docs/LEGAL.md §8): the business administrator sees the years on file and how far they
 * reach, loads a new year from the State Council's notice (pasted text, JSON or ICS), corrects it
 * day by day and saves it as a new version of that year; the save recomputes every running deadline
 * that was counted provisionally through the year, in the same transaction. A county may also keep
 * rest days of its own (off by default).
 */
import type {
  CalendarCoverage,
  HolidayArrangementBody,
  HolidayOverview,
  HolidayPreview,
  HolidayYearDetail,
  PreviewHolidaysBody,
  SaveCountyRestDaysBody,
  SaveHolidayYearBody,
  SaveHolidayYearResult,
} from '../../../../core/contracts/calendar';
import {
  calendarCoverage,
  type HolidayArrangement,
  type HolidayDay,
  type HolidaySource,
  toLocalDate,
  weekdayOf,
} from '../../../../core/domain/time-limits';
import { AppError } from '../../../../core/errors';
import { requirePermission } from '../../authz';
import type { Deps, RequestCtx } from '../../context';
import { isUniqueViolation } from '../../db/errors';
import { latestDocument, saveDocumentVersion } from '../config/documents.service';
import { recordEvent } from '../events/events.service';
import { displayNameOf } from '../users/users.service';
import * as repo from './calendar.repo';
import { arrangementOf, countyRestDays, invalidateCalendars, loadWorkCalendar } from './calendar-cache';
import { readHolidaySource } from './holiday-source';
import { provisionalDeadlinesOf } from './provisional-deadlines';

function byDate(days: readonly HolidayDay[]): HolidayDay[] {
  const seen = new Map<string, HolidayDay>();
  for (const d of days) seen.set(d.date, { date: d.date, name: d.name.trim() });
  return [...seen.values()].sort((a, b) => a.date.localeCompare(b.date));
}

/** What the calendar may be built from: sorted, one entry per day. */
function normalise(a: HolidayArrangementBody): HolidayArrangement {
  return {
    year: a.year,
    status: a.status,
    restDays: byDate(a.restDays as HolidayDay[]),
    workdays: byDate(a.workdays as HolidayDay[]),
    source: a.source as HolidaySource | null,
  };
}

/**
 * What stops a save: a day outside the year (each year's notice is filed under its own year), a day
 * both rest and work, a make-up working day that is not a weekend day. The rest is the reader's
 * warnings, shown before saving.
 */
function refusals(a: HolidayArrangement): string[] {
  const out: string[] = [];
  const outside = [...a.restDays, ...a.workdays].filter((d) => !d.date.startsWith(`${a.year}-`));
  if (outside.length) out.push(`${outside.map((d) => d.date).join('、')} 不在 ${a.year} 年内`);
  const rest = new Set(a.restDays.map((d) => d.date));
  const both = a.workdays.filter((d) => rest.has(d.date));
  if (both.length) out.push(`${both.map((d) => d.date).join('、')} 既是休息日又是上班日`);
  const weekday = a.workdays.filter((d) => weekdayOf(d.date) % 6 !== 0);
  if (weekday.length) out.push(`调休上班日 ${weekday.map((d) => d.date).join('、')} 本来就是工作日`);
  return out;
}

/** The coverage the console, the dashboard and /healthz report, as of the server's today. */
export async function coverageNow(deps: Deps): Promise<CalendarCoverage> {
  const years = await repo.latestYears(deps.database.db);
  return calendarCoverage(
    years.filter((y) => y.status === 'official').map((y) => y.year),
    toLocalDate(deps.clock.now()),
    deps.config.calendarWarnFrom,
  );
}

export async function holidayOverview(deps: Deps, ctx: RequestCtx): Promise<HolidayOverview> {
  const actor = requirePermission(ctx, 'config.manage');
  const db = deps.database.db;
  const [years, county, countyDoc, coverage, provisionalDeadlines] = await Promise.all([
    repo.latestYears(db),
    countyRestDays(db, actor.countyCode),
    latestDocument(db, actor.countyCode, repo.COUNTY_REST_DAYS),
    coverageNow(deps),
    provisionalDeadlinesOf(deps).count(deps, actor.countyCode),
  ]);
  const names = new Map<string, string | null>();
  for (const y of years) {
    if (y.createdBy && !names.has(y.createdBy)) names.set(y.createdBy, await displayNameOf(db, y.createdBy));
  }
  return {
    coverage,
    years: years
      .map((y) => ({
        year: y.year,
        version: y.version,
        status: y.status,
        source: y.source,
        restDays: y.restDays.length,
        workdays: y.workdays.length,
        savedAt: y.createdAt.toISOString(),
        savedBy: y.createdBy ? (names.get(y.createdBy) ?? null) : null,
      }))
      .reverse(),
    countyRestDays: { ...county, version: countyDoc?.version ?? 0 },
    provisionalDeadlines,
  };
}

export async function holidayYear(deps: Deps, ctx: RequestCtx, year: number): Promise<HolidayYearDetail> {
  requirePermission(ctx, 'config.manage');
  const versions = await repo.versionsOf(deps.database.db, year);
  const latest = versions[0];
  if (!latest) throw new AppError('NOT_FOUND', `尚未载入 ${year} 年的节假日安排。`);
  return {
    arrangement: arrangementOf(latest),
    version: latest.version,
    versions: versions.map((v) => ({
      version: v.version,
      status: v.status,
      savedAt: v.createdAt.toISOString(),
    })),
  };
}

/** Reads a pasted notice or a file into an arrangement to review; nothing is saved. */
export async function previewHolidays(
  deps: Deps,
  ctx: RequestCtx,
  body: PreviewHolidaysBody,
): Promise<HolidayPreview> {
  requirePermission(ctx, 'config.manage');
  const read = readHolidaySource(body);
  const [versions, affected] = await Promise.all([
    repo.versionsOf(deps.database.db, read.arrangement.year),
    provisionalDeadlinesOf(deps).count(deps, null, read.arrangement.year),
  ]);
  return {
    arrangement: read.arrangement,
    problems: read.problems,
    currentVersion: versions[0]?.version ?? 0,
    affectedDeadlines: affected,
  };
}

export async function saveHolidayYear(
  deps: Deps,
  ctx: RequestCtx,
  body: SaveHolidayYearBody,
): Promise<SaveHolidayYearResult> {
  const actor = requirePermission(ctx, 'config.manage');
  const a = normalise(body.arrangement);
  const refused = refusals(a);
  if (refused.length) {
    throw new AppError('VALIDATION_FAILED', `节假日安排有误：${refused.join('；')}。`, {
      reason: 'HOLIDAYS_INVALID',
      problems: refused,
    });
  }
  let result: SaveHolidayYearResult | null = null;
  try {
    await deps.database.transaction(async (tx) => {
      const current = (await repo.versionsOf(tx, a.year))[0];
      const currentVersion = current?.version ?? 0;
      if (currentVersion !== body.baseVersion) {
        throw new AppError(
          'CONFLICT',
          `${a.year} 年节假日安排已被他人修改（当前为第 ${currentVersion} 版），请刷新后再改。`,
        );
      }
      const version = currentVersion + 1;
      const now = deps.clock.now();
      await repo.insertYear(tx, a, {
        version,
        savedByCounty: actor.countyCode,
        createdBy: actor.userId,
        createdAt: now,
      });
      await recordEvent(tx, ctx, deps.clock, {
        countyCode: actor.countyCode,
        action: 'config.holiday_year_saved',
        objectType: 'config',
        objectId: `holidays-${a.year}`,
        before: current
          ? { version: currentVersion, status: current.status, restDays: current.restDays.length }
          : { version: 0 },
        after: {
          year: a.year,
          version,
          status: a.status,
          restDays: a.restDays.length,
          workdays: a.workdays.length,
          source: a.source?.title ?? null,
        },
      });
      const recomputed = await provisionalDeadlinesOf(deps).recountThroughYear(
        deps,
        ctx,
        tx,
        { year: a.year, version },
        (county) => loadWorkCalendar(tx, county),
      );
      result = { year: a.year, version, recomputed };
    });
  } catch (e) {
    if (isUniqueViolation(e)) {
      throw new AppError('CONFLICT', `${a.year} 年节假日安排刚被他人保存，请刷新后再改。`);
    }
    throw e;
  }
  invalidateCalendars(deps);
  deps.kickSealer();
  return result!;
}

/**
 * The county's own rest days: a new version of its document. Like the county's other time-limit
 * settings it applies to clocks that start afterwards; a running deadline keeps its date.
 */
export async function saveCountyRestDays(
  deps: Deps,
  ctx: RequestCtx,
  body: SaveCountyRestDaysBody,
): Promise<HolidayOverview> {
  const actor = requirePermission(ctx, 'config.manage');
  const days = byDate(body.days as HolidayDay[]);
  await saveDocumentVersion(deps, ctx, actor, {
    name: repo.COUNTY_REST_DAYS,
    label: '本县（区）自定休息日',
    action: 'config.county_rest_days_saved',
    baseVersion: body.baseVersion,
    build: async () => ({
      body: { enabled: body.enabled, days },
      after: { enabled: body.enabled, days: days.length },
    }),
  });
  invalidateCalendars(deps);
  return holidayOverview(deps, ctx);
}
