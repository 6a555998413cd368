/**
 * How the jurisdiction matrix calls the 联防 roster and 平安建设 target routes. A roster, shift or
 * statement of a relation is made by, stands on or is about that relation's org (safety-factory.ts);
 * a village of a relation is the first village under the relation's org that lies outside the actor's
 * subtree unless the relation is inside it (the last one for `own`, so `own` and `child` differ), so inside
 * the jurisdiction only authorization decides.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { expect } from 'vitest';
import type { MatrixKit } from './jurisdiction-matrix.deliberation';
import type { ActorName, Relation } from './jurisdiction-matrix.table';
import { buildAttestation, buildRoster } from './safety-factory';

type Response = Awaited<ReturnType<MatrixKit['send']>>;
interface Probe {
  send: () => Promise<Response>;
  snapshot?: () => Promise<string>;
  mutates?: boolean;
  check?: (res: Response) => Promise<void> | void;
}
type Builder = (a: ActorName, rel: Relation | null) => Promise<Probe>;

export function safetyBuilders(k: MatrixKit): Record<string, Builder> {
  const get =
    (url: string): Builder =>
    async (a) => ({ send: () => k.send(k.session(a), { method: 'GET', url }) });
  const select = async <T>(q: ReturnType<typeof sql>) =>
    ((await k.t().database.db.execute(q)) as unknown as { rows: T[] }).rows;

  async function placed<T extends { id: string }>(
    a: ActorName,
    rel: Relation,
    build: (org: NonNullable<Awaited<ReturnType<MatrixKit['orgFor']>>['row']>) => Promise<T>,
  ): Promise<T | { id: string }> {
    const { id, row } = await k.orgFor(a, rel);
    return row ? build(row) : { id };
  }

  async function villageFor(a: ActorName, rel: Relation): Promise<string> {
    const { id, row } = await k.orgFor(a, rel);
    if (!row) return id;
    const own = k.ownOrg(a)?.path ?? '/none/';
    const inside = rel === 'own' || rel === 'child';
    const [v] = await select<{ id: string }>(
      sql`select id from orgs where kind = 'village' and county_code = ${row.countyCode}
          and path like ${`${row.path}%`} ${inside ? sql`` : sql`and path not like ${`${own}%`}`}
          order by path ${rel === 'own' ? sql`desc` : sql`asc`} limit 1`,
    );
    return v?.id ?? row.id;
  }

  return {
    'GET /api/safety/unit-options': get('/api/safety/unit-options'),
    'GET /api/safety/rosters': get('/api/safety/rosters'),
    'GET /api/safety/shifts': get('/api/safety/shifts'),
    'GET /api/safety/targets': get('/api/safety/targets'),
    'GET /api/safety/today': get('/api/safety/today'),
    'POST /api/safety/rosters': async (a) => {
      const own = k.ownOrg(a);
      const [unit] = own
        ? await select<{ id: string }>(
            sql`select id from orgs where path like ${`${own.path}%`} and active and kind in ('unit', 'village') order by path limit 1`,
          )
        : [];
      const day = new Date(k.t().clock.now().getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
      const payload = {
        title: '矩阵测试联防排班',
        period: 'week',
        startDate: day,
        shifts: [
          {
            date: day,
            from: '20:00',
            to: '22:00',
            route: '矩阵测试路线',
            unitOrgId: unit?.id ?? randomUUID(),
          },
        ],
      };
      return {
        send: () => k.send(k.session(a), { method: 'POST', url: '/api/safety/rosters', payload }),
        snapshot: () =>
          k.digest(sql`select count(*) from patrol_rosters`, sql`select count(*) from patrol_shifts`),
        mutates: true,
        check: (res) => expect((res.json() as { shifts: unknown[] }).shifts).toHaveLength(1),
      };
    },
    'GET /api/safety/rosters/:id': async (a, rel) => {
      const { id } = await placed(a, rel!, (o) => buildRoster(k.t(), o));
      return { send: () => k.send(k.session(a), { method: 'GET', url: `/api/safety/rosters/${id}` }) };
    },
    'POST /api/safety/shifts/:id/report': async (a, rel) => {
      const got = await placed(a, rel!, (o) => buildRoster(k.t(), o));
      const id = 'shiftId' in got ? got.shiftId : got.id;
      return {
        send: () =>
          k.send(k.session(a), {
            method: 'POST',
            url: `/api/safety/shifts/${id}/report`,
            payload: { outcome: 'done', note: '矩阵测试：已巡逻' },
          }),
        snapshot: () => k.digest(sql`select * from patrol_shifts where id = ${id}`),
        mutates: true,
        check: (res) => expect((res.json() as { status: string }).status).toBe('done'),
      };
    },
    'POST /api/safety/villages/:id/targets/:code/attest': async (a, rel) => {
      const id = await villageFor(a, rel!);
      const year = Number(new Date(k.t().clock.now().getTime() + 8 * 3_600_000).toISOString().slice(0, 4));
      return {
        send: () =>
          k.send(k.session(a), {
            method: 'POST',
            url: `/api/safety/villages/${id}/targets/no_homicide/attest`,
            // Evidence of its own per cell: two cells may attest the same village, and a second
            // attest in the same millisecond with the same words would leave the row as it was.
            payload: { year, evidence: `矩阵测试：派出所证明（${a}，${rel}）` },
          }),
        snapshot: () => k.digest(sql`select * from safety_attestations where village_id = ${id} order by id`),
        mutates: true,
        check: (res) => expect((res.json() as { year: number }).year).toBe(year),
      };
    },
    'POST /api/safety/attestations/:id/review': async (a, rel) => {
      const { id } = await placed(a, rel!, (o) => buildAttestation(k.t(), o));
      return {
        send: () =>
          k.send(k.session(a), {
            method: 'POST',
            url: `/api/safety/attestations/${id}/review`,
            payload: { approve: true, note: '矩阵测试：通过' },
          }),
        snapshot: () => k.digest(sql`select * from safety_attestations where id = ${id}`),
        mutates: true,
      };
    },
  };
}
