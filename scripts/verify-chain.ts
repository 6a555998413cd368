/**
 * npm run verify:chain — seals what is ready, then walks every county's hash chain of the event log
 * and holds it to the signed checkpoints in CHECKPOINT_DIR (docs/SECURITY.md G12): names the first
 * broken row, a truncated tail or a rewritten chain. Exit code 0 when intact, 2 when broken.
 */
import { readCheckpoints } from '../server/src/modules/events/checkpoints';
import { sealAll, verifyChain } from '../server/src/modules/events/events.service';
import { openForScript } from './cli';

const booted = await openForScript();
try {
  await sealAll(booted.database, booted.deps.clock);
  const checkpoints = await readCheckpoints(booted.deps.config.checkpoints);
  const r = await verifyChain(booted.database, undefined, checkpoints);
  if (r.ok) {
    const newest = checkpoints.valid
      .map((c) => c.at)
      .sort()
      .at(-1);
    console.log(
      `哈希链完好：校验 ${r.checked} 条事件，未封存 ${r.unsealed} 条；与 ${checkpoints.valid.length} 个签名检查点相符${newest ? `（最新 ${newest}）` : '（目录中没有检查点）'}。`,
    );
  } else {
    const b = r.firstBroken!;
    console.error(
      `哈希链断裂：县 ${b.countyCode} 链序号 ${b.chainNo}${b.eventId ? `，事件 ${b.eventId}` : ''}：${b.problem}（此前 ${r.checked} 条完好）`,
    );
    process.exitCode = 2;
  }
} finally {
  await booted.close();
}
