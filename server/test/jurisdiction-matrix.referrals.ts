/**
 * How the jurisdiction matrix calls the 转介服务 routes. A referral of a relation comes from a matter
 * owned by that relation's org and goes to the county's legal-aid center (outside every frame but the
 * district's), so inside the jurisdiction it is seen through its matter and the table then decides by
 * the actor's side (the referring org withdraws it).
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { expect } from 'vitest';
import type { MatrixKit } from './jurisdiction-matrix.deliberation';
import type { ActorName, Relation } from './jurisdiction-matrix.table';

type Response = Awaited<ReturnType<MatrixKit['send']>>;
interface Probe {
  send: () => Promise<Response>;
  snapshot?: () => Promise<string>;
  mutates?: boolean;
  check?: (res: Response) => Promise<void> | void;
}
type Builder = (a: ActorName, rel: Relation | null) => Promise<Probe>;

export function referralBuilders(k: MatrixKit): Record<string, Builder> {
  const get =
    (url: string): Builder =>
    async (a) => ({ send: () => k.send(k.session(a), { method: 'GET', url }) });

  async function legalAidCenter(): Promise<{ id: string; path: string }> {
    const r = (await k
      .t()
      .database.db.execute(sql`select id, path from orgs where name = '凉州区法律援助中心'`)) as unknown as {
      rows: { id: string; path: string }[];
    };
    return r.rows[0]!;
  }

  /** A referral from the relation's matter to the legal-aid center (or, in another county, to its own org). */
  async function referralFor(a: ActorName, rel: Relation): Promise<string> {
    const { row } = await k.orgFor(a, rel);
    if (!row) return randomUUID();
    const m = await k.matterFor(a, rel, true);
    const center = row.countyCode === '620602' ? await legalAidCenter() : { id: row.id, path: row.path };
    const id = randomUUID();
    const now = k.t().clock.now();
    await k.t().database.db.execute(
      sql`insert into referrals (county_code, id, matter_id, referrer_org_id, referrer_path, kind,
            provider_org_id, provider_path, status, eligibility, reason, rule, due_at, created_by,
            created_at, updated_at)
          values (${row.countyCode}, ${id}, ${m.id}, ${row.id}, ${row.path}, 'legal_aid', ${center.id},
            ${center.path}, 'referred', ${JSON.stringify({ basis: 'low_income', note: '' })}::jsonb,
            '矩阵测试：申请法律援助',
            ${JSON.stringify({ basis: 'T', label: '测试', amount: 7, unit: 'calendar_day', citation: '测试' })}::jsonb,
            ${new Date(now.getTime() + 7 * 86_400_000)}, ${randomUUID()}, ${now}, ${now})`,
    );
    return id;
  }

  return {
    'GET /api/referrals/providers': get('/api/referrals/providers?kind=legal_aid'),
    'GET /api/referrals/queue': get('/api/referrals/queue'),
    'GET /api/matters/:id/referrals': async (a, rel) => {
      const m = await k.matterFor(a, rel!, false);
      return { send: () => k.send(k.session(a), { method: 'GET', url: `/api/matters/${m.id}/referrals` }) };
    },
    'POST /api/matters/:id/referrals': async (a, rel) => {
      const m = await k.matterFor(a, rel!, true);
      const payload = {
        kind: 'legal_aid',
        providerOrgId: (await legalAidCenter()).id,
        eligibilityBasis: 'low_income',
        reason: '矩阵测试：申请法律援助',
      };
      return {
        send: () => k.send(k.session(a), { method: 'POST', url: `/api/matters/${m.id}/referrals`, payload }),
        snapshot: () => k.digest(sql`select count(*) from referrals where matter_id = ${m.id}`),
        mutates: true,
        check: (res) => expect((res.json() as { status: string }).status).toBe('referred'),
      };
    },
    'GET /api/referrals/:id': async (a, rel) => {
      const id = await referralFor(a, rel!);
      return { send: () => k.send(k.session(a), { method: 'GET', url: `/api/referrals/${id}` }) };
    },
    'POST /api/referrals/:id/actions': async (a, rel) => {
      const id = await referralFor(a, rel!);
      const payload = { action: 'withdraw', reason: '矩阵测试：当事人撤回' };
      return {
        send: () => k.send(k.session(a), { method: 'POST', url: `/api/referrals/${id}/actions`, payload }),
        snapshot: () => k.digest(sql`select * from referrals where id = ${id}`),
        mutates: true,
        check: (res) => expect((res.json() as { status: string }).status).toBe('withdrawn'),
      };
    },
  };
}
