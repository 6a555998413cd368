/**
 * npm run generate -- --matters N --years Y [--anomalies] [--seed S] [--county CODE] [--truth FILE]
 * Fills the configured database (DATABASE_URL, or the PGlite data directory) with generated matters
 * over the imported county, then prints rows per second. With --anomalies the ground truth of the
 * injected anomalies is written to FILE (default data/generated/anomalies.json).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { all as allCounties } from '../server/src/modules/counties/counties.repo';
import { generateMatters } from '../server/src/modules/demo/generator/generate.service';
import { piiCipher } from '../server/src/pii/pii-cipher';
import { arg, fail, openForScript, scriptCtx } from './cli';

const matters = Number(arg('matters') ?? 10_000);
const years = Number(arg('years') ?? 2);
if (!Number.isInteger(matters) || matters < 1) fail('--matters 须为正整数。');
if (!(years > 0 && years <= 20)) fail('--years 须在 0 到 20 之间。');
const anomalies = process.argv.includes('--anomalies');
const seed = Number(arg('seed') ?? 20260302);

const booted = await openForScript();
try {
  const counties = await allCounties(booted.database.db);
  const countyCode = arg('county') ?? (counties.length === 1 ? counties[0]!.code : undefined);
  if (!countyCode)
    fail(`请用 --county 指定县（区）代码：${counties.map((c) => c.code).join(', ') || '（尚未导入）'}`);
  let last = 0;
  const out = await generateMatters(booted.deps, scriptCtx('generate'), {
    countyCode,
    matters,
    years,
    anomalies,
    seed,
    asOf: booted.deps.clock.now(),
    piiKey: booted.deps.config.piiHashKey,
    cipher: piiCipher(booted.deps.config),
    onProgress: (done, total) => {
      if (done - last >= total / 20 || done === total) {
        last = done;
        console.error(`generate: ${done}/${total}`);
      }
    },
  });
  console.log(
    `generated ${out.matters} matters, ${out.rows} rows in ${out.seconds.toFixed(1)} s: ${Math.round(out.rowsPerSecond)} rows/s (${booted.database.kind})`,
  );
  if (anomalies) {
    const file = path.resolve(arg('truth') ?? 'data/generated/anomalies.json');
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(out.truth, null, 2));
    console.log(`injected ${out.truth.length} anomalies: ${file}`);
  }
} finally {
  await booted.close();
}
