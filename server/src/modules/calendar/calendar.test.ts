/**
 * Holiday arrangements as the product's own data (issue 13): a petition accepted on 2026-12-06, when
 * 2027 has no arrangement yet, gets a provisional XF-34 date on every surface; loading the (sample)
 * 2027 notice recomputes it in the same transaction, with an event and an in-app message; the save
 * is versioned and refuses a stale or impossible year.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_2027_NOTICE_TEXT } from '../../../../core/domain/time-limits/holiday-notice.sample';
import { orgByDivision } from '../../../test/factories';
import { act, disputeBody, view } from '../../../test/matter-steps';
import { createTestApp, type Session, type TestApp } from '../../../test/test-app';
import { deliverDue } from '../notifications/notifications.service';

let t: TestApp;
let admin: Session;
let district: Session;

type Deadline = {
  basis: string;
  status: string;
  dueAt: string;
  provisionalNote: string | null;
  explanation: string;
};
const running = (m: { deadlines: Deadline[] }, basis: string) =>
  m.deadlines.find((d) => d.basis === basis && d.status === 'running')!;

beforeAll(async () => {
  t = await createTestApp();
  // Sunday 2026-12-06 10:00 in Beijing: the day the issue was found.
  t.clock.set('2026-12-06T02:00:00.000Z');
  admin = await t.login('admin');
  district = await t.login('clerk');
});
afterAll(() => t.close());

/** A petition by a resident of his own (another person's petition is never its duplicate). */
async function petition(
  s: Session,
  app: TestApp = t,
  who = { name: '赵甲', phone: '13700001111' },
  villageCode = '620602001001',
) {
  const village = await orgByDivision(app, villageCode);
  const res = await s.request({
    method: 'POST',
    url: '/api/matters',
    payload: {
      ...disputeBody(village.id),
      kind: 'petition',
      categoryCode: 'PET-03',
      title: '反映宅基地确权久拖不决',
      description: `${who.name}反映宅基地确权申请已递交两年仍未办结。`,
      parties: [{ role: 'applicant', ...who }],
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().matter;
}

describe('the holiday table', () => {
  it('holds the years the package transcribes, and says 2027 is missing from 1 November', async () => {
    const res = await admin.request({ method: 'GET', url: '/api/config/holidays' });
    expect(res.statusCode, res.body).toBe(200);
    const o = res.json();
    expect(o.coverage).toMatchObject({ coveredTo: 2026, provisionalFrom: 2027 });
    expect(o.coverage.warning).toContain('2027 年节假日安排尚未载入');
    expect(o.years[0]).toMatchObject({ year: 2026, status: 'official', version: 1 });
    expect(o.years.at(-1).year).toBe(2004);
    const health = (await t.app.inject({ method: 'GET', url: '/healthz' })).json();
    expect(health.calendar).toMatchObject({ coveredTo: 2026, provisionalFrom: 2027 });
    expect(health.clock).toEqual({ simulated: false });
  });

  it('refuses the page to a clerk', async () => {
    expect((await district.request({ method: 'GET', url: '/api/config/holidays' })).statusCode).toBe(403);
  });
});

describe('a petition accepted on 2026-12-06, before the 2027 notice is loaded', () => {
  let id: string;

  it('gets its XF-34 date, 暂定 on the matter, in the acceptance notice and in the SMS', async () => {
    const m0 = await petition(district);
    id = m0.id;
    const m = await act(district, id, { action: 'accept' });
    const xf34 = running(m, 'XF-34');
    // 60 days from the next day: 12-07 … 2027-02-04 (Thursday); weekends only in 2027.
    expect(xf34.dueAt).toBe('2027-02-04T15:59:59.999Z');
    expect(xf34.provisionalNote).toBe('2027 年节假日安排尚未公布，暂按周末推算，公布后自动重算');
    expect(xf34.explanation).toContain('（暂定：2027 年节假日安排尚未公布，暂按周末推算，公布后自动重算）');
    const served = m.notices.find((n: { kind: string }) => n.kind === 'acceptance');
    const notice = (
      await district.request({ method: 'GET', url: `/api/matters/${id}/notices/${served.id}` })
    ).json();
    const text = notice.lines.join('\n');
    expect(text).toContain('本单位将在2027年2月4日前办结并书面答复您（暂定：2027 年节假日安排尚未公布');
    const sms = await t.database.pglite?.query<{ params: { due: string } }>(
      `select params from notification_outbox where template = 'matter_accepted' order by created_at desc limit 1`,
    );
    if (sms) expect(sms.rows[0]?.params.due).toBe('2027年2月4日（暂定）');
  });

  it('loads the sample 2027 notice: read, corrected by a click, saved, and the petition recomputed', async () => {
    const preview = await admin.request({
      method: 'POST',
      url: '/api/config/holidays/preview',
      payload: { format: 'notice', content: SAMPLE_2027_NOTICE_TEXT },
    });
    expect(preview.statusCode, preview.body).toBe(200);
    const p = preview.json();
    expect(p.arrangement.year).toBe(2027);
    expect(p.arrangement.restDays).toHaveLength(29);
    expect(p.arrangement.workdays.map((d: { date: string }) => d.date)).toContain('2027-01-31');
    expect(p.currentVersion).toBe(0);
    expect(p.affectedDeadlines).toBeGreaterThanOrEqual(1);

    const saved = await admin.request({
      method: 'PUT',
      url: '/api/config/holidays/2027',
      payload: { arrangement: p.arrangement, baseVersion: 0 },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const r = saved.json();
    expect(r.version).toBe(1);
    expect(r.recomputed.changed).toBeGreaterThanOrEqual(1);

    const m = await view(district, id);
    const xf34 = running(m, 'XF-34');
    // On the 2027 arrangement the 60th day is the same Thursday 2027-02-04 (a calendar-day period that
    // ends on a working day): the date stays and is no longer provisional.
    expect(xf34.dueAt).toBe('2027-02-04T15:59:59.999Z');
    expect(xf34.provisionalNote).toBeNull();
    const events = m.timeline.map((e: { action?: string; label: string }) => e.action ?? e.label);
    expect(events.join(' ')).toMatch(/deadline\.recomputed|期限重新计算/);
  });

  it('refuses a stale version and a year with an impossible day, in plain words', async () => {
    const detail = (await admin.request({ method: 'GET', url: '/api/config/holidays/2027' })).json();
    expect(detail.version).toBe(1);
    const stale = await admin.request({
      method: 'PUT',
      url: '/api/config/holidays/2027',
      payload: { arrangement: detail.arrangement, baseVersion: 0 },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().message).toContain('已被他人修改');
    const wrong = await admin.request({
      method: 'PUT',
      url: '/api/config/holidays/2027',
      payload: {
        arrangement: { ...detail.arrangement, workdays: [{ date: '2027-03-03', name: '错误' }] },
        baseVersion: 1,
      },
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().message).toContain('调休上班日 2027-03-03 本来就是工作日');
  });
});

describe('dates that move when the year is loaded', () => {
  let t2: TestApp;
  beforeAll(async () => {
    t2 = await createTestApp();
  });
  afterAll(() => t2.close());

  it('moves a clock nobody was told, with one event and an in-app message; keeps a date a resident was told', async () => {
    // Friday 2027-01-22 10:00: 2027 is still missing.
    t2.clock.set('2027-01-22T02:00:00.000Z');
    const clerk = await t2.login('village-clerk');
    const village = await orgByDivision(t2, '620602001001');
    const res = await clerk.request({
      method: 'POST',
      url: '/api/matters',
      payload: { ...disputeBody(village.id), kind: 'petition', categoryCode: 'PET-03' },
    });
    expect(res.statusCode, res.body).toBe(201);
    const m = res.json().matter;
    // XF art. 23: day 15 from the next day is Saturday 02-06; provisionally rolled to Monday 02-08.
    const before = running(m, 'XF-23-notice');
    expect(before.dueAt).toBe('2027-02-08T15:59:59.999Z');
    expect(before.provisionalNote).not.toBeNull();

    // A petition accepted on 2026-12-08: XF-34's 60th day is Saturday 2027-02-06, provisionally 02-08,
    // and the acceptance notice told the petitioner so.
    t2.clock.set('2026-12-08T02:00:00.000Z');
    const district2 = await t2.login('clerk');
    const accepted = await act(
      district2,
      (await petition(district2, t2, { name: '钱乙', phone: '13600002222' }, '620602001002')).id,
      { action: 'accept' },
    );
    expect(running(accepted, 'XF-34').dueAt).toBe('2027-02-08T15:59:59.999Z');

    t2.clock.set('2027-01-22T03:00:00.000Z');
    const admin2 = await t2.login('admin');
    const p = (
      await admin2.request({
        method: 'POST',
        url: '/api/config/holidays/preview',
        payload: { format: 'notice', content: SAMPLE_2027_NOTICE_TEXT },
      })
    ).json();
    const saved = await admin2.request({
      method: 'PUT',
      url: '/api/config/holidays/2027',
      payload: { arrangement: p.arrangement, baseVersion: 0 },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().recomputed).toMatchObject({ moved: 1, kept: 1 });

    // Spring Festival 02-05 … 02-13 in the sample: the notice clock rolls on to Monday 02-15.
    // The clock moved: the staff log in again, as they would.
    const clerkAgain = await t2.login('village-clerk');
    const after = running(await view(clerkAgain, m.id), 'XF-23-notice');
    expect(after.dueAt).toBe('2027-02-15T15:59:59.999Z');
    expect(after.provisionalNote).toBeNull();
    expect(after.explanation).toContain('2027年2月15日');
    // The handling period the petitioner was told stays: a later date never replaces a promise.
    const kept = running(await view(await t2.login('clerk'), accepted.id), 'XF-34');
    expect(kept.dueAt).toBe('2027-02-08T15:59:59.999Z');
    expect(kept.explanation).toContain('仍按告知的日期办结');

    await deliverDue(t2.deps);
    const inbox = (await clerkAgain.request({ method: 'GET', url: '/api/notifications/messages' })).json();
    const moved = inbox.items.find((x: { title: string }) => x.title === '期限已重新计算');
    expect(moved?.body).toContain(`事项 ${m.code} 的`);
    expect(moved?.body).toContain('由 2027年2月8日 调整为 2027年2月15日');
    expect(moved?.link).toBe(`/matters/${m.id}`);
  });
});
