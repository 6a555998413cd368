/**
 * What sealing identity costs at intake (docs/SECURITY.md G31). Two figures, each next to a baseline
 * measured in the same run:
 *
 * 1. The cryptography alone, per intake of one applicant with a phone and an ID number: sealing both
 *    (AES-256-GCM, a fresh nonce each) and opening both again for the detail the intake answers with,
 *    next to the keyed hashes (HMAC-SHA-256) intake already computed for the same two numbers; and
 *    the same for the name and address, sealed since too.
 * 2. Whole intakes through the app (app.inject on PGlite, file-backed, one clerk after another): with a
 *    phone, an ID number and an address (sealed, hashed, indexed, the check constraints evaluated),
 *    next to the same intake with only the name (sealed too, but nothing to hash).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import { buildApp } from '../server/src/app';
import { testConfig } from '../server/src/config';
import { type Deps, systemClock } from '../server/src/context';
import { openDatabase } from '../server/src/db/client';
import { migrate } from '../server/src/db/migrate';
import { loadDemoInput } from '../server/src/modules/demo/demo-data';
import { seedDemo } from '../server/src/modules/demo/demo-seed.service';
import { piiHash } from '../server/src/modules/matters/pii';
import { piiCipher } from '../server/src/pii/pii-cipher';
import type { BenchContext } from './run';

/** A valid GB 11643 ID number for n (the check digit computed). */
function idNumber(n: number): string {
  const body = `62060219900101${String(n % 1000).padStart(3, '0')}`;
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = w.reduce((acc, x, i) => acc + x * Number(body[i]), 0);
  return body + '10X98765432'[sum % 11];
}

function perOp(n: number, fn: (i: number) => void): number {
  for (let i = 0; i < Math.min(n, 1000); i++) fn(i);
  const t0 = performance.now();
  for (let i = 0; i < n; i++) fn(i);
  return ((performance.now() - t0) * 1000) / n;
}

export default async function run(ctx: BenchContext): Promise<string> {
  const config = testConfig();
  const cipher = piiCipher(config);
  const n = ctx.smoke ? 2_000 : 50_000;
  const sealOpen = perOp(n, (i) => {
    const phone = `139${String(10_000_000 + i).slice(-8)}`;
    const id = idNumber(i);
    cipher.open('phone', cipher.seal('phone', phone));
    cipher.open('id', cipher.seal('id', id));
  });
  const nameAddress = perOp(n, (i) => {
    cipher.open('name', cipher.seal('name', `王甲${i % 100}`));
    cipher.open('address', cipher.seal('address', `东岗镇杏花村${i % 9}组${i % 100}号`));
  });
  const hashes = perOp(n, (i) => {
    piiHash(config.piiHashKey, 'phone', `139${String(10_000_000 + i).slice(-8)}`);
    piiHash(config.piiHashKey, 'id', idNumber(i));
  });

  const seconds = ctx.smoke ? 2 : 10;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'zz-bench-identity-'));
  const rows: { label: string; rate: number; p50: number }[] = [];
  try {
    const database = await openDatabase({ pgliteDir: dir });
    try {
      await migrate(database);
      await seedDemo({ database, clock: systemClock, config, kickSealer: () => {} }, loadDemoInput());
      const deps: Deps = { database, clock: systemClock, config, kickSealer: () => {} };
      const app = await buildApp(deps);
      const login = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'village-clerk', password: config.demoPassword },
      });
      const headers = {
        cookie: login.cookies.map((c) => `${c.name}=${c.value}`).join('; '),
        'x-csrf-token': (login.json() as { csrfToken: string }).csrfToken,
      };
      const [village] = (
        (await database.db.execute(
          sql`select id from orgs where division_code = '620602001001'`,
        )) as unknown as { rows: { id: string }[] }
      ).rows;
      let seq = 0;
      const intake = async (withIdentity: boolean) => {
        const i = seq++;
        const res = await app.inject({
          method: 'POST',
          url: '/api/matters',
          headers,
          payload: {
            kind: 'dispute',
            channel: 'walk_in',
            categoryCode: 'MED-02',
            title: '邻里排水沟堵塞纠纷',
            description: '两户邻居因排水沟堵塞导致雨水倒灌，多次协商未果。',
            place: { villageId: village!.id },
            parties: [
              withIdentity
                ? {
                    role: 'applicant',
                    name: '王甲乙',
                    phone: `138${String(10_000_000 + i).slice(-8)}`,
                    idNumber: idNumber(i),
                    address: `东岗镇杏花村${i % 9}组${i % 100}号`,
                  }
                : { role: 'applicant', name: '王甲乙' },
            ],
          },
        });
        if (res.statusCode !== 201) throw new Error(`intake: ${res.statusCode} ${res.body.slice(0, 200)}`);
      };
      // Alternating rounds, so that a growing table weighs on both the same way.
      const lat = { with: [] as number[], without: [] as number[] };
      for (let k = 0; k < 20; k++) await intake(k % 2 === 0);
      const end = performance.now() + seconds * 1000;
      while (performance.now() < end) {
        for (const w of [true, false]) {
          const t0 = performance.now();
          await intake(w);
          (w ? lat.with : lat.without).push(performance.now() - t0);
        }
      }
      await app.close();
      const fig = (label: string, xs: number[]) => {
        const sorted = [...xs].sort((a, b) => a - b);
        const total = xs.reduce((a, b) => a + b, 0);
        rows.push({
          label,
          rate: (1000 * xs.length) / total,
          p50: sorted[Math.floor(sorted.length / 2)] ?? 0,
        });
      };
      fig('intake with only a name, sealed (baseline)', lat.without);
      fig('intake with a phone, an ID number and an address too, sealed', lat.with);
    } finally {
      await database.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const [base, sealed] = rows;
  return [
    '## Identity sealing: its cost at intake',
    '',
    '| operation, per intake of one applicant with phone and ID | µs |',
    '|---|---|',
    `| keyed hashes of both numbers (HMAC-SHA-256, baseline: intake already did this) | ${hashes.toFixed(1)} |`,
    `| seal both (AES-256-GCM) and open both again | ${sealOpen.toFixed(1)} |`,
    `| seal the name and address too and open them again | ${nameAddress.toFixed(1)} |`,
    '',
    '| PGlite, app.inject, one clerk, alternating | intakes/s | p50 ms |',
    '|---|---|---|',
    ...rows.map((r) => `| ${r.label} | ${r.rate.toFixed(1)} | ${r.p50.toFixed(1)} |`),
    '',
    `The cryptography adds ${(sealOpen + nameAddress).toFixed(1)} µs per intake, name and address included ` +
      `(${(((sealOpen + nameAddress) / 1000 / (sealed?.p50 || 1)) * 100).toFixed(2)}% of the median intake). ` +
      `The median whole intake with both numbers and an address differs by ${(((sealed?.p50 ?? 0) / (base?.p50 || 1) - 1) * 100).toFixed(1)}% ` +
      'from one with the name alone. Little of any difference is the sealing: with a number given, intake also searches ' +
      'for duplicates and earlier petitions by its keyed hash, updates two more indexes and writes longer rows.',
  ].join('\n');
}
