/**
 * docs/SECURITY.md G31: ID and phone numbers are stored sealed, searched through the keyed hash, and
 * values written before encryption (or under a key being rotated out) are sealed anew at start-up.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orgByDivision } from '../../../test/factories';
import { createTestApp, type Session, type TestApp } from '../../../test/test-app';
import { piiCipher } from '../../pii/pii-cipher';
import { resealRecipientPhones } from '../notifications/notifications.service';
import { resealParties } from './pii-reseal.service';

const PHONE = '13912340087';
const ID = '620602198503150033';

let t: TestApp;
let clerk: Session;
let matterId: string;

const stored = async () =>
  (
    (await t.database.db.execute(
      sql`select id, name, address, phone, id_number from matter_parties where matter_id = ${matterId}`,
    )) as unknown as {
      rows: {
        id: string;
        name: string;
        address: string | null;
        phone: string | null;
        id_number: string | null;
      }[];
    }
  ).rows;

beforeAll(async () => {
  t = await createTestApp();
  clerk = await t.login('village-clerk');
  const village = await orgByDivision(t, '620602001001');
  const res = await clerk.request({
    method: 'POST',
    url: '/api/matters',
    payload: {
      kind: 'dispute',
      channel: 'walk_in',
      categoryCode: 'MED-02',
      title: '宅基地边界纠纷',
      description: '两家宅基地边界不清，多次协商未果。',
      place: { villageId: village.id },
      parties: [{ role: 'applicant', name: '郑书琴', phone: PHONE, idNumber: ID }],
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  matterId = res.json().matter.id;
});
afterAll(() => t.close());

describe('identity at rest (G31)', () => {
  it('stores the ID and phone number sealed under the current key, and the audited read opens them', async () => {
    const [row] = await stored();
    expect(row!.phone).toMatch(/^enc1:demo:/);
    expect(row!.id_number).toMatch(/^enc1:demo:/);
    expect(JSON.stringify(row)).not.toMatch(/13912340087|620602198503150033|0315/);
    const full = await clerk.request({ method: 'GET', url: `/api/matters/${matterId}?unmask=true` });
    expect(full.json().parties[0]).toMatchObject({ phone: PHONE, idNumber: ID, masked: false });
  });

  it('refuses, in the database itself, a name, address, phone or ID number written unsealed', async () => {
    const [row] = await stored();
    await expect(
      t.database.db.execute(sql`update matter_parties set name = '戚苒芃' where id = ${row!.id}`),
    ).rejects.toThrow();
    await expect(
      t.database.db.execute(sql`update matter_parties set address = '杏花村七组' where id = ${row!.id}`),
    ).rejects.toThrow();
    await expect(
      t.database.db.execute(sql`update matter_parties set phone = ${PHONE} where id = ${row!.id}`),
    ).rejects.toThrow();
    await expect(
      t.database.db.execute(sql`update matter_parties set id_number = ${ID} where id = ${row!.id}`),
    ).rejects.toThrow();
  });

  it('seals rows written before encryption at start-up, and then validates the database’s checks', async () => {
    const [row] = await stored();
    // The state of an install upgraded from before encryption: plaintext rows, checks not yet valid.
    await t.database.db.execute(sql`alter table matter_parties drop constraint matter_parties_phone_sealed`);
    await t.database.db.execute(sql`alter table matter_parties drop constraint matter_parties_id_sealed`);
    await t.database.db.execute(sql`alter table matter_parties drop constraint matter_parties_name_sealed`);
    await t.database.db.execute(
      sql`alter table matter_parties drop constraint matter_parties_address_sealed`,
    );
    await t.database.db.execute(
      sql`update matter_parties set phone = ${PHONE}, id_number = ${ID}, name = '戚苒芃', address = '杏花村七组'
          where id = ${row!.id}`,
    );
    await t.database.db.execute(
      sql`alter table matter_parties add constraint matter_parties_name_sealed check (name like 'enc1:%') not valid`,
    );
    await t.database.db.execute(
      sql`alter table matter_parties add constraint matter_parties_address_sealed check (address is null or address like 'enc1:%') not valid`,
    );
    await t.database.db.execute(
      sql`alter table matter_parties add constraint matter_parties_phone_sealed check (phone is null or phone like 'enc1:%') not valid`,
    );
    await t.database.db.execute(
      sql`alter table matter_parties add constraint matter_parties_id_sealed check (id_number is null or id_number like 'enc1:%') not valid`,
    );
    expect(await resealParties(t.deps)).toBeGreaterThanOrEqual(1);
    const [after] = await stored();
    expect(after!.phone).toMatch(/^enc1:demo:/);
    expect(piiCipher(t.deps.config).open('id', after!.id_number)).toBe(ID);
    expect(after!.name).toMatch(/^enc1:demo:/);
    expect(piiCipher(t.deps.config).open('name', after!.name)).toBe('戚苒芃');
    expect(piiCipher(t.deps.config).open('address', after!.address)).toBe('杏花村七组');
    const checks = (await t.database.db.execute(
      sql`select conname, convalidated from pg_constraint where conname like 'matter_parties_%_sealed' order by conname`,
    )) as unknown as { rows: { conname: string; convalidated: boolean }[] };
    expect(checks.rows.map((c) => c.convalidated)).toEqual([true, true, true, true]);
    // A second start finds nothing to do.
    expect(await resealParties(t.deps)).toBe(0);
  });

  it('seals an SMS recipient’s phone stored before encryption, at start-up too', async () => {
    const id = randomUUID();
    await t.database.db.execute(
      sql`insert into notification_outbox (county_code, id, channel, template, params, recipient_phone, status, next_attempt_at, created_at)
          values ('620602', ${id}, 'sms', 'matter_accepted', '{}'::jsonb, ${PHONE}, 'sent', now(), now())`,
    );
    expect(await resealRecipientPhones(t.deps)).toBeGreaterThanOrEqual(1);
    const [row] = (
      (await t.database.db.execute(
        sql`select recipient_phone from notification_outbox where id = ${id}`,
      )) as unknown as { rows: { recipient_phone: string }[] }
    ).rows;
    expect(row!.recipient_phone).toMatch(/^enc1:demo:/);
    expect(piiCipher(t.deps.config).open('phone', row!.recipient_phone)).toBe(PHONE);
    expect(await resealRecipientPhones(t.deps)).toBe(0);
  });

  it('rotates: a new current key re-seals every value, which the old key’s holder can no longer tell', async () => {
    const next = Buffer.alloc(32, 9).toString('base64');
    const rotated = {
      ...t.deps,
      config: {
        ...t.deps.config,
        piiEncryption: { currentKeyId: 'k2027', keys: { ...t.deps.config.piiEncryption.keys, k2027: next } },
      },
    };
    const n = await resealParties(rotated);
    expect(n).toBeGreaterThanOrEqual(1);
    const [row] = await stored();
    expect(row!.phone).toMatch(/^enc1:k2027:/);
    expect(piiCipher(rotated.config).open('phone', row!.phone)).toBe(PHONE);
    const all = (await t.database.db.execute(
      sql`select count(*)::int as n from matter_parties where phone not like 'enc1:k2027:%' or id_number not like 'enc1:k2027:%'`,
    )) as unknown as { rows: { n: number }[] };
    expect(all.rows[0]!.n).toBe(0);
  });
});
