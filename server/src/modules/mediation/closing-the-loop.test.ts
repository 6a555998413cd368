/**
 * An online dispute from mediation to the archive (issue: mediation, closing the loop): a written
 * agreement signed by both parties and the mediator and sealed by the 人民调解委员会 that mediated
 * (人民调解法 art. 29) before the matter closes as agreed; the 30-day window to apply for judicial
 * confirmation (art. 33, RT-33) shown to staff and to the parties, also when it runs into a year whose
 * holidays are not published yet; the mediator still reading it afterwards; a rating only the resident
 * gives; and after the archive, every write refused — enumerated over every mutating route there is.
 */
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { png, uploadPng, writtenAgreementBody } from '../../../test/agreement-steps';
import { orgByDivision } from '../../../test/factories';
import { act, view } from '../../../test/matter-steps';
import { createTestApp, type Session, type TestApp } from '../../../test/test-app';
import { events } from '../../db/schema';

let t: TestApp;
let clerk: Session;
let mediator: Session;
let committee: Session;
let leader: Session;
let villageId: string;

const PHONE = '13700007777';

beforeAll(async () => {
  t = await createTestApp();
  // Mid-December: the 30 days after the agreement run into 2027, whose holidays are not published yet.
  t.clock.set('2026-12-14T02:00:00.000Z');
  clerk = await t.login('village-clerk');
  mediator = await t.login('village-mediator');
  committee = await t.login('village-committee');
  leader = await t.login('town01-leader');
  villageId = (await orgByDivision(t, '620602001001')).id;
});
afterAll(() => t?.close());

const post = (s: Session, url: string, payload: object) => s.request({ method: 'POST', url, payload });

async function submitOnline() {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/public/matters',
    payload: {
      countyCode: '620602',
      kind: 'dispute',
      channel: 'online',
      categoryCode: 'MED-02',
      title: '邻居排水沟堵塞',
      description: '邻居堆放杂物堵了排水沟，雨水倒灌进我家院子，商量多次没有结果。',
      place: { villageId, address: '南苑社区5号院' },
      parties: [
        { role: 'applicant', name: '赵某某', phone: PHONE },
        { role: 'respondent', name: '钱某某', phone: '13600002222', address: '南苑社区6号院' },
      ],
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  const out = res.json() as { code: string; trackingSecret: string };
  const list = await clerk.request({ method: 'GET', url: `/api/matters?q=${out.code}` });
  return {
    id: list.json().items[0].id as string,
    proof: { code: out.code, secret: out.trackingSecret, phone: PHONE },
  };
}

const track = async (proof: object) =>
  (await t.app.inject({ method: 'POST', url: '/api/public/matters/track', payload: proof })).json();

describe('an online dispute mediated to a written agreement, rated by the resident and archived', () => {
  let matterId = '';
  let agreementId = '';
  let partyId = '';
  let attachmentId = '';
  let proof: { code: string; secret: string; phone: string };

  it('closes as agreed only once the agreement is signed by all and sealed by the committee that mediated', async () => {
    ({ id: matterId, proof } = await submitOnline());
    await act(clerk, matterId, { action: 'accept' });
    await act(clerk, matterId, { action: 'start_mediation', initiative: 'application' });
    await act(clerk, matterId, {
      action: 'assign_mediator',
      mediatorId: mediator.userId,
      chosenBy: 'parties',
      conflictOfInterest: false,
    });

    // No agreement yet: neither form closes the mediation.
    for (const form of ['written', 'oral']) {
      const early = await post(mediator, `/api/matters/${matterId}/actions`, { action: 'agree', form });
      expect(early.statusCode, early.body).toBe(409);
      expect(early.json().details.reason).toBe('AGREEMENT_REQUIRED');
    }

    const m = await view(mediator, matterId);
    partyId = m.parties[0].id;
    const drafted = await mediator.request({
      method: 'PUT',
      url: `/api/matters/${matterId}/agreements`,
      payload: writtenAgreementBody(m),
    });
    expect(drafted.statusCode, drafted.body).toBe(200);
    agreementId = drafted.json().id;
    const sign = (s: Session, body: object) =>
      post(s, `/api/matters/${matterId}/agreements/${agreementId}/signatures`, body);
    for (const p of m.parties as { id: string }[]) {
      const scan = await uploadPng(mediator, matterId, '签名件.png');
      expect(
        (await sign(mediator, { signer: 'party', partyId: p.id, method: 'scan', attachmentId: scan }))
          .statusCode,
      ).toBe(200);
    }
    attachmentId = await uploadPng(mediator, matterId, '调解员签名.png');
    await sign(mediator, { signer: 'mediator', method: 'on_screen', attachmentId });

    // Signed by everyone but not sealed: still not effective.
    const unsealed = await post(mediator, `/api/matters/${matterId}/actions`, {
      action: 'agree',
      form: 'written',
    });
    expect(unsealed.json().details.reason).toBe('AGREEMENT_NOT_EFFECTIVE');
    // The handling village's clerk cannot seal, nor the mediator who signed: only the committee.
    expect((await sign(clerk, { signer: 'org', method: 'seal' })).statusCode).toBe(403);
    expect((await sign(mediator, { signer: 'org', method: 'seal' })).statusCode).toBe(403);
    // The committee that mediates sees the matter while it is mediated, to seal the agreement.
    expect((await committee.request({ method: 'GET', url: `/api/matters/${matterId}` })).statusCode).toBe(
      200,
    );
    const sealed = await sign(committee, { signer: 'org', method: 'seal' });
    expect(sealed.statusCode, sealed.body).toBe(200);
    expect(sealed.json()).toMatchObject({ status: 'effective', missing: [] });
    expect(sealed.json().signatures.find((s: { signer: string }) => s.signer === 'org').label).toBe(
      '人民调解委员会（盖章）',
    );

    // The printed agreement names the committee as the sealing org.
    const pdf = await clerk.request({
      method: 'GET',
      url: `/api/matters/${matterId}/agreements/${agreementId}/pdf`,
    });
    expect(pdf.statusCode).toBe(200);

    // Agreed: the mediator still reads the matter afterwards (200, not 204), to follow up performance.
    const agreed = await post(mediator, `/api/matters/${matterId}/actions`, {
      action: 'agree',
      form: 'written',
    });
    expect(agreed.statusCode, agreed.body).toBe(200);
    expect(agreed.json().status).toBe('handling');
    const list = await mediator.request({ method: 'GET', url: `/api/matters?q=${proof.code}` });
    expect(list.json().items.map((x: { id: string }) => x.id)).toEqual([matterId]);
  });

  it('shows the judicial-confirmation window (RT-33) from the agreement taking effect, to staff and to the parties', async () => {
    const court = (await clerk.request({ method: 'GET', url: `/api/matters/${matterId}/court` })).json();
    expect(court.confirmationWindow).toMatchObject({ agreedAt: '2026-12-14T02:00:00.000Z', open: true });
    // 30 calendar days from the day after 12-14: 2027-01-13, the end of that day in Beijing time.
    expect(court.confirmationWindow.dueAt).toBe('2027-01-13T15:59:59.999Z');
    expect(court.confirmationWindow.provisionalNote).toContain('2027');
    const tracking = await track(proof);
    expect(tracking.confirmationWindow).toMatchObject({
      agreedAt: court.confirmationWindow.agreedAt,
      dueAt: court.confirmationWindow.dueAt,
      open: true,
      citation: expect.stringContaining('人民调解法第三十三条'),
    });
    expect(tracking.confirmationWindow.provisionalNote).toContain('2027');
    // The village's local limit is shown by its name, never as 本地规定（待定）.
    const citations = (tracking.deadlines as { citation: string }[]).map((d) => d.citation);
    expect(citations).toContain('本地规定：村（社区）级矛盾纠纷办理期限');
    expect(citations.join()).not.toContain('待定');
  });

  it('is rated by the resident, never by the handler; staff record it only with the channel', async () => {
    await act(clerk, matterId, { action: 'answer', reason: '经调解双方签订书面协议，排水沟已疏通。' });
    // The clerk answered: the handler may not record the rating, with or without a channel.
    const byHandler = await post(clerk, `/api/matters/${matterId}/actions`, {
      action: 'rate',
      rating: 'satisfied',
      channel: 'phone',
    });
    expect(byHandler.statusCode).toBe(403);
    expect(byHandler.json().details.reason).toBe('RATING_BY_HANDLER');
    const noChannel = await post(leader, `/api/matters/${matterId}/actions`, {
      action: 'rate',
      rating: 'satisfied',
    });
    expect(noChannel.statusCode).toBe(422);
    expect(noChannel.json().details.reason).toBe('RATING_CHANNEL_REQUIRED');

    const rated = await t.app.inject({
      method: 'POST',
      url: '/api/public/matters/act',
      payload: { ...proof, action: 'rate', rating: 'satisfied' },
    });
    expect(rated.statusCode, rated.body).toBe(200);
    const res = (await t.database.db.execute(
      sql`select rating, rated_by from matters where id = ${matterId}`,
    )) as unknown as { rows: { rating: string; rated_by: string }[] };
    expect(res.rows[0]).toEqual({ rating: 'satisfied', rated_by: 'resident' });
    const [ev] = await t.database.db
      .select()
      .from(events)
      .where(and(eq(events.action, 'matter.rated'), eq(events.objectId, matterId)));
    expect(ev?.after).toMatchObject({ ratedBy: 'resident', channel: 'online' });
  });

  it('once archived, refuses every write on every mutating route (0 successes)', async () => {
    await act(leader, matterId, {
      action: 'follow_up',
      matterResolved: 'yes',
      heartResolved: true,
      reason: '电话回访，协议已履行。',
    });
    const archived = await act(leader, matterId, { action: 'archive', archiveNo: '南苑-2026-调-077' });
    expect(archived.status).toBe('archived');

    // Every mutating route on one matter, read from the API description: a new one fails here
    // until it has a request below.
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
      paths: Record<string, Record<string, unknown>>;
    };
    const mutating = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops)
        .filter((op) => ['post', 'put', 'patch', 'delete'].includes(op))
        .filter(() => /\/matters\/\{id\}/.test(path))
        .map((op) => `${op.toUpperCase()} ${path}`),
    );
    const boundary = '----zz-archived';
    const multipart = {
      payload: Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="补充.png"\r\nContent-Type: image/png\r\n\r\n`,
        ),
        png,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]),
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    };
    const m = await view(clerk, matterId);
    const requests: Record<string, { payload?: object | Buffer; headers?: Record<string, string> }> = {
      'POST /api/matters/{id}/actions': { payload: { action: 'answer', reason: '补充答复' } },
      'POST /api/matters/{id}/parties': { payload: { role: 'other', name: '孙某某' } },
      'PATCH /api/matters/{id}/parties/{partyId}': { payload: { address: '南苑社区7号院' } },
      'POST /api/matters/{id}/supervision': { payload: { reason: 'overdue', note: '归档后督办' } },
      'POST /api/matters/{id}/materials': { payload: { material: '房屋产权证明' } },
      'POST /api/matters/{id}/attachments': multipart,
      'PUT /api/matters/{id}/agreements': { payload: writtenAgreementBody(m) },
      'POST /api/matters/{id}/agreements/{agreementId}/signatures': {
        payload: { signer: 'party', partyId, method: 'scan', attachmentId },
      },
      'POST /api/matters/{id}/agreements/{agreementId}/performance': {
        payload: { performance: 'performed', note: '回访：赔偿已付清。' },
      },
      'POST /api/matters/{id}/referrals': {
        payload: {
          kind: 'legal_aid',
          providerOrgId: '00000000-0000-4000-8000-000000000001',
          eligibilityBasis: '经济困难',
          reason: '归档后申请法律援助',
        },
      },
      'POST /api/matters/{id}/court/referral': {
        payload: {
          claims: ['判令被告疏通排水沟'],
          reason: '调解不成',
          parties: m.parties.map((p: { id: string }) => ({
            partyId: p.id,
            serviceAddress: '南苑社区5号院',
            serviceAddressConfirmed: true,
            identityVerified: true,
          })),
        },
      },
      'POST /api/matters/{id}/court/confirmation': {
        payload: {
          jointApplication: true,
          terms: ['被申请人疏通排水沟'],
          performance: '现金当面支付',
          parties: m.parties.map((p: { id: string }) => ({
            partyId: p.id,
            serviceAddress: '南苑社区5号院',
            serviceAddressConfirmed: true,
            identityVerified: true,
          })),
        },
      },
    };
    expect(mutating.filter((k) => !(k in requests))).toEqual([]);
    expect(mutating.length).toBeGreaterThanOrEqual(Object.keys(requests).length);

    const before = await t.database.db.select().from(events).where(eq(events.objectId, matterId));
    const stateBefore = await view(clerk, matterId);
    const answers: string[] = [];
    // The parties' judicial-confirmation application outlives the archive (art. 33): tested below.
    const stillOpen = 'POST /api/matters/{id}/court/confirmation';
    for (const key of mutating.filter((k) => k !== stillOpen)) {
      const [method, path] = key.split(' ') as [string, string];
      const url = path
        .replace('{id}', matterId)
        .replace('{partyId}', partyId)
        .replace('{agreementId}', agreementId)
        .replace('{attachmentId}', attachmentId);
      const req = requests[key]!;
      for (const who of [clerk, mediator, leader]) {
        const res = await who.request({
          method: method as 'POST',
          url,
          payload: req.payload as object,
          ...(req.headers ? { headers: req.headers } : {}),
        });
        answers.push(`${key} → ${res.statusCode}`);
        expect(res.statusCode, `${key}: ${res.body}`).toBe(409);
        expect(res.json().code, key).toBe('MATTER_ARCHIVED');
      }
    }
    expect(answers.filter((a) => /→ 2\d\d$/.test(a))).toEqual([]);
    // The resident's own writes are refused too: no rating, no file.
    const rateAgain = await t.app.inject({
      method: 'POST',
      url: '/api/public/matters/act',
      payload: { ...proof, action: 'rate', rating: 'unsatisfied', reason: '改评', substantive: false },
    });
    expect(rateAgain.statusCode).toBe(409);

    // Nothing was written: no event, no change to what staff see.
    const after = await t.database.db.select().from(events).where(eq(events.objectId, matterId));
    expect(after.length).toBe(before.length);
    const stateAfter = await view(clerk, matterId);
    expect({ ...stateAfter, timeline: stateAfter.timeline.length }).toEqual({
      ...stateBefore,
      timeline: stateBefore.timeline.length,
    });
    // The timeline says who took every step and for which org, in words, 系统 for automatic steps.
    for (const e of stateAfter.timeline as {
      action: string;
      label: string;
      actorName: string;
      org: string | null;
    }[]) {
      expect(e.label, e.action).toMatch(/^[^.a-z_]+$/);
      expect(e.actorName, e.action).toBeTruthy();
      expect(e.org, e.action).toBeTruthy();
    }
    const intake = stateAfter.timeline[0];
    expect(intake).toMatchObject({ label: '登记', actorName: '系统' });
    // Reading stays open: the matter, its agreement and its printed copy.
    expect(
      (await clerk.request({ method: 'GET', url: `/api/matters/${matterId}/agreements` })).statusCode,
    ).toBe(200);

    // Within the 30 days from the agreement taking effect the parties may still apply for judicial
    // confirmation: archiving the file does not take that right away. The archive guard lets the
    // application through to the court service's own checks (here: a party without an ID number).
    const window = (await clerk.request({ method: 'GET', url: `/api/matters/${matterId}/court` })).json()
      .confirmationWindow;
    expect(window.open).toBe(true);
    const apply = await clerk.request({
      method: 'POST',
      url: `/api/matters/${matterId}/court/confirmation`,
      payload: requests[stillOpen]!.payload as object,
    });
    expect(apply.json().code, apply.body).not.toBe('MATTER_ARCHIVED');
    expect(apply.json(), apply.body).toMatchObject({ code: 'COMMAND_INVALID' });
    expect(apply.json().message).toContain('身份证号');
    expect((await view(clerk, matterId)).status).toBe('archived');

    // What that application needs may be completed on the archived file, and only that: a party's
    // missing ID number, alone in the body, audited (archived-guard.ts completesIdForConfirmation).
    const patch = (payload: object, id = partyId) =>
      clerk.request({ method: 'PATCH', url: `/api/matters/${matterId}/parties/${id}`, payload });
    const mixed = await patch({ idNumber: '620602198001011236', address: '南苑社区7号院' });
    expect(mixed.statusCode).toBe(409);
    expect(mixed.json().code).toBe('MATTER_ARCHIVED');
    const [first, second] = m.parties as { id: string }[];
    const one = await patch({ idNumber: '620602198001011236' }, first!.id);
    expect(one.statusCode, one.body).toBe(200);
    // Once the 30 days have run out, the file is closed for that too.
    const now = t.clock.now().toISOString();
    t.clock.set('2027-01-20T02:00:00.000Z');
    const lateClerk = await t.login('village-clerk');
    const late = await lateClerk.request({
      method: 'PATCH',
      url: `/api/matters/${matterId}/parties/${second!.id}`,
      payload: { idNumber: '620602198202021246' },
    });
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('MATTER_ARCHIVED');
    t.clock.set(now);
    const two = await patch({ idNumber: '620602198202021246' }, second!.id);
    expect(two.statusCode, two.body).toBe(200);
    // An ID on file is never changed after the archive.
    const change = await patch({ idNumber: '620602198001011252' });
    expect(change.statusCode).toBe(409);
    expect(change.json().code).toBe('MATTER_ARCHIVED');
    const completed = await t.database.db
      .select()
      .from(events)
      .where(and(eq(events.action, 'matter.party_corrected'), eq(events.objectId, matterId)));
    expect(completed).toHaveLength(2);
    for (const e of completed) {
      expect(e.after).toMatchObject({
        afterArchive: true,
        purpose: 'judicial_confirmation',
        changed: ['idNumber'],
      });
      expect(JSON.stringify(e.after)).not.toContain('198001011236');
    }
    const applied = await clerk.request({
      method: 'POST',
      url: `/api/matters/${matterId}/court/confirmation`,
      payload: requests[stillOpen]!.payload as object,
    });
    expect(applied.json().message ?? '', applied.body).not.toContain('身份证号');
    expect((await view(clerk, matterId)).status).toBe('archived');
  });
});
