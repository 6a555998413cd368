/**
 * Invariants every reachable matter state keeps. The property test walks random action sequences and
 * checks them after each step; the server's tests can use them on rows read back from the database.
 */
import { clocksOf, isWindow } from './clocks';
import { isTerminal, type MatterState } from './model';

/** Human-readable violations; empty when the state is sound. */
export function invariantViolations(s: MatterState): string[] {
  const out: string[] = [];
  // 首问负责: never ownerless.
  if (!s.owner?.id) out.push('matter has no owner');
  // 工作零死角: every live matter has a running duty deadline (a party's window alone is not enough).
  if (!isTerminal(s.status) && !clocksOf(s).some((c) => !isWindow(c.basis)))
    out.push('live matter without a deadline');
  if (isTerminal(s.status) && clocksOf(s).length > 0) out.push('terminal matter with deadlines');
  const pending = s.transfer !== null && !s.transfer.received;
  if ((s.status === 'transferring') !== pending) out.push('transferring and pending transfer disagree');
  if ((s.status === 'mediating') !== (s.mediation !== null))
    out.push('mediating and mediation data disagree');
  if ((s.kind === 'petition') !== (s.petition !== null))
    out.push('petition data on a non-petition or missing');
  if ((s.status === 'archived') !== (s.archiveNo !== null)) out.push('archive number and status disagree');
  if (s.reworkCount < 0 || !Number.isInteger(s.reworkCount)) out.push('bad rework count');
  if (s.coHandlers.some((c) => c.org.id === s.owner.id && c.status === 'working'))
    out.push('owner is its own co-handler');
  return out;
}
