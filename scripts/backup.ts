/**
 * npm run backup -- [--out ./backups] [--force] — the database (PGlite data directory or pg_dump -Fc)
 * and the attachments, with a manifest of row counts, chain heads and file hashes (docs/DEPLOY.md).
 */
import { backup } from '../server/src/backup/backup';
import { loadConfig } from '../server/src/config';
import { arg } from './cli';

const config = loadConfig();
try {
  const { dir, manifest } = await backup(config, arg('out') ?? './backups', {
    now: new Date(),
    force: process.argv.includes('--force'),
  });
  const rows = Object.values(manifest.counts).reduce((a, b) => a + b, 0);
  const events = manifest.chains.reduce((a, c) => a + c.chainNo, 0);
  console.log(
    `备份完成：${dir}\n  ${Object.keys(manifest.counts).length} 张表 ${rows} 行，已封存事件 ${events} 条，附件文件 ${manifest.files.length} 个。`,
  );
} catch (e) {
  console.error(`备份失败：${(e as Error).message}`);
  process.exitCode = 1;
}
