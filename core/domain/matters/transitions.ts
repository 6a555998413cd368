/**
 * The transition table of the matter lifecycle (docs/CONVENTIONS.md 4): the server enforces it
 * through `decide` and the web shows only what `allowedActions` returns. One row per action; the rows
 * live in files by flow (routing, parallel handling, petition, mediation, closing) and meet here.
 */
import type { MatterKind, MatterStatus } from './model';
import type { TransitionTable } from './table-types';
import { closingRows } from './transitions-closing';
import { intakeRows } from './transitions-intake';
import { mediationRows } from './transitions-mediation';
import { parallelRows } from './transitions-parallel';
import { petitionRows } from './transitions-petition';
import { routingRows } from './transitions-routing';

export const transitionTable: TransitionTable = {
  ...intakeRows,
  ...routingRows,
  ...parallelRows,
  ...petitionRows,
  ...mediationRows,
  ...closingRows,
};

/** Whether the row lists this kind and this status (the 409 check, before roles and guards). */
export function appliesTo(
  row: { kinds: readonly MatterKind[] | 'all'; from: readonly MatterStatus[] },
  kind: MatterKind,
  status: MatterStatus,
): boolean {
  return (row.kinds === 'all' || row.kinds.includes(kind)) && row.from.includes(status);
}
