/**
 * npm run restore -- --from ./backups/zongzhi-… [--force] — puts a backup back into the configured
 * database and attachment directory, then verifies row counts, chain heads, the event chain and the
 * attachments' hashes against the backup's manifest. Exit code 0 when verified, 2 when not, 1 when
 * nothing was restored. --verify-only checks the configured database against the backup instead.
 */
import { readManifest, restore, verifyRestore } from '../server/src/backup/restore';
import { loadConfig } from '../server/src/config';
import { arg, fail } from './cli';

const from = arg('from') ?? fail('用法：npm run restore -- --from <备份目录> [--force] [--verify-only]');
const config = loadConfig();
try {
  const r = process.argv.includes('--verify-only')
    ? await verifyRestore(config, await readManifest(from))
    : await restore(config, from, { now: new Date(), force: process.argv.includes('--force') });
  if (r.ok) {
    console.log(
      `恢复已核验：${r.tables} 张表 ${r.rows} 行与备份一致，事件链完好（${r.chain.checked} 条），附件文件 ${r.files} 个。`,
    );
  } else {
    console.error(`恢复后的核验不通过：\n  ${r.problems.join('\n  ')}`);
    process.exitCode = 2;
  }
} catch (e) {
  console.error(`恢复失败：${(e as Error).message}`);
  process.exitCode = 1;
}
