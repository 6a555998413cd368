/**
 * Our lifecycle seen through Open311. GeoReport v2 knows only `open` and `closed`, which says nothing
 * about mediation or a review; mySociety's extended statuses (perllib/Open311.pm) carry more, and our
 * own status code travels beside them as `external_status_code` so nothing is lost.
 *
 * "closed" means handling is over for the resident: answered, or ended without handling (not accepted,
 * channelled, void, merged). A review or re-examination reopens the request (REOPEN).
 */
import { type MatterStatus, matterStatuses } from '../matters/model';

export const extendedStatuses = [
  'OPEN',
  'INVESTIGATING',
  'IN_PROGRESS',
  'ACTION_SCHEDULED',
  'FIXED',
  'CLOSED',
  'DUPLICATE',
  'NOT_COUNCILS_RESPONSIBILITY',
  'NO_FURTHER_ACTION',
  'INTERNAL_REFERRAL',
  'FOR_TRIAGE',
  'CANCELLED',
  'REOPEN',
] as const;
export type ExtendedStatus = (typeof extendedStatuses)[number];

export interface Open311Status {
  status: 'open' | 'closed';
  extended: ExtendedStatus;
}

export const open311Statuses: Record<MatterStatus, Open311Status> = {
  registered: { status: 'open', extended: 'FOR_TRIAGE' },
  filed: { status: 'open', extended: 'ACTION_SCHEDULED' },
  transferring: { status: 'open', extended: 'INTERNAL_REFERRAL' },
  objected: { status: 'open', extended: 'INTERNAL_REFERRAL' },
  handling: { status: 'open', extended: 'IN_PROGRESS' },
  mediating: { status: 'open', extended: 'IN_PROGRESS' },
  checking: { status: 'open', extended: 'INVESTIGATING' },
  answered: { status: 'closed', extended: 'FIXED' },
  rated: { status: 'closed', extended: 'FIXED' },
  followed_up: { status: 'closed', extended: 'CLOSED' },
  reviewing: { status: 'open', extended: 'REOPEN' },
  reexamining: { status: 'open', extended: 'REOPEN' },
  referred_to_court: { status: 'closed', extended: 'NOT_COUNCILS_RESPONSIBILITY' },
  not_accepted: { status: 'closed', extended: 'NO_FURTHER_ACTION' },
  channelled: { status: 'closed', extended: 'NOT_COUNCILS_RESPONSIBILITY' },
  mediated: { status: 'closed', extended: 'FIXED' },
  withdrawn: { status: 'closed', extended: 'NO_FURTHER_ACTION' },
  voided: { status: 'closed', extended: 'CANCELLED' },
  merged: { status: 'closed', extended: 'DUPLICATE' },
  archived: { status: 'closed', extended: 'CLOSED' },
};

export function open311StatusOf(status: string): Open311Status {
  return open311Statuses[status as MatterStatus] ?? { status: 'open', extended: 'OPEN' };
}

/** The lifecycle statuses a `status=open|closed` filter stands for. */
export function matterStatusesFor(wanted: readonly ('open' | 'closed')[]): MatterStatus[] {
  return matterStatuses.filter((s) => wanted.includes(open311Statuses[s].status));
}

/** ISO 8601 in China Standard Time with its designator, as the spec wants (`2026-03-02T09:05:00+08:00`). */
export function open311DateTime(at: Date): string {
  const local = new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 19);
  return `${local}+08:00`;
}
