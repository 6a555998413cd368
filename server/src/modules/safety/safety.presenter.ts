/** Shapes rosters and shifts; the outcomes offered come from the core table for a viewer on the unit. */
import type { RosterView, ShiftView } from '../../../../core/contracts/safety';
import { maskIdentityInText } from '../../../../core/domain/masking';
import {
  allowedShiftOutcomes,
  type RosterPeriod,
  rosterPeriodLabels,
  type ShiftStatus,
  shiftStatuses,
  shiftStatusLabels,
} from '../../../../core/domain/safety/patrol-shift';
import { canSee } from '../../authz';
import type { Actor } from '../../context';
import { toOrgRef } from '../orgs/orgs.presenter';
import type { OrgRow } from '../orgs/orgs.service';
import type { RosterRow, ShiftRow } from './safety.repo';

const unknownOrg = (id: string) => ({
  id,
  name: '（已删除的单位）',
  kind: 'unit',
  level: 'town',
  divisionCode: null,
});

/** Only the unit on the shift (or one above it) reports it; the roster's town sees it. */
export function isOnShift(actor: Actor, s: ShiftRow): boolean {
  return canSee(actor, s.countyCode, s.unitPath);
}

export function toShiftView(
  s: ShiftRow,
  roster: RosterRow | undefined,
  orgs: Map<string, OrgRow>,
  actor: Actor,
  now: Date,
): ShiftView {
  const ref = (id: string) => toOrgRef(orgs.get(id) ?? unknownOrg(id));
  const status = s.status as ShiftStatus;
  return {
    id: s.id,
    rosterId: s.rosterId,
    rosterTitle: roster?.title ?? '',
    rosterOrg: ref(s.rosterOrgId),
    date: s.shiftDate,
    startsAt: s.startsAt.toISOString(),
    endsAt: s.endsAt.toISOString(),
    villages: s.villageIds.map(ref),
    route: s.route,
    unit: ref(s.unitOrgId),
    // Volunteers are named by the town for the roster; names are not masked (they are staff of the
    // patrol, not parties), but an ID or phone typed into one is.
    members: s.members.map((m) => maskIdentityInText(m)),
    status,
    statusLabel: shiftStatusLabels[status],
    note: s.note === null ? null : maskIdentityInText(s.note),
    reportedAt: s.reportedAt?.toISOString() ?? null,
    allowedOutcomes: isOnShift(actor, s)
      ? allowedShiftOutcomes(s as { status: ShiftStatus; startsAt: Date }, now)
      : [],
  };
}

export function countsOf(shifts: ShiftRow[]): Record<ShiftStatus, number> {
  const c = Object.fromEntries(shiftStatuses.map((s) => [s, 0])) as Record<ShiftStatus, number>;
  for (const s of shifts) c[s.status as ShiftStatus]++;
  return c;
}

export function toRosterSummary(
  r: RosterRow,
  orgs: Map<string, OrgRow>,
  shifts: ShiftRow[],
  jointTask: { id: string; title: string } | null,
): Omit<RosterView, 'shifts'> {
  const period = r.period as RosterPeriod;
  return {
    id: r.id,
    org: toOrgRef(orgs.get(r.orgId) ?? unknownOrg(r.orgId)),
    title: r.title,
    period,
    periodLabel: rosterPeriodLabels[period],
    startDate: r.startDate,
    endDate: r.endDate,
    jointTask,
    counts: countsOf(shifts),
  };
}
