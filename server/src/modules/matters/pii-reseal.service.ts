/**
 * The start-up re-seal (docs/SECURITY.md G31, docs/DEPLOY.md "Identity encryption key"): parties whose
 * ID or phone number is still plaintext (written before encryption) or sealed with a previous key are
 * rewritten under the current key. It runs before the server takes requests, in batches, and does
 * nothing once everything is current. After rewriting it compacts the table, so the plaintext's old
 * row versions leave the data files, and validates the database's own check that nothing unsealed
 * is stored.
 */
import type { Deps } from '../../context';
import { pgErrorCode } from '../../db/errors';
import { piiCipher } from '../../pii/pii-cipher';
import { countyCodes } from '../counties/counties.service';
import * as repo from './matters.repo';

const BATCH = 500;

export async function resealParties(deps: Pick<Deps, 'database' | 'config'>): Promise<number> {
  const cipher = piiCipher(deps.config);
  let done = 0;
  // County by county (a reference table lists them): each statement goes to one county's shard.
  for (const county of await countyCodes(deps)) {
    for (;;) {
      const batch = await repo.partiesToReseal(deps.database.db, county, cipher, BATCH);
      if (!batch.length) break;
      await deps.database.transaction(async (tx) => {
        for (const row of batch) await repo.resealParty(tx, cipher, row);
      });
      done += batch.length;
    }
  }
  if (done > 0) {
    try {
      await repo.compactAndValidateParties(deps.database.db);
    } catch (e) {
      // Run as the application role (docs/DEPLOY.md: it owns no table), compacting and validating are
      // the owner's: the rows are sealed all the same, and the checks stay NOT VALID until then.
      if (pgErrorCode(e) !== '42501') throw e;
      process.emitWarning(
        '当事人身份信息已加密，但压缩表和启用数据库校验需要所有者角色：请以所有者角色执行 VACUUM FULL matter_parties 并验证约束（docs/DEPLOY.md）。',
      );
    }
  }
  return done;
}
