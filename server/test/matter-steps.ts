/** Steps the matter API tests share: register, act, view. */
import type { Session } from './test-app';

/** A neighbours' dispute at a village window; override any field. */
export function disputeBody(villageId: string, overrides: Record<string, unknown> = {}) {
  return {
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
    ...overrides,
  };
}

/** Registers at the session's window; throws with the server's answer unless 201. */
export async function register(s: Session, body: Record<string, unknown>) {
  const res = await s.request({ method: 'POST', url: '/api/matters', payload: body });
  if (res.statusCode !== 201) throw new Error(`register: ${res.statusCode} ${res.body}`);
  return res.json();
}

/** One lifecycle step; null when the matter leaves the actor's sight (204). */
export async function act(s: Session, id: string, body: Record<string, unknown>) {
  const res = await s.request({ method: 'POST', url: `/api/matters/${id}/actions`, payload: body });
  if (res.statusCode === 204) return null;
  if (res.statusCode !== 200) throw new Error(`${String(body.action)}: ${res.statusCode} ${res.body}`);
  return res.json();
}

export async function view(s: Session, id: string) {
  const res = await s.request({ method: 'GET', url: `/api/matters/${id}` });
  if (res.statusCode !== 200) throw new Error(`view: ${res.statusCode} ${res.body}`);
  return res.json();
}

export const actionNames = (m: { allowedActions: { action: string }[] }) =>
  m.allowedActions.map((a) => a.action);
