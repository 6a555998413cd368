/**
 * 待盖章 for the 人民调解委员会 (人民调解法 art. 29): the written agreements its mediators brought to
 * every signature, waiting only for its seal, listed in the queue `awaiting_seal` and counted on its
 * workbench; gone once sealed, and never on anyone else's list.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uploadPng, writtenAgreementBody } from '../../../test/agreement-steps';
import { orgByDivision } from '../../../test/factories';
import { act, disputeBody, register, view } from '../../../test/matter-steps';
import { createTestApp, type Session, type TestApp } from '../../../test/test-app';

let t: TestApp;
let clerk: Session;
let mediator: Session;
let committee: Session;

beforeAll(async () => {
  t = await createTestApp();
  t.clock.set('2026-12-07T02:00:00.000Z');
  clerk = await t.login('village-clerk');
  mediator = await t.login('village-mediator');
  committee = await t.login('village-committee');
});
afterAll(() => t?.close());

const counts = async (s: Session) =>
  (await s.request({ method: 'GET', url: '/api/matters/queues' })).json() as Record<string, number>;
const queue = async (s: Session) =>
  (
    (await s.request({ method: 'GET', url: '/api/matters?queue=awaiting_seal' })).json() as {
      items: { id: string }[];
    }
  ).items.map((i) => i.id);

describe('待盖章: agreements signed by all and waiting for the committee’s seal', () => {
  it('lists an agreement once every party and the mediator signed, until the committee seals it', async () => {
    const village = await orgByDivision(t, '620602001001');
    const { matter } = await register(clerk, disputeBody(village.id));
    await act(clerk, matter.id, { action: 'accept' });
    await act(clerk, matter.id, { action: 'start_mediation', initiative: 'application' });
    await act(clerk, matter.id, {
      action: 'assign_mediator',
      mediatorId: mediator.userId,
      chosenBy: 'parties',
      conflictOfInterest: false,
    });
    const m = await view(mediator, matter.id);
    const drafted = await mediator.request({
      method: 'PUT',
      url: `/api/matters/${matter.id}/agreements`,
      payload: writtenAgreementBody(m),
    });
    expect(drafted.statusCode, drafted.body).toBe(200);
    const agreementId = drafted.json().id as string;
    const sign = (s: Session, body: object) =>
      s.request({
        method: 'POST',
        url: `/api/matters/${matter.id}/agreements/${agreementId}/signatures`,
        payload: body,
      });
    const before = (await counts(committee)).awaiting_seal ?? 0;

    for (const p of m.parties as { id: string }[]) {
      const scan = await uploadPng(mediator, matter.id, '签名件.png');
      await sign(mediator, { signer: 'party', partyId: p.id, method: 'scan', attachmentId: scan });
    }
    // The parties signed, the mediator not yet: not the committee's turn.
    expect((await counts(committee)).awaiting_seal).toBe(before);
    expect(await queue(committee)).not.toContain(matter.id);

    const own = await uploadPng(mediator, matter.id, '调解员签名.png');
    await sign(mediator, { signer: 'mediator', method: 'on_screen', attachmentId: own });
    expect((await counts(committee)).awaiting_seal).toBe(before + 1);
    expect(await queue(committee)).toContain(matter.id);
    // The handling village's clerk does not seal: it is not on its list.
    expect(await queue(clerk)).not.toContain(matter.id);

    const sealed = await sign(committee, { signer: 'org', method: 'seal' });
    expect(sealed.statusCode, sealed.body).toBe(200);
    expect((await counts(committee)).awaiting_seal).toBe(before);
    expect(await queue(committee)).not.toContain(matter.id);
  });
});
