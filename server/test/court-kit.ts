/**
 * Test helpers for the court module: a running simulator beside a listening test app, signed calls
 * as the court makes them, and valid resident ID numbers. Only tests import this file.
 */
import { mkdtempSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { signatureHeaders } from '../../core/domain/court/signing-string';
import { startSimulator } from '../../scripts/court-sim/simulator';
import type { Config } from '../src/config';
import { signRequest } from '../src/modules/court/court-signature';

export { residentId } from './matter-factory';

export async function startTestSimulator(
  court: Config['court'],
  target: string,
  extra: { autoRuleMs?: number | null; autoRegisterMs?: number | null } = {},
) {
  const sim = await startSimulator({
    port: 0,
    dir: mkdtempSync(path.join(os.tmpdir(), 'zz-court-sim-')),
    target,
    keyId: court.keyId,
    verifySecret: court.outboundSecret,
    signSecret: court.inboundSecret,
    autoRuleMs: extra.autoRuleMs ?? null,
    autoRegisterMs: extra.autoRegisterMs ?? null,
  });
  const url = `http://127.0.0.1:${(sim.server.address() as AddressInfo).port}`;
  return { ...sim, url };
}

/** Headers for a call from the court, signed with the court's key. */
export function courtHeaders(
  court: Config['court'],
  path: string,
  body: string,
  opts: { key?: string; now?: Date; nonce?: string; secret?: string } = {},
) {
  return {
    'content-type': 'application/json',
    [signatureHeaders.idempotencyKey]: opts.key ?? `court-${crypto.randomUUID()}`,
    ...signRequest({
      method: 'POST',
      path,
      body,
      keyId: court.keyId,
      secret: opts.secret ?? court.inboundSecret,
      now: opts.now ?? new Date(),
      ...(opts.nonce ? { nonce: opts.nonce } : {}),
    }),
  };
}

export async function until<T>(
  what: string,
  fn: () => Promise<T | undefined | null | false>,
  ms = 10_000,
): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
