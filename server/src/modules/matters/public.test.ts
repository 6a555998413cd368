/**
 * The resident's side on the server: the other party asked for on a dispute, the code and tracking
 * secret sent by SMS (and wiped from the outbox once sent), the code and secret taken in any form,
 * the timeline in the resident's words, the answer and the documents served, and photos sent with
 * the proof, cleaned, for staff to see.
 */
import { eq } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orgByDivision } from '../../../test/factories';
import { act } from '../../../test/matter-steps';
import { createTestApp, type Session, type TestApp } from '../../../test/test-app';
import { devSmsMessages, events, notificationOutbox } from '../../db/schema';
import { piiCipher } from '../../pii/pii-cipher';
import { deliverDue } from '../notifications/notifications.service';

let t: TestApp;
let clerk: Session;
let villageId: string;
const PHONE = '13987650011';
let submitted: { code: string; trackingSecret: string; tracking: Record<string, unknown> };
let matterId: string;

function multipart(fields: Record<string, string>, fileName: string, content: Buffer) {
  const boundary = '----zz-public';
  const parts = Object.entries(fields).map(
    ([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`,
  );
  const payload = Buffer.concat([
    Buffer.from(parts.join('')),
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

const proof = () => ({ code: submitted.code, secret: submitted.trackingSecret, phone: PHONE });
const track = async (p: Record<string, string> = proof()) =>
  t.app.inject({ method: 'POST', url: '/api/public/matters/track', payload: p });

beforeAll(async () => {
  t = await createTestApp();
  clerk = await t.login('village-clerk');
  villageId = (await orgByDivision(t, '620602001001')).id;
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/public/matters',
    payload: {
      countyCode: '620602',
      kind: 'dispute',
      channel: 'online',
      categoryCode: 'MED-02',
      title: '邻居院墙滴水',
      description: '邻居家院墙滴水到我家院内，多次商量没有结果。',
      place: { villageId, address: '南苑社区3号院' },
      parties: [
        { role: 'applicant', name: '钱某某', phone: PHONE },
        { role: 'respondent', name: '孙某某', phone: '13600001111', address: '南苑社区4号院' },
      ],
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  submitted = res.json();
  const list = await clerk.request({ method: 'GET', url: `/api/matters?q=${submitted.code}` });
  matterId = list.json().items[0].id;
});
afterAll(() => t.close());

describe('a dispute filed online', () => {
  it('keeps the other party the resident named, for the agreement later', async () => {
    const m = (await clerk.request({ method: 'GET', url: `/api/matters/${matterId}` })).json();
    expect(m.parties.map((p: { role: string }) => p.role).sort()).toEqual(['applicant', 'respondent']);
    expect(JSON.stringify(submitted.tracking)).not.toMatch(/孙某某|钱某某|MED-02/);
    expect(submitted.tracking.category).toBe('邻里');
  });

  it('sends the code and the secret by SMS, then wipes the secret from the outbox', async () => {
    // The recipient's number is stored sealed (G31): found by opening it, never by its text.
    const cipher = piiCipher(t.deps.config);
    const queued = (await t.database.db.select().from(notificationOutbox)).find(
      (r) => r.recipientPhone && cipher.open('phone', r.recipientPhone) === PHONE,
    );
    expect(queued!.recipientPhone).toMatch(/^enc1:/);
    expect(queued).toMatchObject({ template: 'matter_submitted', status: 'pending' });
    expect(queued!.params.secret).toBe(submitted.trackingSecret);
    await deliverDue(t.deps);
    const [sms] = await t.database.db.select().from(devSmsMessages).where(eq(devSmsMessages.phone, PHONE));
    expect(sms!.text).toContain(submitted.code);
    expect(sms!.text).toContain(submitted.trackingSecret);
    const [after] = await t.database.db
      .select()
      .from(notificationOutbox)
      .where(eq(notificationOutbox.id, queued!.id));
    expect(after!.status).toBe('sent');
    expect(JSON.stringify(after!.params)).not.toContain(submitted.trackingSecret);
  });

  it('opens with the code without dashes and the secret in lower case without dashes', async () => {
    const res = await track({
      code: submitted.code.replaceAll('-', ''),
      secret: submitted.trackingSecret.replaceAll('-', '').toLowerCase(),
      phone: PHONE,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().code).toBe(submitted.code);
  });
});

describe('photos from the resident', () => {
  it('takes a photo with the proof, re-encoded without its position, and staff see it', async () => {
    const photo = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#884' } })
      .jpeg()
      .withExif({
        IFD0: { Model: 'ResidentPhone' },
        IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '37/1 55/1 42/1' },
      })
      .toBuffer();
    expect(photo.includes(Buffer.from('ResidentPhone'))).toBe(true);
    const up = await t.app.inject({
      method: 'POST',
      url: '/api/public/matters/attachments',
      ...multipart(proof(), '滴水.jpg', photo),
    });
    expect(up.statusCode, up.body).toBe(201);
    const list = (await clerk.request({ method: 'GET', url: `/api/matters/${matterId}/attachments` })).json();
    expect(list).toEqual([
      expect.objectContaining({
        id: up.json().id,
        origin: 'resident',
        uploader: '群众提交',
        thumbnail: true,
      }),
    ]);
    const down = await clerk.request({
      method: 'GET',
      url: `/api/matters/${matterId}/attachments/${up.json().id}`,
    });
    expect(down.rawPayload.includes(Buffer.from('ResidentPhone'))).toBe(false);
    expect((await sharp(down.rawPayload).metadata()).exif).toBeUndefined();
    const tracked = (await track()).json();
    expect(tracked.files).toHaveLength(1);
    expect(tracked.uploads).toMatchObject({ open: true, kinds: ['image', 'video'] });
    expect(tracked.timeline.map((e: { label: string }) => e.label)).toContain('您补充了材料');
  });

  it('refuses a PDF where the category asks for photos and video, and a wrong proof like a missing matter', async () => {
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/public/matters/attachments',
      ...multipart(proof(), '合同.pdf', pdf),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toMatch(/只接受JPG、PNG 图片、MP4、MOV 视频/);
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/public/matters/attachments',
      ...multipart({ ...proof(), phone: '13900000000' }, 'x.jpg', pdf),
    });
    expect(wrong.statusCode).toBe(404);
  });
});

describe('tracking in the resident’s words, the answer and the documents', () => {
  it('says where the matter went, never the staff procedure names', async () => {
    const town = await orgByDivision(t, '620602001');
    await act(clerk, matterId, {
      action: 'transfer',
      transferKind: 'escalate_up',
      toOrgId: town.id,
      reason: '涉及多户，需街道协调',
    });
    const tracked = (await track()).json();
    const labels = tracked.timeline.map((e: { label: string }) => e.label).join('|');
    expect(labels).toContain(`已转至${town.centerName ?? town.name}`);
    expect(labels).not.toMatch(/流转|交办|上提|解除协办|MED-/);
    expect(JSON.stringify(tracked)).not.toMatch(/流转|MED-/);
    // Back at the village for the rest of the journey.
    await act(clerk, matterId, { action: 'recall', reason: '街道退回，由村处理' });
  });

  it('shows the answer and the documents served, downloadable with the proof and recorded', async () => {
    await act(clerk, matterId, { action: 'accept' });
    await act(clerk, matterId, { action: 'answer', reason: '经调解，邻居同意加装接水槽，滴水问题已解决。' });
    const tracked = (await track()).json();
    expect(tracked.answer.title).toBe('答复意见');
    expect(tracked.answer.lines.join('')).toContain('邻居同意加装接水槽');
    const titles = tracked.documents.map((d: { title: string }) => d.title);
    expect(titles).toEqual(expect.arrayContaining(['受理告知书', '答复意见']));
    expect(tracked.uploads.open).toBe(false);
    const answer = tracked.documents.find((d: { title: string }) => d.title === '答复意见');
    const pdf = await t.app.inject({
      method: 'POST',
      url: '/api/public/matters/documents',
      payload: { ...proof(), kind: 'notice', id: answer.id },
    });
    expect(pdf.statusCode, pdf.body.slice(0, 200)).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const printed = await t.database.db.select().from(events).where(eq(events.objectId, matterId));
    expect(printed.some((e) => e.action === 'document.generated' && e.actorId === null)).toBe(true);
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/public/matters/documents',
      payload: { ...proof(), secret: 'AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG', kind: 'notice', id: answer.id },
    });
    expect(wrong.statusCode).toBe(404);
  });

  it('refuses files once the matter is answered', async () => {
    const photo = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#000' } })
      .jpeg()
      .toBuffer();
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/public/matters/attachments',
      ...multipart(proof(), 'late.jpg', photo),
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toMatch(/已办结/);
  });
});
