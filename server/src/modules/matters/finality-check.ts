/**
 * Before a petition is accepted or refused: is the same person's petition in progress (信访工作条例
 * art. 19(3): not accepted twice; same category), or did one of his petitions end in 复核 (art. 36(3))? For the final ones
 * the facts decide, not the category: they are ranked by similarity, the closest goes to the lifecycle,
 * and the list is shown to the clerk with the refusal that asks him to compare.
 */
import type { MatterCommand } from '../../../../core/domain/matters/commands';
import {
  factsOf,
  factsSimilarity,
  type RankedFinal,
  rankFinal,
} from '../../../../core/domain/matters/finality';
import type { Actor, Deps } from '../../context';
import * as repo from './matters.repo';
import { canSeeMatter } from './visibility';

export interface FinalMatchView {
  code: string;
  /** Only when the clerk may see that matter; the code and score say enough to ask the level above. */
  title: string | null;
  similarity: number;
  reasons: string[];
}

export async function withSameMatter(
  deps: Deps,
  actor: Actor,
  m: repo.MatterRow,
  command: MatterCommand,
): Promise<{ command: MatterCommand; finals: FinalMatchView[] }> {
  if ((command.action !== 'accept' && command.action !== 'refuse') || m.kind !== 'petition')
    return { command, finals: [] };
  const others = await repo.samePetitions(deps.database.db, m);
  const isFinal = (o: repo.MatterRow) => o.state.petition?.stage === 'final';
  const inProgress = others.find(
    (o) => !isFinal(o) && o.status !== 'archived' && o.categoryCode === m.categoryCode,
  );
  const finalRows = others.filter(isFinal);
  const ranked: RankedFinal[] = rankFinal(m, finalRows);
  const top = ranked[0];
  // Whichever reads closer decides: a petition in progress on other facts must not hide that this one
  // repeats a final one, nor the reverse.
  const progressAlike = inProgress ? factsSimilarity(factsOf(m), factsOf(inProgress)) : -1;
  const sameMatter =
    top && top.similarity >= progressAlike
      ? { code: top.code, final: true, similarity: top.similarity }
      : inProgress
        ? { code: inProgress.code, final: false }
        : undefined;
  const finals = ranked.slice(0, 5).map((r) => {
    const row = finalRows.find((o) => o.id === r.id);
    return {
      code: r.code,
      title: row && canSeeMatter(actor, row) ? row.title : null,
      similarity: r.similarity,
      reasons: r.reasons,
    };
  });
  return { command: sameMatter ? ({ ...command, sameMatter } as MatterCommand) : command, finals };
}
