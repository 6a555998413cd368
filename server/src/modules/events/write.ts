/**
 * The one way a service writes (issue 19): open the transaction, record each event in it through the
 * writer, and kick the event sealer once after the commit. Services used to repeat the three steps by
 * hand (73 transactions, 64 kickSealer() calls), and a forgotten kick left events unsealed until the
 * sealer's next round. A rollback kicks nothing.
 */
import type { Deps, RequestCtx } from '../../context';
import type { Tx } from '../../db/client';
import type * as repo from './events.repo';
import { type EventInput, recordEvent } from './events.service';

export interface Writer {
  tx: Tx;
  /** Appends an event in this transaction (docs/CONVENTIONS.md: every state change has one). */
  event(input: EventInput): Promise<repo.EventRow>;
}

export async function write<T>(deps: Deps, ctx: RequestCtx, fn: (w: Writer) => Promise<T>): Promise<T> {
  const out = await deps.database.transaction((tx) =>
    fn({ tx, event: (input) => recordEvent(tx, ctx, deps.clock, input) }),
  );
  deps.kickSealer();
  return out;
}
