import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orgByDivision } from '../../../test/factories';
import { createTestApp, type Session, type TestApp } from '../../../test/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const dispute = (villageId: string) => ({
  kind: 'dispute',
  channel: 'walk_in',
  categoryCode: 'MED-02',
  title: '邻里排水沟堵塞纠纷',
  description: '两户邻居因排水沟堵塞导致雨水倒灌，多次协商未果。',
  riskGrade: 'yellow',
  place: { villageId, address: '南苑社区某巷 3 号' },
  parties: [
    { role: 'applicant', name: '王甲乙', phone: '13912345678' },
    { role: 'respondent', name: '李丙丁' },
  ],
});

async function act(s: Session, id: string, body: Record<string, unknown>) {
  const res = await s.request({ method: 'POST', url: `/api/matters/${id}/actions`, payload: body });
  if (res.statusCode !== 200) throw new Error(`${body.action}: ${res.statusCode} ${res.body}`);
  return res.json();
}

describe('intake at a village window', () => {
  it('registers the matter for the clerk’s own village with a code, a deadline and the routing reason', async () => {
    const clerk = await t.login('village-clerk');
    const village = await orgByDivision(t, '620602001001');
    const res = await clerk.request({ method: 'POST', url: '/api/matters', payload: dispute(village.id) });
    expect(res.statusCode, res.body).toBe(201);
    const { matter } = res.json();
    expect(matter.code).toMatch(/^620602-2026-\d{6}$/);
    expect(matter.status).toBe('registered');
    expect(matter.owner.id).toBe(village.id);
    expect(matter.routing.reason).toBeTruthy();
    expect(matter.deadlines.some((d: { status: string }) => d.status === 'running')).toBe(true);
    expect(matter.parties[0].name).toBe('王**');
    expect(matter.parties[0].phone).toBe('139****5678');
    expect(matter.allowedActions.map((a: { action: string }) => a.action)).toContain('accept');
  });
});
