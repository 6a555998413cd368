/**
 * How the jurisdiction matrix calls the risk-warning routes. A warning of a relation is addressed to
 * that relation's org; the one a supervision cell acts on names a matter owned by the same org, so
 * inside the jurisdiction only authorization decides.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { expect } from 'vitest';
import { buildBody } from './deliberation-factory';
import type { MatrixKit } from './jurisdiction-matrix.deliberation';
import type { ActorName, Relation } from './jurisdiction-matrix.table';
import { buildWarning } from './risk-factory';

type Response = Awaited<ReturnType<MatrixKit['send']>>;
interface Probe {
  send: () => Promise<Response>;
  snapshot?: () => Promise<string>;
  mutates?: boolean;
  check?: (res: Response) => Promise<void> | void;
}
type Builder = (a: ActorName, rel: Relation | null) => Promise<Probe>;

const inside = (rel: Relation | null) => rel === 'own' || rel === 'child';

export function riskBuilders(k: MatrixKit): Record<string, Builder> {
  const readWarnings = new Map<string, string>();

  /** A warning of the relation's org: shared by read cells, fresh for writes; random for `nonexistent`. */
  async function warningOf(a: ActorName, rel: Relation, fresh: boolean, withMatter = false): Promise<string> {
    const { row } = await k.orgFor(a, rel);
    if (!row) return randomUUID();
    const known = fresh ? undefined : readWarnings.get(row.id);
    if (known) return known;
    const matters = withMatter && inside(rel) ? [(await k.matterFor(a, rel, true)).id] : [];
    const { id } = await buildWarning(k.t(), row, matters);
    if (!fresh) readWarnings.set(row.id, id);
    return id;
  }

  const digestOf = (id: string) =>
    k.digest(
      sql`select * from risk_warnings where id = ${id}`,
      sql`select count(*) from supervision_orders s join risk_warnings w on s.county_code = w.county_code and s.matter_id = any(w.matter_ids) where w.id = ${id}`,
    );

  const write =
    (suffix: string, payload: Record<string, unknown>, status: string, withMatter: boolean): Builder =>
    async (a, rel) => {
      const id = await warningOf(a, rel!, true, withMatter);
      return {
        send: () =>
          k.send(k.session(a), { method: 'POST', url: `/api/risk/warnings/${id}/${suffix}`, payload }),
        snapshot: () => digestOf(id),
        mutates: true,
        check: (res) => expect((res.json() as { status: string }).status).toBe(status),
      };
    };

  /** A 研判会 of the actor's own center (a random id for actors without an org: refused before it matters). */
  const reviewBodies = new Map<ActorName, string>();
  async function reviewBodyOf(a: ActorName): Promise<string> {
    const own = k.ownOrg(a);
    if (!own) return randomUUID();
    let id = reviewBodies.get(a);
    if (!id) {
      id = (await buildBody(k.t(), own, 'risk_review')).id;
      reviewBodies.set(a, id);
    }
    return id;
  }

  return {
    'GET /api/risk/review-meetings': async (a) => ({
      send: () => k.send(k.session(a), { method: 'GET', url: '/api/risk/review-meetings' }),
    }),
    'POST /api/risk/warnings/:id/review': async (a, rel) => {
      const id = await warningOf(a, rel!, true, true);
      const bodyId = await reviewBodyOf(a);
      const startsAt = new Date(k.t().clock.now().getTime() + 86_400_000).toISOString();
      const payload = { newMeeting: { bodyId, topic: '矩阵测试研判会', startsAt, place: '指挥中心会议室' } };
      return {
        send: () => k.send(k.session(a), { method: 'POST', url: `/api/risk/warnings/${id}/review`, payload }),
        snapshot: () => digestOf(id),
        mutates: true,
        check: (res) => expect((res.json() as { status: string }).status).toBe('agenda'),
      };
    },
    'GET /api/risk/warnings': async (a) => ({
      send: () => k.send(k.session(a), { method: 'GET', url: '/api/risk/warnings' }),
    }),
    'GET /api/risk/dismissal-rates': async (a) => ({
      send: () => k.send(k.session(a), { method: 'GET', url: '/api/risk/dismissal-rates' }),
    }),
    'GET /api/risk/warnings/:id': async (a, rel) => {
      const id = await warningOf(a, rel!, false);
      return { send: () => k.send(k.session(a), { method: 'GET', url: `/api/risk/warnings/${id}` }) };
    },
    'POST /api/risk/warnings/:id/dismiss': write(
      'dismiss',
      { reason: '经核实为误报，已化解' },
      'dismissed',
      false,
    ),
    'POST /api/risk/warnings/:id/supervision': write(
      'supervision',
      { reason: 'not_handled_when_due', note: '矩阵测试：请包案化解' },
      'supervised',
      true,
    ),
  };
}
