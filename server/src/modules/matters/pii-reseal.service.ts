/**
 * The start-up re-seal (docs/SECURITY.md G31, docs/DEPLOY.md "Identity encryption key"): parties whose
 * ID or phone number is still plaintext (written before encryption) or sealed with a previous key are
 * rewritten under the current key. It runs before the server takes requests, in batches, and does
 * nothing once everything is current. After rewriting it compacts the table, so the plaintext's old
 * row versions leave the data files, and validates the database's own check that nothing unsealed
 * is stored.
 */
import type { Deps } from '../../context';
import { piiCipher } from '../../pii/pii-cipher';
import * as repo from './matters.repo';

const BATCH = 500;

export async function resealParties(deps: Pick<Deps, 'database' | 'config'>): Promise<number> {
  const cipher = piiCipher(deps.config);
  let done = 0;
  for (;;) {
    const batch = await repo.partiesToReseal(deps.database.db, cipher, BATCH);
    if (!batch.length) break;
    await deps.database.transaction(async (tx) => {
      for (const row of batch) await repo.resealParty(tx, cipher, row);
    });
    done += batch.length;
  }
  if (done > 0) {
    await repo.compactAndValidateParties(deps.database.db);
  }
  return done;
}
