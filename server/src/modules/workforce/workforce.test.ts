import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUser, orgByDivision } from '../../../test/factories';
import { createTestApp, type Session, type TestApp } from '../../../test/test-app';
import { piiCipher } from '../../pii/pii-cipher';

let t: TestApp;
let gw1: Session;
let gw2: Session;
let townLeader: Session;
let villageClerk: Session;
let admin: Session;
let villageId: string;

const rows = async <T>(q: ReturnType<typeof sql>) =>
  ((await t.database.db.execute(q)) as unknown as { rows: T[] }).rows;

beforeAll(async () => {
  t = await createTestApp();
  gw1 = await t.login('town01-gw1');
  gw2 = await t.login('town01-gw2');
  townLeader = await t.login('town01-leader');
  villageClerk = await t.login('village-clerk');
  admin = await t.login('admin');
  villageId = (await orgByDivision(t, '620602001001')).id;
  // Stored sealed, as every write through the users service stores it.
  const phone = piiCipher(t.deps.config).seal('phone', '13912345678');
  await t.database.db.execute(sql`update users set phone = ${phone} where id = ${gw1.userId}`);
});
afterAll(() => t.close());

/** A report made on the phone `hoursAgo` before it reached the server. */
async function report(title: string, hoursAgo: number) {
  const madeAt = new Date(t.clock.now().getTime() - hoursAgo * 3_600_000).toISOString();
  const res = await gw1.request({
    method: 'POST',
    url: '/api/field/reports',
    payload: {
      clientId: randomUUID(),
      madeAt,
      categoryCode: 'GRID-02',
      title,
      description: '巷口电线杆上的线路老化外露，雨天有漏电危险。',
      place: { villageId, address: '某巷口' },
      parties: [{ role: 'applicant', name: '赵某', phone: '13800001111' }],
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().matter.id as string;
}

async function log(kind: 'patrol' | 'visit' | 'note', day: number, matterId?: string) {
  const res = await gw1.request({
    method: 'POST',
    url: '/api/field/logs',
    payload: {
      id: randomUUID(),
      kind,
      happenedAt: `2026-03-${String(day).padStart(2, '0')}T09:00:00+08:00`,
      note: '按标准记录',
      ...(matterId ? { matterId } : {}),
    },
  });
  expect(res.statusCode, res.body).toBe(201);
}

describe('roster (网格员花名册)', () => {
  it('lists the town’s grid workers with their grids and a masked contact', async () => {
    const res = await townLeader.request({ method: 'GET', url: '/api/workforce/roster' });
    expect(res.statusCode, res.body).toBe(200);
    const list = res.json() as { userId: string; phone: string | null; status: string; grids: unknown[] }[];
    const one = list.find((w) => w.userId === gw1.userId)!;
    expect(one).toMatchObject({ status: 'active', phone: '139****5678' });
    expect(one.grids.length).toBeGreaterThan(0);
    expect(list.some((w) => w.userId === gw2.userId)).toBe(true);
    expect(res.body).not.toContain('13912345678');
  });

  it('shows a village only its own workers and refuses the grid worker', async () => {
    const res = await villageClerk.request({ method: 'GET', url: '/api/workforce/roster' });
    expect(res.statusCode).toBe(200);
    const ids = (res.json() as { userId: string }[]).map((w) => w.userId);
    expect(ids).toContain(gw1.userId);
    expect(ids).not.toContain(gw2.userId);
    expect((await gw1.request({ method: 'GET', url: '/api/workforce/roster' })).statusCode).toBe(403);
  });
});

describe('duty standard (履职标准)', () => {
  it('ships the Liangzhou defaults and saves a new version for the business administrator only', async () => {
    const first = await admin.request({ method: 'GET', url: '/api/config/duty-standard' });
    expect(first.json()).toMatchObject({ version: 0, isDefault: true, standard: { patrolsPerWeek: 5 } });
    const standard = { ...first.json().standard, reportWithinHours: 3 };
    const saved = await admin.request({
      method: 'PUT',
      url: '/api/config/duty-standard',
      payload: { baseVersion: 0, standard },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ version: 1, standard: { reportWithinHours: 3 } });
    const stale = await admin.request({
      method: 'PUT',
      url: '/api/config/duty-standard',
      payload: { baseVersion: 0, standard: { ...standard, reportWithinHours: 2 } },
    });
    expect(stale.statusCode).toBe(409);
    // Back to two hours for the assessment below (version 2).
    const back = await admin.request({
      method: 'PUT',
      url: '/api/config/duty-standard',
      payload: { baseVersion: 1, standard: { ...standard, reportWithinHours: 2 } },
    });
    expect(back.statusCode).toBe(200);
    const leader = await townLeader.request({
      method: 'PUT',
      url: '/api/config/duty-standard',
      payload: { baseVersion: 2, standard },
    });
    expect(leader.statusCode).toBe(403);
  });
});

describe('assessment (考核) against a hand computation', () => {
  it('scores March 2026 for the town’s workers as computed by hand', async () => {
    t.clock.set('2026-03-20T04:00:00.000Z');
    // Sessions expire across the jump: sign in again at the new time.
    gw1 = await t.login('town01-gw1');
    gw2 = await t.login('town01-gw2');
    townLeader = await t.login('town01-leader');
    admin = await t.login('admin');
    // Fixture: 11 patrols, 6 visits, 2 notes on a reported matter, 3 reports of which 2 reached
    // the server within 2 hours; and one patrol in February, which March does not count.
    for (let d = 1; d <= 11; d++) await log('patrol', d);
    for (let d = 1; d <= 6; d++) await log('visit', d + 2);
    const first = await report('三月上报一', 1);
    await report('三月上报二', 5);
    await report('三月上报三', 2);
    await log('note', 12, first);
    await log('note', 13, first);
    const feb = await gw1.request({
      method: 'POST',
      url: '/api/field/logs',
      payload: {
        id: randomUUID(),
        kind: 'patrol',
        happenedAt: '2026-02-28T23:30:00+08:00',
        note: '二月巡查',
      },
    });
    expect(feb.statusCode).toBe(201);

    const points = await townLeader.request({
      method: 'PUT',
      url: `/api/workforce/workers/${gw1.userId}/town-points`,
      payload: { period: '2026-03', points: 15, note: '群众评价较好，例会按时参加' },
    });
    expect(points.statusCode, points.body).toBe(200);

    const res = await townLeader.request({ method: 'GET', url: '/api/workforce/assessment?period=2026-03' });
    expect(res.statusCode, res.body).toBe(200);
    const view = res.json() as {
      rows: {
        userId: string;
        total: number;
        rank: number;
        rankOf: number;
        parts: object;
        performance: object;
      }[];
    };
    // By hand (docs/WORKFORCE.md): March has 31 days, so 5 × 31/7 = 22.1 → 22 patrols owed, 30 visits,
    // 4 follow-ups. 25·11/22 + 20·6/30 + 10·2/4 + 15·2/3 + 10·3/3 + 15 = 12.5 + 4 + 5 + 10 + 10 + 15 = 56.5.
    const one = view.rows.find((r) => r.userId === gw1.userId)!;
    expect(one.performance).toEqual({
      patrols: 11,
      patrolsDue: 22,
      visits: 6,
      visitsDue: 30,
      followUps: 2,
      followUpsDue: 4,
      reports: 3,
      timelyReports: 2,
      validReports: 3,
      resolvedReports: 0,
    });
    expect(one.parts).toEqual({
      patrol: 12.5,
      visit: 4,
      followUp: 5,
      timeliness: 10,
      validity: 10,
      town: 15,
    });
    expect(one.total).toBe(56.5);
    // The colleague recorded nothing and has no town points: nothing reported counts as met (15 + 10).
    const two = view.rows.find((r) => r.userId === gw2.userId)!;
    expect(two.total).toBe(25);
    expect(one.rank).toBe(1);
    expect(two.rank).toBe(2);
    expect(one.rankOf).toBe(two.rankOf);

    // The worker sees his own line on /field; the export carries the same figures.
    const mine = await gw1.request({ method: 'GET', url: '/api/workforce/me?period=2026-03' });
    expect(mine.statusCode, mine.body).toBe(200);
    expect(mine.json().row).toMatchObject({ total: 56.5, rank: 1, townNote: '群众评价较好，例会按时参加' });
    const xlsx = await townLeader.request({
      method: 'GET',
      url: '/api/workforce/assessment.xlsx?period=2026-03',
    });
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('网格员考核')!;
    const totals: number[] = [];
    sheet.eachRow((r, i) => {
      if (i > 1) totals.push(r.getCell(14).value as number);
    });
    expect(totals).toContain(56.5);
    const events = await rows<{ action: string }>(
      sql`select action from events where action like 'workforce.%' order by at`,
    );
    expect(events.map((e) => e.action)).toEqual([
      'workforce.town_points_given',
      'workforce.assessment_exported',
    ]);
  });
});

describe('hand-over (交接)', () => {
  it('passes the grids and open follow-ups to the colleague in one audited transaction, nothing orphaned', async () => {
    const grids1 = await rows<{ grid_id: string }>(
      sql`select grid_id from grid_workers where user_id = ${gw1.userId}`,
    );
    expect(grids1.length).toBeGreaterThan(0);
    const open = await rows<{ matter_id: string }>(
      sql`select matter_id from matter_followers where user_id = ${gw1.userId}`,
    );
    expect(open.length).toBe(3);

    // Refusals first: to himself, to a worker of another town.
    const self = await townLeader.request({
      method: 'POST',
      url: `/api/workforce/workers/${gw1.userId}/handover`,
      payload: { toUserId: gw1.userId, status: 'left', reason: '调离本镇' },
    });
    expect(self.statusCode).toBe(422);
    const town2 = await orgByDivision(t, '620602002001');
    const stranger = await buildUser(t, town2, ['grid_worker']);
    const far = await admin.request({
      method: 'POST',
      url: `/api/workforce/workers/${gw1.userId}/handover`,
      payload: { toUserId: stranger.id, status: 'left', reason: '调离本镇' },
    });
    expect(far.statusCode).toBe(422);
    expect(far.json().message).toContain('同一乡镇');
    // The grid worker himself may not hand over.
    const own = await gw1.request({
      method: 'POST',
      url: `/api/workforce/workers/${gw1.userId}/handover`,
      payload: { toUserId: gw2.userId, status: 'left', reason: '调离本镇' },
    });
    expect(own.statusCode).toBe(403);

    const res = await townLeader.request({
      method: 'POST',
      url: `/api/workforce/workers/${gw1.userId}/handover`,
      payload: { toUserId: gw2.userId, status: 'left', reason: '调离本镇' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      gridsHanded: grids1.length,
      followUpsHanded: 3,
      leaver: { status: 'left', grids: [], openFollowUps: 0, handedTo: { id: gw2.userId } },
      colleague: { status: 'active', openFollowUps: 3 },
    });

    // Enumerate every column of the schema that holds a user id.
    const cols = await rows<{ t: string; c: string }>(sql`
      select tc.table_name as t, kcu.column_name as c
        from information_schema.table_constraints tc
        join information_schema.key_column_usage kcu
          on kcu.constraint_name = tc.constraint_name and kcu.table_schema = tc.table_schema
        join information_schema.constraint_column_usage ccu
          on ccu.constraint_name = tc.constraint_name and ccu.table_schema = tc.table_schema
       where tc.constraint_type = 'FOREIGN KEY' and ccu.table_name = 'users' and tc.table_schema = 'public'
      union
      select table_name, column_name from information_schema.columns
       where table_schema = 'public' and data_type = 'uuid'
         and (column_name ~ '(^|_)user_id$' or column_name ~ '_by$' or column_name in ('actor_id', 'mediator_id', 'handed_to'))
      order by 1, 2`);
    const unclassified = cols.map((r) => `${r.t}.${r.c}`).filter((k) => !(k in classification));
    expect(unclassified).toEqual([]);
    for (const { t: table, c: column } of cols) {
      const key = `${table}.${column}`;
      if (classification[key] !== 'handed') continue;
      const left = await rows<{ n: number }>(
        sql.raw(`select count(*)::int as n from ${table} where ${column} = '${gw1.userId}'`),
      );
      const openLeft =
        table === 'matter_followers'
          ? await rows<{ n: number }>(
              sql`select count(*)::int as n from matter_followers f join matters m on m.county_code = f.county_code and m.id = f.matter_id
                   where f.user_id = ${gw1.userId} and m.status not in ('answered','rated','followed_up','archived','voided','merged','not_accepted','channelled','referred_to_court')`,
            )
          : left;
      expect(openLeft[0]?.n, key).toBe(0);
    }
    // Every grid he held has the colleague now.
    const grids2 = await rows<{ grid_id: string }>(
      sql`select grid_id from grid_workers where user_id = ${gw2.userId}`,
    );
    expect(grids2.map((g) => g.grid_id)).toEqual(expect.arrayContaining(grids1.map((g) => g.grid_id)));
    // His role is gone: the field kit refuses his account from the next request.
    expect(
      await rows(sql`select 1 from user_roles where user_id = ${gw1.userId} and role = 'grid_worker'`),
    ).toEqual([]);
    expect((await gw1.request({ method: 'GET', url: '/api/field/home' })).statusCode).toBe(403);
    const ev = await rows<{ after: { grids: string[]; matters: string[] }; reason: string }>(
      sql`select after, reason from events where action = 'workforce.handed_over' and object_id = ${gw1.userId}`,
    );
    expect(ev).toHaveLength(1);
    expect(ev[0]!.after.matters).toHaveLength(3);
    expect(ev[0]!.reason).toBe('调离本镇');
    // A second hand-over of the same worker is refused; the roster still lists him, as 离职.
    const again = await townLeader.request({
      method: 'POST',
      url: `/api/workforce/workers/${gw1.userId}/handover`,
      payload: { toUserId: gw2.userId, status: 'left', reason: '调离本镇' },
    });
    expect(again.statusCode).toBe(422);
    const list = (await townLeader.request({ method: 'GET', url: '/api/workforce/roster' })).json() as {
      userId: string;
      status: string;
    }[];
    expect(list.find((w) => w.userId === gw1.userId)?.status).toBe('left');
  });
});

/**
 * Every column that can hold a user's id, and what a grid worker's hand-over does with it. A new
 * column that references users fails the test above until someone says here whether a hand-over must
 * move it (`handed`) or it is the account's own or a record of what happened (`kept`).
 */
const classification: Record<string, 'handed' | 'kept'> = {
  // Moved: the grids he works and the open reports he follows.
  'grid_workers.user_id': 'handed',
  'matter_followers.user_id': 'handed',
  // The record of what he did, which the assessment counts and the audit keeps.
  'field_logs.user_id': 'kept',
  // Who called a 调度会 or recorded a 治未病 measure: a record of what happened.
  'dispatch_meetings.created_by': 'kept',
  'risk_measures.created_by': 'kept',
  // Who referred a matter's party to a service, who recorded a counselling session: the record.
  'referrals.created_by': 'kept',
  'referral_sessions.recorded_by': 'kept',
  // Who made a 联防 roster, reported a shift, attested or reviewed a 平安建设 target: the record.
  'patrol_rosters.created_by': 'kept',
  'patrol_shifts.reported_by': 'kept',
  'safety_attestations.attested_by': 'kept',
  'safety_attestations.reviewed_by': 'kept',
  'field_reports.user_id': 'kept',
  'matters.intake_user_id': 'kept',
  'assessment_points.user_id': 'kept',
  'assessment_points.entered_by': 'kept',
  'worker_statuses.user_id': 'kept',
  'worker_statuses.handed_to': 'kept',
  'worker_statuses.updated_by': 'kept',
  // The account's own: its roles (a leaver loses grid_worker, checked above), sessions, second
  // factor, password resets and inbox.
  'user_roles.user_id': 'kept',
  'user_roles.granted_by': 'kept',
  'sessions.user_id': 'kept',
  'recovery_codes.user_id': 'kept',
  'password_resets.user_id': 'kept',
  'password_resets.requested_by': 'kept',
  'password_resets.decided_by': 'kept',
  'in_app_messages.user_id': 'kept',
  'notification_outbox.recipient_user_id': 'kept',
  // Who did or decided something: the record, never reassigned.
  'events.actor_id': 'kept',
  'agreement_signatures.recorded_by': 'kept',
  'attachments.uploaded_by': 'kept',
  'config_documents.created_by': 'kept',
  'deliberation_bodies.created_by': 'kept',
  'deliberation_contributions.created_by': 'kept',
  'deliberation_items.ballots_entered_by': 'kept',
  'deliberation_meetings.created_by': 'kept',
  'holiday_years.created_by': 'kept',
  'matter_notices.created_by': 'kept',
  'mediation_agreements.created_by': 'kept',
  'mediator_profiles.updated_by': 'kept',
  'open311_clients.created_by': 'kept',
  'open311_clients.revoked_by': 'kept',
  'risk_warnings.handled_by': 'kept',
  'supervision_orders.issued_by_user_id': 'kept',
  // Not a grid duty: a seat on a 议事会 is held by the person, elected or appointed for a term, and
  // ends by the body's own decision; mediators' roster entries and agreements belong to mediators,
  // and a grid worker holds neither by that role.
  'deliberation_members.user_id': 'kept',
  'mediator_profiles.user_id': 'kept',
  'mediation_agreements.mediator_id': 'kept',
  // 日常培训: what he attended and the tests he took are his own record; a colleague does not inherit
  // a training, he owes his own (docs/WORKFORCE.md "Training").
  'training_attendance.user_id': 'kept',
  'training_attendance.recorded_by': 'kept',
  'training_attempts.user_id': 'kept',
  'training_courses.created_by': 'kept',
  'training_sessions.created_by': 'kept',
};
