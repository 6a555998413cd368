/**
 * Provisional deadlines recomputed (docs/LEGAL.md §8.5). A clock counted through a year without an
 * official holiday arrangement got a provisional date (weekends only). When the year's arrangement
 * is saved, every such running deadline is counted again on the new calendar, in the saving
 * transaction: one event per changed deadline, and the handler told in-app when the date moved.
 *
 * A date the resident was told is a promise: the handling period (the acceptance notice and the SMS
 * state it) never moves later, and the petitioner's window to ask for 复查/复核 (the opinion states
 * it) never moves earlier. Either way the new date and the reason are in the deadline's explanation.
 */

import { ruleForClock } from '../../../../core/domain/clock-rules';
import { type BasisCode, isHandlingBasis, reviewWindowBases } from '../../../../core/domain/matters/clocks';
import { computeDue, formatDayZh, type WorkCalendar, warningAt } from '../../../../core/domain/time-limits';
import type { Deps, RequestCtx } from '../../context';
import type { Executor } from '../../db/client';
import { failureOf, type JobFailure } from '../../failures';
import { workCalendar } from '../calendar/calendar-cache';
import { countyPolicies, type Policies } from '../config/policies.service';
import { countyCodes } from '../counties/counties.service';
import { recordEvent } from '../events/events.service';
import { usersOfOrg } from '../users/users.service';
import { dueOf } from './deadline-effects';
import * as repo from './matters.repo';
import { portsOf } from './ports';
import { supervisionAnswerRule } from './supervision.service';

export interface RecomputeReport {
  /** Running provisional deadlines looked at. */
  examined: number;
  /** Rows written (a new date, or the same date no longer provisional). */
  changed: number;
  /** Of those, dates that moved. */
  moved: number;
  /** Dates kept because the resident had been told them. */
  kept: number;
  supervision: number;
}

export interface RecomputeScope {
  /** What caused it, for the event and the message: the year saved and its version. */
  cause: { year: number; version: number | null };
  /** Which provisional rows to take: those through a given year, or those the calendar no longer calls provisional. */
  only: (provisionalYears: readonly number[], cal: WorkCalendar) => boolean;
  calendarOf: (countyCode: string) => Promise<WorkCalendar>;
  /** Only this county's rows (the sweep's catch-up goes county by county). */
  countyCode?: string;
}

type Promise_ = 'duty' | 'window' | null;

function promiseOf(basis: string): Promise_ {
  if (isHandlingBasis(basis)) return 'duty';
  return (reviewWindowBases as readonly string[]).includes(basis) ? 'window' : null;
}

const sameYears = (a: readonly number[], b: readonly number[]) =>
  a.length === b.length && a.every((y, i) => y === b[i]);

/** Runs in the caller's transaction; every county's rows, county by county. */
export async function recomputeProvisional(
  deps: Deps,
  ctx: RequestCtx,
  tx: Executor,
  scope: RecomputeScope,
): Promise<RecomputeReport> {
  const now = deps.clock.now();
  const report: RecomputeReport = { examined: 0, changed: 0, moved: 0, kept: 0, supervision: 0 };
  const calendars = new Map<string, WorkCalendar>();
  const policies = new Map<string, Policies>();
  const calendarOf = async (county: string) => {
    if (!calendars.has(county)) calendars.set(county, await scope.calendarOf(county));
    return calendars.get(county)!;
  };
  const policiesOf = async (county: string) => {
    if (!policies.has(county)) policies.set(county, await countyPolicies(tx, county));
    return policies.get(county)!;
  };
  const reason = `${scope.cause.year} 年节假日安排${scope.cause.version ? `（第 ${scope.cause.version} 版）` : ''}已载入，暂定期限重新计算`;

  // County by county (a reference table lists them): each statement names its county.
  const counties = scope.countyCode ? [scope.countyCode] : await countyCodes(deps, tx);
  const running = [];
  for (const county of counties) running.push(...(await repo.runningProvisional(tx, county)));
  for (const { d, m } of running) {
    const cal = await calendarOf(d.countyCode);
    if (!scope.only(d.provisionalYears, cal)) continue;
    report.examined++;
    const p = await policiesOf(d.countyCode);
    const rule = d.rule ?? ruleForClock(d.basis as BasisCode, p);
    const fresh = dueOf(rule, cal, d.startedAt, d.pauses, now, d.extendedBy);
    let dueAt = fresh.dueAt;
    let explanation = fresh.explanation;
    let provisionalYears = fresh.provisionalYears;
    const promised = promiseOf(d.basis);
    const told = d.dueAt;
    let keptAsTold = false;
    if (told && promised === 'duty' && fresh.dueAt > told) {
      keptAsTold = true;
      dueAt = told;
      provisionalYears = [];
      explanation = `${fresh.explanation}重算所得日期晚于已告知群众的 ${formatDayZh(told)}，仍按告知的日期办结。`;
      report.kept++;
    } else if (told && promised === 'window' && fresh.dueAt < told) {
      keptAsTold = true;
      dueAt = told;
      provisionalYears = [];
      explanation = `${fresh.explanation}重算所得日期早于已告知群众的 ${formatDayZh(told)}，群众仍可在告知的日期前提出。`;
      report.kept++;
    }
    const moved = told?.getTime() !== dueAt.getTime();
    if (!moved && sameYears(provisionalYears, d.provisionalYears) && explanation === d.explanation) continue;
    const warnAt = warningAt(d.startedAt, dueAt, p.local.warningFraction.value);
    await repo.updateDeadline(tx, d.countyCode, d.id, {
      dueAt,
      warnAt,
      explanation,
      provisionalYears,
      // A warning given for the old date is given again for the new one if that is still ahead.
      ...(d.warnedAt && warnAt > now ? { warnedAt: null } : {}),
    });
    await recordEvent(tx, ctx, deps.clock, {
      countyCode: d.countyCode,
      action: 'deadline.recomputed',
      objectType: 'matter',
      objectId: m.id,
      reason,
      before: { dueAt: told?.toISOString() ?? null, provisionalYears: d.provisionalYears },
      after: {
        basis: d.basis,
        deadlineId: d.id,
        dueAt: dueAt.toISOString(),
        provisionalYears,
        keptAsTold,
        holidayYear: scope.cause.year,
      },
    });
    report.changed++;
    if (!moved || !told) continue;
    report.moved++;
    const to = m.handlerUserId ? [m.handlerUserId] : await usersOfOrg(deps, d.orgId, 'matter.coordinate', tx);
    await portsOf(deps).notifications.enqueue(
      deps,
      tx,
      now,
      to.map((userId) => ({
        countyCode: d.countyCode,
        template: 'deadline_recomputed' as const,
        params: {
          year: String(scope.cause.year),
          code: m.code,
          label: d.label,
          from: formatDayZh(told),
          to: formatDayZh(dueAt),
          matterId: m.id,
        },
        to: { userId },
        ref: { type: 'matter', id: m.id },
      })),
    );
  }

  const openOrders = [];
  for (const county of counties) openOrders.push(...(await repo.openProvisionalSupervision(tx, county)));
  for (const o of openOrders) {
    const cal = await calendarOf(o.countyCode);
    if (!scope.only(o.provisionalYears, cal)) continue;
    const fresh = computeDue(supervisionAnswerRule, o.createdAt, cal);
    if (fresh.dueAt.getTime() === o.dueAt.getTime() && sameYears(fresh.provisionalYears, o.provisionalYears))
      continue;
    await repo.updateSupervisionDue(tx, o.countyCode, o.id, {
      dueAt: fresh.dueAt,
      provisionalYears: fresh.provisionalYears,
    });
    await recordEvent(tx, ctx, deps.clock, {
      countyCode: o.countyCode,
      action: 'supervision.recomputed',
      objectType: 'matter',
      objectId: o.matterId,
      reason,
      before: { dueAt: o.dueAt.toISOString() },
      after: {
        supervisionId: o.id,
        dueAt: fresh.dueAt.toISOString(),
        provisionalYears: fresh.provisionalYears,
      },
    });
    report.supervision++;
  }
  return report;
}

/** Rows counted through the saved year. */
export const throughYear =
  (year: number) =>
  (years: readonly number[]): boolean =>
    years.includes(year);

/** Rows counted on a calendar older than the current one: a year they call provisional no longer is. */
export const staleOn = (years: readonly number[], cal: WorkCalendar): boolean =>
  years.some((y) => !cal.isProvisional(`${y}-06-30`) || cal.isTentativeYear(y));

/**
 * The sweep's catch-up: a deadline counted in another process on a calendar older than a save
 * (calendar-cache.ts) is recomputed here, county by county, each county in its own transaction.
 */
export async function reconcileProvisional(deps: Deps): Promise<{ changed: number; failed: JobFailure[] }> {
  const now = deps.clock.now();
  const ctx: RequestCtx = { requestId: `calendar-${now.toISOString()}`, ip: null, actor: null };
  const out = { changed: 0, failed: [] as JobFailure[] };
  const byCounty = new Map<string, number[][]>();
  for (const county of await countyCodes(deps)) {
    for (const g of await repo.provisionalGroups(deps.database.db, county)) {
      byCounty.set(g.countyCode, [...(byCounty.get(g.countyCode) ?? []), g.years]);
    }
  }
  for (const [countyCode, groups] of byCounty) {
    const cal = await workCalendar(deps, countyCode);
    const stale = groups.filter((years) => staleOn(years, cal)).flat();
    if (stale.length === 0) continue;
    try {
      const report = await deps.database.transaction((tx) =>
        recomputeProvisional(deps, ctx, tx, {
          cause: { year: Math.min(...stale), version: null },
          only: staleOn,
          calendarOf: () => Promise.resolve(cal),
          countyCode,
        }),
      );
      out.changed += report.changed;
    } catch (e) {
      out.failed.push(failureOf(`${countyCode}（县区）`, e));
    }
  }
  if (out.changed) deps.kickSealer();
  return out;
}
