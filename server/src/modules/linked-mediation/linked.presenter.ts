import type { PoliceReferral } from '../../../../core/contracts/linked-mediation';
import { maskIdentityInText } from '../../../../core/domain/masking';
import { type MatterStatus, matterStatusLabels } from '../../../../core/domain/matters/model';
import { type LinkedOutcome, linkedOutcomeLabels } from '../../../../core/domain/mediation/linked-routes';
import type { LinkedRow } from './linked.repo';

/** One handoff on the 派出所's record; a title that names the parties shows them masked. */
export function presentReferral(
  r: { link: LinkedRow; code: string; title: string; status: string; committeeName: string },
  partyNames: readonly string[],
): PoliceReferral {
  const outcome = (r.link.outcome as LinkedOutcome | null) ?? null;
  return {
    matterId: r.link.matterId,
    matterCode: r.code,
    title: maskIdentityInText(r.title, partyNames),
    policeRecordNo: r.link.policeRecordNo ?? '',
    committee: { id: r.link.orgId, name: r.committeeName },
    status: r.status,
    statusLabel: matterStatusLabels[r.status as MatterStatus] ?? r.status,
    outcome,
    outcomeLabel: outcome ? linkedOutcomeLabels[outcome] : null,
    outcomeAt: r.link.outcomeAt?.toISOString() ?? null,
    handedAt: r.link.createdAt.toISOString(),
  };
}
