/**
 * The deadline sweep (docs/CONVENTIONS.md 6; issue: 限时办结 and 督办): in bounded batches it
 * warns before expiry (at the policy's share of the period, default two thirds), marks what has run
 * out, raises a supervision order to the level above, and lifts a village matter whose handling
 * period ran out to its town (上提). Each step sets a marker column in the same transaction as its
 * event, so a second run over the same rows does nothing.
 */

import { pathIds } from '../../../../core/domain/jurisdiction';
import { isWindow } from '../../../../core/domain/matters/clocks';
import type { MatterCommand } from '../../../../core/domain/matters/commands';
import { AppError } from '../../../../core/errors';
import type { Deps, RequestCtx } from '../../context';
import { failureOf, type JobFailure } from '../../failures';
import { countyCodes } from '../counties/counties.service';
import { recordEvent } from '../events/events.service';
import { getOrgRow } from '../orgs/orgs.service';
import { applyDecision } from './actions.service';
import * as repo from './matters.repo';
import { orgRefOf } from './org-refs';
import { issueSupervision } from './supervision.service';

const intakeBases = ['XF-22', 'XF-23-notice', 'LOCAL-ACCEPT', 'LOCAL-GRID-VERIFY', 'LOCAL-RECEIVE'];

export interface SweepReport {
  warned: number;
  overdue: number;
  supervised: number;
  escalated: number;
  /**
   * Matters the sweep could not process this run (their transaction rolled back, so their markers are
   * unset and the next run tries them again); one bad matter never stops the others.
   */
  failed: JobFailure[];
}

export async function sweepDeadlines(deps: Deps, limit = 200): Promise<SweepReport> {
  const report: SweepReport = { warned: 0, overdue: 0, supervised: 0, escalated: 0, failed: [] };
  const now = deps.clock.now();
  const ctx: RequestCtx = { requestId: `sweep-${now.toISOString()}`, ip: null, actor: null };
  // County by county (a reference table lists them): each statement goes to one county's shard.
  const batch: Awaited<ReturnType<typeof repo.sweepCandidates>> = [];
  for (const county of await countyCodes(deps)) {
    if (batch.length >= limit) break;
    batch.push(...(await repo.sweepCandidates(deps.database.db, county, now, limit - batch.length)));
  }
  for (const { d, m: candidate } of batch) {
    // Counted per matter and only after its commit: a rolled-back matter adds nothing to the report.
    const step = { warned: 0, overdue: 0, supervised: 0, escalated: 0 };
    try {
      await sweepOne(deps, ctx, d, now, step);
      report.warned += step.warned;
      report.overdue += step.overdue;
      report.supervised += step.supervised;
      report.escalated += step.escalated;
    } catch (e) {
      report.failed.push(failureOf(candidate.code, e));
    }
  }
  if (report.warned + report.overdue > 0) deps.kickSealer();
  return report;
}

/** The periods a body above the install may hold (信访工作条例 art. 35, 36(1)). */
const externalPeriods: readonly string[] = ['XF-35', 'XF-36'];

async function sweepOne(
  deps: Deps,
  ctx: RequestCtx,
  d: { id: string; countyCode: string; matterId: string },
  now: Date,
  report: Omit<SweepReport, 'failed'>,
): Promise<void> {
  await deps.database.transaction(async (tx) => {
    const m = await repo.lockById(tx, d.countyCode, d.matterId);
    const live = m
      ? (await repo.liveDeadlines(tx, m.countyCode, m.id)).find((x) => x.id === d.id)
      : undefined;
    if (!m || !live || live.status !== 'running' || !live.dueAt) return;
    const window = isWindow(live.basis);
    if (!live.warnedAt && live.warnAt && live.warnAt <= now && !window) {
      await repo.updateDeadline(tx, live.countyCode, live.id, { warnedAt: now });
      await recordEvent(tx, ctx, deps.clock, {
        countyCode: m.countyCode,
        action: 'deadline.warned',
        objectType: 'matter',
        objectId: m.id,
        after: { basis: live.basis, dueAt: live.dueAt.toISOString(), orgId: live.orgId },
      });
      report.warned++;
    }
    if (live.overdueAt || live.dueAt > now) return;
    await repo.updateDeadline(tx, live.countyCode, live.id, {
      overdueAt: now,
      ...(live.warnedAt ? {} : { warnedAt: now }),
    });
    // A party's window (复查/复核 request, objection) simply lapses: nobody is late.
    // A body outside the install (the city) answering a 复查/复核 is late itself: recorded for the
    // district's clerk to chase, but no 督办 here, neither on the city nor on the district that follows it.
    const outside = externalPeriods.includes(live.basis) ? m.state.petition?.external : null;
    await recordEvent(tx, ctx, deps.clock, {
      countyCode: m.countyCode,
      action: window ? 'deadline.lapsed' : 'deadline.overdue',
      objectType: 'matter',
      objectId: m.id,
      after: {
        basis: live.basis,
        dueAt: live.dueAt.toISOString(),
        orgId: live.orgId,
        ...(outside ? { externalBody: outside.name } : {}),
      },
    });
    if (window) return;
    report.overdue++;
    if (outside) return;
    const ids = pathIds(m.ownerPath);
    const above = ids.length > 1 ? ids[ids.length - 2]! : ids[0]!;
    await issueSupervision(tx, deps, ctx, m, {
      reason: intakeBases.includes(live.basis) ? 'not_accepted_when_due' : 'overdue',
      note: `${live.label}已于${live.dueAt.toISOString().slice(0, 10)}届满（${live.citation}）`,
      issuedByOrgId: above,
      issuedByUserId: null,
      deadlineId: live.id,
    });
    await repo.updateDeadline(tx, live.countyCode, live.id, { supervisedAt: now });
    report.supervised++;
    // 小事不出村, but not forever: a village that lets the handling period run out hands the matter up.
    if (
      live.basis === 'LOCAL-VILLAGE' &&
      m.ownerLevel === 'village' &&
      m.status === 'handling' &&
      ids.length >= 3
    ) {
      const town = await getOrgRow(deps, ids[ids.length - 2]!, tx);
      if (town) {
        const command = {
          action: 'transfer',
          transferKind: 'escalate_up',
          to: orgRefOf(town),
          reason: '村（社区）办理期限届满，自动上提至镇（街道）',
        } as MatterCommand;
        try {
          await applyDecision(deps, ctx, tx, m, command, { type: 'system', job: 'deadline-sweep' }, null);
          report.escalated++;
        } catch (err) {
          // The lifecycle said no (e.g. a co-handler still working): supervision alone stands.
          if (!(err instanceof AppError)) throw err;
        }
      }
    }
  });
}
