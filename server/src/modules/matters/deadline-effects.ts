/**
 * Turns the lifecycle's clock changes into deadline rows, in the caller's transaction: a started
 * clock gets its due instant from the county's working-day calendar and policies (counted through a
 * year without an official holiday arrangement, it is provisional and says so); a stopped clock is
 * marked met or missed; pauses and extensions move the due instant.
 */
import { randomUUID } from 'node:crypto';
import { ruleForClock } from '../../../../core/domain/clock-rules';
import { type Clock, clockKey } from '../../../../core/domain/matters/clocks';
import type { Level } from '../../../../core/domain/orgs';
import {
  computeDue,
  type DeadlineRule,
  type WorkCalendar,
  warningAt,
} from '../../../../core/domain/time-limits';
import type { Executor } from '../../db/client';
import { countyPolicies, type Policies } from '../config/policies.service';
import * as repo from './matters.repo';

export interface ClockChanges {
  start: Clock[];
  stop: Clock[];
  moved: Clock[];
  pause: Clock[];
  resume: Clock[];
  extend: { clock: Clock; days: number } | null;
}

/**
 * Extensions are granted in days (XF art. 34: "延长不得超过30日"; mediation by the parties' consent):
 * calendar days after the period, or working days for a period counted in working days, never more
 * units of a month-long rule.
 */
function extensionOf(rule: DeadlineRule, days: number) {
  if (days <= 0) return [];
  if (rule.unit === 'hour') return [{ amount: days * 24, unit: 'hour' as const }];
  return [
    {
      amount: days,
      unit: rule.unit === 'working_day' ? ('working_day' as const) : ('calendar_day' as const),
    },
  ];
}

export function dueOf(
  rule: DeadlineRule,
  cal: WorkCalendar,
  startedAt: Date,
  pauses: { from: string; to: string | null }[],
  now: Date,
  extendedDays = 0,
) {
  return computeDue(rule, startedAt, cal, {
    pauses: pauses.map((p) => ({ from: new Date(p.from), to: p.to ? new Date(p.to) : null })),
    extensions: extensionOf(rule, extendedDays),
    asOf: now,
  });
}

export async function applyClockChanges(
  ex: Executor,
  /** `fresh`: the matter is being registered in this transaction, so it has no deadlines yet. */
  m: { countyCode: string; matterId: string; level: Level; fresh?: boolean },
  changes: ClockChanges,
  now: Date,
  /** `startedAt`: when the started clocks count from, if not now (a receipt date before registration). */
  counting: { calendar: WorkCalendar; policies?: Policies; startedAt?: Date },
): Promise<repo.DeadlineRow[]> {
  const cal = counting.calendar;
  const policies = counting.policies ?? (await countyPolicies(ex, m.countyCode));
  const live = m.fresh ? [] : await repo.liveDeadlines(ex, m.countyCode, m.matterId);
  const byKey = new Map(live.map((d) => [d.clockKey, d]));
  for (const c of changes.stop) {
    const d = byKey.get(clockKey(c));
    if (!d) continue;
    const missed = d.dueAt !== null && now.getTime() > d.dueAt.getTime();
    await repo.updateDeadline(ex, d.countyCode, d.id, { status: missed ? 'missed' : 'met', stoppedAt: now });
    byKey.delete(clockKey(c));
  }
  for (const c of changes.moved) {
    const d = byKey.get(clockKey(c));
    if (d) await repo.updateDeadline(ex, d.countyCode, d.id, { orgId: c.orgId });
  }
  const from = counting.startedAt ?? now;
  const rows = changes.start.map((c) => {
    const rule = ruleForClock(c.basis, policies);
    const due = dueOf(rule, cal, from, [], now);
    return {
      countyCode: m.countyCode,
      id: randomUUID(),
      matterId: m.matterId,
      clockKey: clockKey(c),
      basis: c.basis,
      orgId: c.orgId,
      label: rule.label,
      citation: rule.citation,
      startedAt: from,
      dueAt: due.dueAt,
      warnAt: warningAt(from, due.dueAt, policies.local.warningFraction.value),
      explanation: due.explanation,
      provisionalYears: due.provisionalYears,
      rule,
      status: 'running',
      createdAt: now,
    };
  });
  const started = await repo.insertDeadlines(ex, rows);
  for (const r of rows)
    byKey.set(r.clockKey, {
      ...r,
      pausedAt: null,
      pauses: [],
      extendedBy: 0,
      stoppedAt: null,
      warnedAt: null,
      overdueAt: null,
      supervisedAt: null,
    });

  for (const c of changes.pause) {
    const d = byKey.get(clockKey(c));
    if (!d || d.status === 'paused') continue;
    await repo.updateDeadline(ex, d.countyCode, d.id, {
      status: 'paused',
      pausedAt: now,
      dueAt: null,
      pauses: [...d.pauses, { from: now.toISOString(), to: null }],
    });
  }
  for (const c of changes.resume) {
    const d = byKey.get(clockKey(c));
    if (d?.status !== 'paused') continue;
    const pauses = d.pauses.map((p) => (p.to === null ? { ...p, to: now.toISOString() } : p));
    const base = d.rule ?? ruleForClock(c.basis, policies);
    const due = dueOf(base, cal, d.startedAt, pauses, now, d.extendedBy);
    await repo.updateDeadline(ex, d.countyCode, d.id, {
      status: 'running',
      pausedAt: null,
      pauses,
      dueAt: due.dueAt,
      warnAt: warningAt(d.startedAt, due.dueAt, policies.local.warningFraction.value),
      explanation: due.explanation,
      provisionalYears: due.provisionalYears,
      warnedAt: null,
    });
  }
  if (changes.extend) {
    const d = byKey.get(clockKey(changes.extend.clock));
    if (d) {
      const base = d.rule ?? ruleForClock(changes.extend.clock.basis, policies);
      const extendedBy = d.extendedBy + changes.extend.days;
      const due = dueOf(base, cal, d.startedAt, d.pauses, now, extendedBy);
      await repo.updateDeadline(ex, d.countyCode, d.id, {
        extendedBy,
        dueAt: due.dueAt,
        warnAt: warningAt(d.startedAt, due.dueAt, policies.local.warningFraction.value),
        explanation: due.explanation,
        provisionalYears: due.provisionalYears,
        warnedAt: null,
        overdueAt: null,
      });
    }
  }
  // The clocks it started, as written (for a new matter, all of its clocks).
  return started;
}
