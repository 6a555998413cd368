/**
 * How a petition that ended other than by a written opinion is told, on the staff's matter page and
 * on the resident's tracking page alike, in words a resident knows (docs/LEGAL.md §1.31–1.32): what
 * happened, that handling is over, and which document ends it.
 */
import { type MatterState, type PetitionEnding, petitionEndingLabels } from './model';

export interface EndingWords {
  kind: PetitionEnding;
  label: string;
  /** One sentence for the resident, also shown to staff. */
  words: string;
  /** The document that ends it: the agreement in effect, or the 信访事项撤回确认书 served. */
  documentTitle: string;
  /** Where that document is: an effective agreement, or a served notice. */
  documentKind: 'agreement' | 'notice';
}

const endings: Record<PetitionEnding, Omit<EndingWords, 'kind' | 'label'>> = {
  mediation: {
    words:
      '经您同意调解，双方达成的调解协议已经生效，您反映的信访事项以调解方式化解，办理终结。协议的内容以调解协议书为准。',
    documentTitle: '人民调解协议书',
    documentKind: 'agreement',
  },
  withdrawal: {
    words:
      '您已撤回这件信访事项，办理机关已终止办理。撤回确认书可在下方下载；如有新的事实和理由，您仍可以另行反映。',
    documentTitle: '信访事项撤回确认书',
    documentKind: 'notice',
  },
};

/** The ending of a petition that ended by mediation or withdrawal (archived or not), else null. */
export function petitionEndingOf(s: MatterState): EndingWords | null {
  const kind = s.kind === 'petition' ? s.petition?.ending : null;
  if (!kind) return null;
  return { kind, label: petitionEndingLabels[kind], ...endings[kind] };
}
