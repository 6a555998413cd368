import type { RosterEntry } from '../../../../core/contracts/workforce';
import { maskPhone } from '../../../../core/domain/masking';
import type { WorkerStatus } from '../../../../core/domain/workforce/status';
import type { WorkerRow } from './workforce.repo';

export function statusOf(w: WorkerRow): WorkerStatus {
  return (w.status as WorkerStatus | null) ?? 'active';
}

/** A roster line: the contact masked like every identity (docs/SECURITY.md G4). */
export function toRosterEntry(
  w: WorkerRow,
  grids: { id: string; code: string; name: string }[],
  openFollowUps: number,
  handedToName: string | null,
): RosterEntry {
  return {
    userId: w.userId,
    displayName: w.displayName,
    phone: maskPhone(w.phone),
    org: { id: w.orgId, name: w.orgName },
    status: statusOf(w),
    since: w.since ? w.since.toISOString() : null,
    reason: w.reason,
    handedTo: w.handedTo && handedToName ? { id: w.handedTo, name: handedToName } : null,
    grids,
    openFollowUps,
  };
}
