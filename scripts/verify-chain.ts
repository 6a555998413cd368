/**
 * npm run verify:chain — seals what is ready, then walks every county's hash chain of the event log
 * and names the first broken row. Exit code 0 when intact, 2 when broken.
 */
import { sealAll, verifyChain } from '../server/src/modules/events/events.service';
import { openForScript } from './cli';

const booted = await openForScript();
try {
  await sealAll(booted.database, booted.deps.clock);
  const r = await verifyChain(booted.database);
  if (r.ok) {
    console.log(`哈希链完好：校验 ${r.checked} 条事件，未封存 ${r.unsealed} 条。`);
  } else {
    const b = r.firstBroken!;
    console.error(
      `哈希链断裂：县 ${b.countyCode} 链序号 ${b.chainNo}，事件 ${b.eventId}：${b.problem}（此前 ${r.checked} 条完好）`,
    );
    process.exitCode = 2;
  }
} finally {
  await booted.close();
}
