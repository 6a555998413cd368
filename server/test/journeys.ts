/**
 * The two main journeys, walked through the API on whatever day the test app's clock says (issue 13:
 * "today is a test input"). They assert the steps succeed and the sweep has nothing it cannot
 * process, not particular dates: the date-pinned versions live in journey.test.ts and matters.test.ts.
 */
import { expect } from 'vitest';
import { sweepDeadlines } from '../src/modules/matters/sweep.service';
import { agreeInWriting } from './agreement-steps';
import { buildUser, orgByDivision, orgByName } from './factories';
import { act, disputeBody, view } from './matter-steps';
import type { TestApp } from './test-app';

const DAY = 86_400_000;

type Deadline = { basis: string; status: string; dueAt: string | null; provisionalNote: string | null };

/** Running deadlines and whether their dates are provisional. */
export function liveDeadlines(m: { deadlines: Deadline[] }) {
  return m.deadlines.filter((d) => d.status === 'running');
}

/** Village dispute → the village lets its period lapse → 上提 to the town → mediation → agreement → archive. */
export async function walkDispute(t: TestApp) {
  const village = await orgByDivision(t, '620602001001');
  const clerk = await t.login('village-clerk');
  const res = await clerk.request({ method: 'POST', url: '/api/matters', payload: disputeBody(village.id) });
  expect(res.statusCode, res.body).toBe(201);
  let m = await act(clerk, res.json().matter.id, { action: 'accept' });
  expect(m.status).toBe('handling');
  const accepted = liveDeadlines(m);

  t.clock.advance(8 * DAY);
  const sweep = await sweepDeadlines(t.deps);
  expect(sweep.failed).toEqual([]);
  expect(sweep.escalated).toBeGreaterThanOrEqual(1);

  const town = await t.login('town01-clerk');
  m = await act(town, m.id, { action: 'receive' });
  m = await act(town, m.id, { action: 'start_mediation', initiative: 'application' });
  expect(m.status).toBe('mediating');
  const mediator = await buildUser(t, await orgByName(t, '东大街街道人民调解委员会'), ['mediator']);
  m = await act(town, m.id, {
    action: 'assign_mediator',
    mediatorId: mediator.id,
    chosenBy: 'org',
    conflictOfInterest: false,
  });
  const mediating = liveDeadlines(m);
  const mediatorSession = await t.login(mediator.username);
  await agreeInWriting(t, mediatorSession, m.id);
  m = await act(town, m.id, { action: 'answer', reason: '经调解双方达成协议，排水沟已疏通。' });
  // Only the resident rates: the leader records it from the phone call, never the handler.
  const leader = await t.login('town01-leader');
  m = await act(leader, m.id, { action: 'rate', rating: 'satisfied', channel: 'phone' });
  m = await act(leader, m.id, {
    action: 'follow_up',
    matterResolved: 'yes',
    heartResolved: true,
    reason: '电话回访，群众表示满意。',
  });
  m = await act(leader, m.id, {
    action: 'archive',
    archiveNo: `东大街-${m.code.slice(7, 11)}-调-${m.code.slice(-4)}`,
  });
  expect(m.status).toBe('archived');
  return { accepted, mediating, final: m };
}

/** Petition → acceptance → extension → opinion → the petitioner's request for review → review opinion. */
export async function walkPetition(t: TestApp) {
  const village = await orgByDivision(t, '620602001001');
  const clerk = await t.login('village-clerk');
  const res = await clerk.request({
    method: 'POST',
    url: '/api/matters',
    payload: {
      ...disputeBody(village.id),
      kind: 'petition',
      categoryCode: 'PET-03',
      title: '反映宅基地确权久拖不决',
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  let m = await act(clerk, res.json().matter.id, { action: 'accept' });
  const accepted = liveDeadlines(m);
  const head = await buildUser(t, village, ['leader']);
  const leader = await t.login(head.username);
  m = await act(leader, m.id, { action: 'extend', days: 30, reason: '需调取历史档案' });
  const extended = liveDeadlines(m);
  m = await act(clerk, m.id, {
    action: 'serve_opinion',
    outcome: 'explain',
    legalBasis: '《土地管理法》第六十二条',
  });
  expect(m.status).toBe('answered');
  const town = await t.login('town01-clerk');
  m = await act(town, m.id, { action: 'request_review', reason: '对处理意见不服' });
  expect(m.status).toBe('reviewing');
  m = await act(town, m.id, {
    action: 'serve_review',
    outcome: 'explain',
    legalBasis: '《土地管理法》第六十二条',
  });
  expect(m.petitionStage).toBe('review');
  const sweep = await sweepDeadlines(t.deps);
  expect(sweep.failed).toEqual([]);
  return { accepted, extended, final: await view(town, m.id) };
}
