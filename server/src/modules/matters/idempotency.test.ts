/**
 * Idempotency keys never stick: a crashed run's key is taken over after its lease (by one
 * claimant only), a failed run frees its key at once, and a completed answer is replayed for the
 * retention time and then forgotten.
 */
import { createHash, randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../../core/errors';
import { orgByDivision } from '../../../test/factories';
import { disputeBody } from '../../../test/matter-steps';
import { createTestApp, type Session, type TestApp } from '../../../test/test-app';
import { idempotencyKeys, matters } from '../../db/schema';
import * as repo from './idempotency.repo';
import { purgeExpiredKeys, withIdempotency } from './idempotency.service';

let t: TestApp;
let clerk: Session;
let villageId: string;

beforeAll(async () => {
  t = await createTestApp();
  clerk = await t.login('village-clerk');
  villageId = (await orgByDivision(t, '620602001001')).id;
});
afterAll(() => t.close());

const LEASE = () => t.deps.config.idempotency.leaseMs;
const RETENTION = () => t.deps.config.idempotency.retentionMs;
const newKey = () => `k-${randomUUID()}`;
const hashOf = (body: unknown) => createHash('sha256').update(JSON.stringify(body)).digest('hex');

/** A run that counts its calls and answers 201 with the call number. */
function counter() {
  let calls = 0;
  const run = async () => ({ status: 201, body: { call: ++calls } });
  return { run, calls: () => calls };
}

/** What a crash leaves behind: a key claimed, never completed nor released. */
async function crashedClaim(scope: string, key: string, body: unknown, hash?: string) {
  const now = t.clock.now();
  const lease = new Date(now.getTime() + LEASE());
  const id = await repo.claim(t.database.db, scope, key, hash ?? hashOf(body), now, lease);
  expect(id).not.toBeNull();
  return id!;
}

describe('a key left in flight by a crash', () => {
  it('answers 409 during its lease and is taken over by the first retry after it', async () => {
    const key = newKey();
    const body = { a: 1 };
    await crashedClaim('test:crash', key, body);
    const c = counter();
    await expect(withIdempotency(t.deps, 'test:crash', key, body, c.run)).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    t.clock.advance(LEASE() + 1);
    expect(await withIdempotency(t.deps, 'test:crash', key, body, c.run)).toEqual({
      status: 201,
      body: { call: 1 },
    });
    // And the answer sticks now, as it should.
    expect(await withIdempotency(t.deps, 'test:crash', key, body, c.run)).toEqual({
      status: 201,
      body: { call: 1 },
    });
    expect(c.calls()).toBe(1);
  });

  it('is not taken over by another body under the same key (422), only by a retry of the request', async () => {
    const key = newKey();
    await crashedClaim('test:crash', key, { a: 1 });
    t.clock.advance(LEASE() + 1);
    await expect(withIdempotency(t.deps, 'test:crash', key, { a: 2 }, counter().run)).rejects.toMatchObject({
      code: 'UNPROCESSABLE',
    });
  });

  it('through the API: a window intake retried after the lease registers once', async () => {
    const key = newKey();
    const body = disputeBody(villageId, { title: '崩溃后重试的登记' });
    const scope = `user:${clerk.userId}`;
    // The key is bound to the body as the route reads it (after validation): take its hash from a
    // first intake of the same body under another key.
    const probe = newKey();
    const first = await clerk.request({
      method: 'POST',
      url: '/api/matters',
      payload: body,
      headers: { 'idempotency-key': probe },
    });
    expect(first.statusCode, first.body).toBe(201);
    const hash = (await repo.find(t.database.db, scope, probe))!.requestHash;
    await crashedClaim(scope, key, body, hash);
    const during = await clerk.request({
      method: 'POST',
      url: '/api/matters',
      payload: body,
      headers: { 'idempotency-key': key },
    });
    expect(during.statusCode).toBe(409);
    t.clock.advance(LEASE() + 1);
    const after = await clerk.request({
      method: 'POST',
      url: '/api/matters',
      payload: body,
      headers: { 'idempotency-key': key },
    });
    expect(after.statusCode, after.body).toBe(201);
    const again = await clerk.request({
      method: 'POST',
      url: '/api/matters',
      payload: body,
      headers: { 'idempotency-key': key },
    });
    expect(again.json().matter.id).toBe(after.json().matter.id);
    expect(after.json().matter.id).not.toBe(first.json().matter.id);
  });

  it('two takeovers at once: exactly one wins', async () => {
    const key = newKey();
    const body = { race: true };
    await crashedClaim('test:race', key, body);
    t.clock.advance(LEASE() + 1);
    const now = t.clock.now();
    const lease = new Date(now.getTime() + LEASE());
    const hash = hashOf(body);
    const claims = await Promise.all(
      Array.from({ length: 4 }, () => repo.claim(t.database.db, 'test:race', key, hash, now, lease)),
    );
    expect(claims.filter((c) => c !== null)).toHaveLength(1);

    // The same through the service: one run, the others told to wait.
    const key2 = newKey();
    await crashedClaim('test:race', key2, body);
    t.clock.advance(LEASE() + 1);
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    let runs = 0;
    const slow = async () => {
      runs++;
      await gate;
      return { status: 201, body: { ok: true } };
    };
    const racing = Array.from({ length: 3 }, () =>
      withIdempotency(t.deps, 'test:race', key2, body, slow).then(
        (r) => r.status,
        (e: AppError) => e.code,
      ),
    );
    await new Promise((r) => setTimeout(r, 200));
    release();
    expect((await Promise.all(racing)).sort()).toEqual([201, 'CONFLICT', 'CONFLICT']);
    expect(runs).toBe(1);
  });

  it('a run whose lease was taken over cannot write its late answer over the new run’s', async () => {
    const key = newKey();
    const body = { late: true };
    const first = await crashedClaim('test:late', key, body);
    t.clock.advance(LEASE() + 1);
    const c = counter();
    expect(await withIdempotency(t.deps, 'test:late', key, body, c.run)).toEqual({
      status: 201,
      body: { call: 1 },
    });
    const far = new Date(t.clock.now().getTime() + RETENTION());
    await repo.complete(t.database.db, 'test:late', key, first, 200, { stale: true }, far);
    await repo.release(t.database.db, 'test:late', key, first);
    expect((await repo.find(t.database.db, 'test:late', key))?.responseBody).toEqual({ call: 1 });
  });
});

describe('a field report resent after its key’s answer is gone', () => {
  async function report(gw: Session, title: string) {
    const body = {
      clientId: randomUUID(),
      madeAt: '2026-03-02T08:50:00+08:00',
      categoryCode: 'GRID-02',
      title,
      description: '巷口电线杆上的线路老化外露，雨天有漏电危险。',
      place: { villageId, address: '某巷口' },
      parties: [{ role: 'applicant', name: '赵某', phone: '13800001111' }],
      solvedOnSpot: '当场联系电工更换了外露线路。',
    };
    const first = await gw.request({ method: 'POST', url: '/api/field/reports', payload: body });
    expect(first.statusCode, first.body).toBe(201);
    return { body, first: first.json() };
  }
  const mattersTitled = async (title: string) =>
    (await t.database.db.select({ id: matters.id }).from(matters).where(eq(matters.title, title))).length;

  it('gets the first matter, not a second one, after the 24 hours (key purged)', async () => {
    const gw = await t.login('town01-gw1');
    const { body, first } = await report(gw, '过期后重发的上报');
    t.clock.advance(RETENTION() + 1);
    expect(await purgeExpiredKeys(t.deps)).toBeGreaterThanOrEqual(1);
    const gwAgain = await t.login('town01-gw1');
    const resent = await gwAgain.request({ method: 'POST', url: '/api/field/reports', payload: body });
    expect(resent.statusCode, resent.body).toBe(201);
    expect(resent.json()).toMatchObject({
      clientId: body.clientId,
      matter: { id: first.matter.id, code: first.matter.code },
      solvedOnSpot: first.solvedOnSpot,
    });
    expect(await mattersTitled('过期后重发的上报')).toBe(1);
  });

  it('gets the first matter when the first run did its work but crashed before storing the answer', async () => {
    const gw = await t.login('town01-gw1');
    const { body, first } = await report(gw, '崩溃后重发的上报');
    // What the crash leaves: the key back in flight, its answer never written.
    await t.database.db
      .update(idempotencyKeys)
      .set({ status: 'in_flight', responseStatus: null, responseBody: null, expiresAt: t.clock.now() })
      .where(eq(idempotencyKeys.key, body.clientId));
    t.clock.advance(1);
    const resent = await gw.request({ method: 'POST', url: '/api/field/reports', payload: body });
    expect(resent.statusCode, resent.body).toBe(201);
    expect(resent.json().matter.id).toBe(first.matter.id);
    expect(await mattersTitled('崩溃后重发的上报')).toBe(1);
  });

  it('is refused when another worker sends a report under an id already used', async () => {
    const gw = await t.login('town01-gw1');
    const { body } = await report(gw, '编号被他人使用');
    const other = await t.login('town01-gw2');
    const res = await other.request({
      method: 'POST',
      url: '/api/field/reports',
      payload: { ...body, place: { villageId: (await orgByDivision(t, '620602001002')).id } },
    });
    expect(res.statusCode).toBe(422);
    expect(await mattersTitled('编号被他人使用')).toBe(1);
  });
});

describe('a run that fails', () => {
  it('frees its key at once when it throws (500): the retry runs', async () => {
    const key = newKey();
    let calls = 0;
    const failing = async () => {
      calls++;
      if (calls === 1) throw new Error('connection reset');
      return { status: 201, body: { ok: calls } };
    };
    await expect(withIdempotency(t.deps, 'test:fail', key, {}, failing)).rejects.toThrow('connection reset');
    expect(await withIdempotency(t.deps, 'test:fail', key, {}, failing)).toEqual({
      status: 201,
      body: { ok: 2 },
    });
  });

  it('frees its key on a refusal that may pass later (409 CONFLICT), keeps a final refusal (422) as the answer', async () => {
    const k1 = newKey();
    let calls = 0;
    const busy = async () => {
      if (++calls === 1) throw new AppError('CONFLICT');
      return { status: 201, body: { ok: true } };
    };
    await expect(withIdempotency(t.deps, 'test:fail', k1, {}, busy)).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    expect((await withIdempotency(t.deps, 'test:fail', k1, {}, busy)).status).toBe(201);

    const k2 = newKey();
    const refused = async () => {
      throw new AppError('UNPROCESSABLE', '不予受理。', { reason: 'X' });
    };
    await expect(withIdempotency(t.deps, 'test:fail', k2, {}, refused)).rejects.toMatchObject({
      code: 'UNPROCESSABLE',
    });
    expect(await withIdempotency(t.deps, 'test:fail', k2, {}, counter().run)).toEqual({
      status: 422,
      body: { code: 'UNPROCESSABLE', message: '不予受理。', details: { reason: 'X' } },
    });
  });

  it('frees its key when its refusal cannot be stored (the lone surrogate that left keys in flight for ever)', async () => {
    const key = newKey();
    let calls = 0;
    const run = async () => {
      if (++calls === 1) throw new AppError('UNPROCESSABLE', '无法处理。', { echo: 'x\ud800y' });
      return { status: 201, body: { ok: true } };
    };
    await expect(withIdempotency(t.deps, 'test:fail', key, {}, run)).rejects.toMatchObject({
      code: 'UNPROCESSABLE',
    });
    expect(await repo.find(t.database.db, 'test:fail', key)).toBeUndefined();
    expect((await withIdempotency(t.deps, 'test:fail', key, {}, run)).status).toBe(201);
  });

  it('answers the client when its answer cannot be stored, and does not leave the key in flight', async () => {
    const key = newKey();
    const unstorable = async () => ({ status: 201, body: { title: 'x\ud800y' } });
    expect(await withIdempotency(t.deps, 'test:fail', key, {}, unstorable)).toEqual({
      status: 201,
      body: { title: 'x\ud800y' },
    });
    expect(await repo.find(t.database.db, 'test:fail', key)).toBeUndefined();
  });
});

describe('a completed key', () => {
  it('is replayed for the retention time, then is as good as new and is purged', async () => {
    const key = newKey();
    const c = counter();
    expect((await withIdempotency(t.deps, 'test:old', key, { v: 1 }, c.run)).body).toEqual({ call: 1 });
    t.clock.advance(RETENTION() - 1000);
    expect((await withIdempotency(t.deps, 'test:old', key, { v: 1 }, c.run)).body).toEqual({ call: 1 });
    await expect(withIdempotency(t.deps, 'test:old', key, { v: 2 }, c.run)).rejects.toMatchObject({
      code: 'UNPROCESSABLE',
    });
    t.clock.advance(2000);
    // Past the window the key may even carry another request.
    expect((await withIdempotency(t.deps, 'test:old', key, { v: 2 }, c.run)).body).toEqual({ call: 2 });

    const stale = newKey();
    await withIdempotency(t.deps, 'test:old', stale, {}, c.run);
    t.clock.advance(RETENTION() + 1);
    expect(await purgeExpiredKeys(t.deps)).toBeGreaterThanOrEqual(1);
    expect(await repo.find(t.database.db, 'test:old', stale)).toBeUndefined();
  });
});
