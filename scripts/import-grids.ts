/**
 * npm run import:grids -- --county 620602 --file grids.geojson
 * Replaces a county's grids with a real grid GeoJSON (features with properties code, villageCode,
 * name). Any invalid or overlapping polygon, polygon outside the county or unknown village rejects
 * the whole file with a message per feature; nothing is imported then.
 */
import { readFileSync } from 'node:fs';
import type { Problem } from '../core/domain/geo/validate-grids';
import { AppError } from '../core/errors';
import { importGrids } from '../server/src/modules/grids/grid-import.service';
import { arg, fail, openForScript, scriptCtx } from './cli';

const county =
  arg('county') ?? fail('用法：npm run import:grids -- --county <6 位县级代码> --file <网格 GeoJSON>');
const file = arg('file') ?? fail('缺少 --file');
let input: unknown;
try {
  input = JSON.parse(readFileSync(file, 'utf8'));
} catch (e) {
  fail(`无法读取 ${file}：${String(e)}`);
}
const booted = await openForScript();
let code = 0;
try {
  const r = await importGrids(booted.deps, scriptCtx('import-grids'), county, input, { generated: false });
  console.log(`已导入 ${r.imported} 个网格。`);
  for (const w of r.warnings) console.log(`提示：${w.message}`);
} catch (e) {
  if (!(e instanceof AppError)) throw e;
  console.error(`${e.code}: ${e.userMessage}`);
  const problems = (e.details as { problems?: Problem[] } | undefined)?.problems ?? [];
  for (const p of problems) console.error(`  [${p.code}] ${p.message}`);
  code = 1;
} finally {
  await booted.close();
}
process.exit(code);
