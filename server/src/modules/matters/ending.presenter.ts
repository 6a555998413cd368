/**
 * A petition's ending other than by an opinion (core/domain/matters/ending.ts), with the document that
 * ends it found among what is on file: the 信访事项撤回确认书 served, or the agreement in effect. The
 * matter page and the tracking page show the same.
 */
import type { PetitionEndingView } from '../../../../core/contracts/matters';
import { petitionEndingOf } from '../../../../core/domain/matters/ending';
import type { MatterState } from '../../../../core/domain/matters/model';

export function endingView(
  s: MatterState,
  notices: readonly { id: string; kind: string; servedAt: Date }[],
  agreements: readonly { id: string; effectiveAt: Date }[],
): PetitionEndingView | null {
  const e = petitionEndingOf(s);
  if (!e) return null;
  const latest = <T extends { id: string }>(xs: readonly T[], at: (x: T) => Date) =>
    [...xs].sort((a, b) => at(b).getTime() - at(a).getTime())[0]?.id ?? null;
  const documentId =
    e.documentKind === 'notice'
      ? latest(
          notices.filter((n) => n.kind === 'withdrawal'),
          (n) => n.servedAt,
        )
      : latest(agreements, (a) => a.effectiveAt);
  return { ...e, documentId };
}
