/**
 * Generating a document that names people is a read of personal data (docs/SECURITY.md): it is recorded,
 * with what was printed, in its own transaction.
 */
import type { Deps, RequestCtx } from '../../context';
import { recordEvent } from '../events/events.service';

export async function recordPrint(
  deps: Deps,
  ctx: RequestCtx,
  m: { countyCode: string; id: string },
  what: { document: string; objectId: string },
) {
  await deps.database.transaction((tx) =>
    recordEvent(tx, ctx, deps.clock, {
      countyCode: m.countyCode,
      action: 'document.generated',
      objectType: 'matter',
      objectId: m.id,
      after: what,
    }),
  );
  deps.kickSealer();
}
