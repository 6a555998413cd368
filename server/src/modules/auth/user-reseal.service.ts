/**
 * The start-up re-seal of staff accounts' authenticator secrets and phone numbers (docs/SECURITY.md
 * G9, G31): values stored in clear (before they were sealed) or under a key being rotated out are
 * rewritten under the current key before the server takes requests, like the parties' identity
 * (matters/pii-reseal.service.ts). Then the table is compacted, so the clear values' old row versions
 * leave the data files, and the database's checks that every stored one is sealed (migration 0027)
 * are validated.
 */
import type { Deps } from '../../context';
import { pgErrorCode } from '../../db/errors';
import { piiCipher } from '../../pii/pii-cipher';
import * as repo from './auth.repo';

const BATCH = 200;

export async function resealUserSecrets(deps: Pick<Deps, 'database' | 'config'>): Promise<number> {
  const cipher = piiCipher(deps.config);
  let done = 0;
  for (;;) {
    const batch = await repo.usersToResealTotp(deps.database.db, cipher, BATCH);
    if (!batch.length) break;
    await deps.database.transaction(async (tx) => {
      for (const row of batch) await repo.resealTotp(tx, cipher, row);
    });
    done += batch.length;
  }
  if (done > 0) {
    try {
      await repo.compactAndValidateUsers(deps.database.db);
    } catch (e) {
      // As the application role (it owns no table) compacting and validating are the owner's to do.
      if (pgErrorCode(e) !== '42501') throw e;
      process.emitWarning(
        '账号的身份验证器密钥和电话已加密，但压缩表和启用数据库校验需要所有者角色：请以所有者角色执行 VACUUM FULL users 并验证约束（docs/DEPLOY.md）。',
      );
    }
  }
  return done;
}
