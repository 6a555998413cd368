/**
 * Petitions that end other than by an opinion (docs/LEGAL.md §1.31–1.32), over the API: withdrawn by
 * the petitioner online with his code, withdrawn at the window and recorded by staff (never the
 * handler) with the channel and the evidence, and settled by a mediation agreement that took effect.
 * Each ends in its own status with its own document, shown on the matter page and the tracking page.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toLocalDate } from '../../../../core/domain/time-limits/local-date';
import { agreeInWriting } from '../../../test/agreement-steps';
import { orgByDivision } from '../../../test/factories';
import { act, view } from '../../../test/matter-steps';
import { createTestApp, type Session, type TestApp } from '../../../test/test-app';

let t: TestApp;
let clerk: Session;
let leader: Session;
const PHONE = '13987650001';

beforeAll(async () => {
  t = await createTestApp();
  t.clock.set('2026-12-07T02:00:00.000Z');
  clerk = await t.login('town01-clerk');
  leader = await t.login('town01-leader');
});
afterAll(() => t?.close());

const rows = async (q: ReturnType<typeof sql>) =>
  ((await t.database.db.execute(q)) as unknown as { rows: Record<string, unknown>[] }).rows;
const running = (m: { deadlines: { basis: string; status: string }[] }) =>
  m.deadlines.filter((d) => ['running', 'paused'].includes(d.status)).map((d) => d.basis);

async function petition(title: string, phone = PHONE) {
  const village = await orgByDivision(t, '620602001001');
  const res = await clerk.request({
    method: 'POST',
    url: '/api/matters',
    payload: {
      kind: 'petition',
      channel: 'walk_in',
      categoryCode: 'PET-03',
      title,
      description: '邻居加盖房屋占用了公共通道，村里多次协调未果，请求依法处理。',
      place: { villageId: village.id, address: '南苑社区某巷 8 号' },
      parties: [
        { role: 'applicant', name: '孙某某', phone },
        { role: 'respondent', name: '周某某', phone: '13600003333' },
      ],
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  const m = await act(clerk, res.json().matter.id, { action: 'accept' });
  expect(running(m)).toContain('XF-34');
  return { m, proof: { code: m.code as string, secret: res.json().trackingSecret as string, phone } };
}

const track = async (proof: object) =>
  (await t.app.inject({ method: 'POST', url: '/api/public/matters/track', payload: proof })).json();

describe('a petition withdrawn by the petitioner', () => {
  it('online, with his code: ends as 已撤回 with the 撤回确认书, its clock closed, shown to him and to staff', async () => {
    const { m, proof } = await petition('占用公共通道（网上撤回）');
    const before = await track(proof);
    expect(before.actions.map((a: { action: string }) => a.action)).toContain('withdraw');
    const bare = await t.app.inject({
      method: 'POST',
      url: '/api/public/matters/act',
      payload: { ...proof, action: 'withdraw' },
    });
    expect(bare.statusCode).toBe(422);
    expect(bare.json().details.reason).toBe('REASON_REQUIRED');

    const res = await t.app.inject({
      method: 'POST',
      url: '/api/public/matters/act',
      payload: { ...proof, action: 'withdraw', reason: '已与邻居协商，通道已让出' },
    });
    expect(res.statusCode, res.body).toBe(200);
    const tracking = res.json();
    expect(tracking.status).toBe('withdrawn');
    expect(tracking.statusLabel).toBe('已撤回');
    const doc = tracking.documents.find((d: { title: string }) => d.title === '信访事项撤回确认书');
    expect(doc).toBeTruthy();
    expect(tracking.ending).toMatchObject({
      kind: 'withdrawal',
      label: '信访人撤回',
      documentTitle: '信访事项撤回确认书',
      documentKind: 'notice',
      documentId: doc.id,
    });
    expect(tracking.ending.words).toContain('您已撤回');
    expect(tracking.timeline.map((e: { label: string }) => e.label)).toContain('信访事项已撤回，终止办理');
    expect(tracking.actions).toEqual([]);

    const staffView = await view(clerk, m.id);
    expect(staffView.status).toBe('withdrawn');
    expect(running(staffView)).not.toContain('XF-34');
    expect(staffView.ending).toMatchObject({ kind: 'withdrawal', documentId: doc.id });
    const [notice] = await rows(
      sql`select body from matter_notices where matter_id = ${m.id} and kind = 'withdrawal'`,
    );
    const lines = (notice!.body as { lines: string[] }).lines;
    expect(lines.join('\n')).toContain('经您在网上自行提出，您已撤回上述信访事项');
    expect(lines).toContain('撤回理由：已与邻居协商，通道已让出');
    const [event] = await rows(
      sql`select after from events where object_id = ${m.id} and action = 'matter.withdrawn'`,
    );
    expect(event!.after).toMatchObject({
      withdrawnBy: 'petitioner',
      channel: 'online',
      ending: 'withdrawal',
    });

    // Filed like every closed outcome; the ending is still known once archived.
    await act(clerk, m.id, { action: 'archive', archiveNo: 'XF-2026-W1' });
    expect((await track(proof)).ending).toMatchObject({ kind: 'withdrawal', documentId: doc.id });
  });

  it('at the window: staff other than the handler record it, with how he said it and the evidence', async () => {
    const { m } = await petition('占用公共通道（窗口撤回）');
    const post = (s: Session, body: object) =>
      s.request({ method: 'POST', url: `/api/matters/${m.id}/actions`, payload: body });
    const noChannel = await post(leader, { action: 'withdraw', reason: '已协商解决' });
    expect(noChannel.statusCode).toBe(422);
    expect(noChannel.json().details.reason).toBe('WITHDRAWAL_CHANNEL_REQUIRED');
    const noEvidence = await post(leader, { action: 'withdraw', reason: '已协商解决', channel: 'letter' });
    expect(noEvidence.statusCode).toBe(422);
    expect(noEvidence.json().details.reason).toBe('WITHDRAWAL_EVIDENCE_REQUIRED');
    // The handler may not write down a withdrawal of the petition he handles (what 劝退 looks like).
    await t.database.db.execute(
      sql`update matters set state = jsonb_set(state, '{handlerUserId}', to_jsonb(${leader.userId}::text)) where id = ${m.id}`,
    );
    const byHandler = await post(leader, {
      action: 'withdraw',
      reason: '已协商解决',
      channel: 'letter',
      evidence: '撤回申请书',
    });
    expect(byHandler.statusCode).toBe(403);
    expect(byHandler.json().details.reason).toBe('WITHDRAWAL_BY_HANDLER');

    const done = await post(clerk, {
      action: 'withdraw',
      reason: '已协商解决',
      channel: 'letter',
      evidence: '信访人签字的撤回申请书（已扫描附卷）',
    });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().status).toBe('withdrawn');
    const [event] = await rows(
      sql`select after, actor_id from events where object_id = ${m.id} and action = 'matter.withdrawn'`,
    );
    expect(event!.after).toMatchObject({
      withdrawnBy: 'staff_on_behalf',
      channel: 'letter',
      evidence: '信访人签字的撤回申请书（已扫描附卷）',
    });
    expect(event!.actor_id).toBe(clerk.userId);
    const [notice] = await rows(
      sql`select body from matter_notices where matter_id = ${m.id} and kind = 'withdrawal'`,
    );
    expect((notice!.body as { lines: string[] }).lines.join('\n')).toContain('经您书面撤回申请');
  });
});

describe('a petition settled by mediation (信访工作条例 art. 33)', () => {
  it('ends as 调解化解 when the agreement takes effect, its clock closed, the agreement its document', async () => {
    const { m, proof } = await petition('占用公共通道（调解）');
    const mediator = await t.login('village-mediator');
    await act(clerk, m.id, {
      action: 'start_mediation',
      initiative: 'application',
      consent: { channel: 'walk_in', on: toLocalDate(t.clock.now()) },
    });
    await act(clerk, m.id, {
      action: 'assign_mediator',
      mediatorId: mediator.userId,
      chosenBy: 'parties',
      conflictOfInterest: false,
    });
    const { agreement, matter } = await agreeInWriting(t, mediator, m.id);
    expect(matter.status).toBe('mediated');
    const staffView = await view(clerk, m.id);
    expect(running(staffView)).toEqual(['LOCAL-ARCHIVE']);
    expect(staffView.ending).toMatchObject({
      kind: 'mediation',
      label: '调解化解',
      documentTitle: '人民调解协议书',
      documentKind: 'agreement',
      documentId: agreement.id,
    });
    const tracking = await track(proof);
    expect(tracking.statusLabel).toBe('调解化解');
    expect(tracking.ending).toMatchObject({ kind: 'mediation', documentId: agreement.id });
    expect(tracking.documents.map((d: { id: string }) => d.id)).toContain(agreement.id);
    // Nothing but filing is left, and the petitioner cannot withdraw what has ended.
    expect(tracking.actions).toEqual([]);
    expect(staffView.allowedActions.map((a: { action: string }) => a.action)).toEqual(['archive']);
  });
});

/**
 * The withdrawal row of the jurisdiction matrix (server/test/jurisdiction-matrix.table.ts has one row
 * per route; `withdraw` goes through the generic actions route, so its cells are pinned here): a
 * petition of town 01, withdrawn by each demo account. Staff of the owning org or above write it down
 * (the petitioner is not a staff account: he withdraws online, above); below or beside it the matter
 * is not there (404); roles that never act on matters get 403; no session, 401.
 */
describe('who may record a withdrawal (jurisdiction matrix, withdraw)', () => {
  const expected: Record<string, number> = {
    admin: 403,
    sysadmin: 403,
    secadmin: 403,
    auditor: 403,
    leader: 200, // the district, above the town
    'town01-leader': 200, // the owning org
    'village-clerk': 404,
    'town01-gw1': 404,
    liaison: 404,
    mediator: 404,
    resident: 403,
  };
  it.each(Object.entries(expected).map(([a, st], i) => [a, st, i] as const))(
    '%s → %i',
    async (account, status, i) => {
      const { m } = await petition(`占用公共通道（${account}）`, `1377777${String(i).padStart(4, '0')}`);
      const s = await t.login(account);
      const res = await s.request({
        method: 'POST',
        url: `/api/matters/${m.id}/actions`,
        payload: { action: 'withdraw', reason: '已协商解决', channel: 'walk_in', evidence: '撤回申请书' },
      });
      expect(res.statusCode, res.body).toBe(status);
      expect((await view(clerk, m.id)).status).toBe(status === 200 ? 'withdrawn' : 'handling');
    },
  );
  it('anonymous → 401', async () => {
    const { m } = await petition('占用公共通道（无登录）', '13788889999');
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/matters/${m.id}/actions`,
      payload: { action: 'withdraw', reason: '已协商解决' },
    });
    expect(res.statusCode).toBe(401);
  });
});
