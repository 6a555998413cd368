import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CategoryInput, CountyCatalog, ServiceItemInput } from '../../../../core/contracts/catalog';
import { orgByDivision } from '../../../test/factories';
import { act, disputeBody, register, view } from '../../../test/matter-steps';
import { createTestApp, type Session, type TestApp } from '../../../test/test-app';

let t: TestApp;
let admin: Session;
let clerk: Session;
let villageId: string;

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login('admin');
  clerk = await t.login('village-clerk');
  villageId = (await orgByDivision(t, '620602001001')).id;
});
afterAll(() => t.close());

const getCatalog = async (): Promise<CountyCatalog> =>
  (await admin.request({ method: 'GET', url: '/api/config/catalog' })).json();

const put = (s: Session, body: { baseVersion: number; categories: unknown[]; services: unknown[] }) =>
  s.request({ method: 'PUT', url: '/api/config/catalog', payload: body });

const eventsOf = async (action: string) =>
  (
    (await t.database.db.execute(
      sql`select actor_name, before, after from events where action = ${action} order by at`,
    )) as unknown as { rows: { actor_name: string; before: unknown; after: Record<string, unknown> }[] }
  ).rows;

const noticeOf = async (m: { id: string; notices: { id: string; kind: string }[] }) => {
  const n = m.notices.find((x) => x.kind === 'one_time_notice')!;
  return (await clerk.request({ method: 'GET', url: `/api/matters/${m.id}/notices/${n.id}` })).json();
};

const running = (m: { deadlines: { basis: string; dueAt: string | null; status: string }[] }) =>
  m.deadlines.filter((d) => d.status === 'running').map((d) => `${d.basis} ${d.dueAt}`);

describe('the county catalog (事项类别与服务事项目录)', () => {
  it('is the shipped catalog until the county saves its own, and every shipped entry passes the editor’s checks', async () => {
    const c = await getCatalog();
    expect(c).toMatchObject({ version: 0, isDefault: true, history: [] });
    expect(c.categories.map((x) => x.code)).toContain('MED-14');
    expect(c.services.map((x) => x.code)).toContain('SVC-03');
    // Saving the shipped catalog unchanged must be possible: the schemas accept every shipped entry.
    const res = await put(admin, { baseVersion: 0, categories: c.categories, services: c.services });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().version).toBe(1);
  });

  it('saves an edit as a new version with who and when, logs it, and leaves registered matters and running deadlines as they were', async () => {
    // A matter under the service and one under the category that will be retired, before the edit.
    const before = (await register(clerk, { ...disputeBody(villageId), serviceCode: 'SVC-03' })).matter;
    const beforeAccepted = await act(clerk, before.id, { action: 'accept' });
    const property = (
      await register(clerk, disputeBody(villageId, { categoryCode: 'MED-14', title: '物业费纠纷' }))
    ).matter;
    const noticeBefore = await noticeOf(before);

    const c = await getCatalog();
    const services = c.services.map(
      (s): ServiceItemInput =>
        s.code === 'SVC-03'
          ? {
              ...s,
              name: '矛盾纠纷调解申请（本县）',
              materials: [...s.materials, { name: '村（社区）出具的情况说明', required: false }],
              timeLimit: { ...s.timeLimit, amount: 20, unit: 'calendar_day' },
            }
          : s,
    );
    const categories: CategoryInput[] = [
      ...c.categories.map((x) => (x.code === 'MED-14' ? { ...x, retired: true } : x)),
      {
        code: 'MED-18',
        name: '农村彩礼纠纷',
        group: 'mediation',
        kinds: ['dispute', 'consultation'],
        riskHint: 'yellow',
        labourDispute: false,
        confirmable: true,
        source: '凉州区移风易俗工作方案（测试）',
      },
    ];
    const res = await put(admin, { baseVersion: c.version, categories, services });
    expect(res.statusCode, res.body).toBe(200);
    const saved = res.json() as CountyCatalog;
    expect(saved.version).toBe(c.version + 1);
    expect(saved.isDefault).toBe(false);
    expect(saved.history[0]).toMatchObject({ version: saved.version, by: expect.any(String) });
    expect(saved.history[0]!.by).not.toBe('');
    expect(saved.history.map((h) => h.version)).toEqual([saved.version, c.version]);

    const [ev] = (await eventsOf('config.catalog_saved')).slice(-1);
    expect(ev!.after).toMatchObject({
      version: saved.version,
      categories: { added: ['MED-18'], retired: ['MED-14'] },
      services: { changed: ['SVC-03'] },
    });

    // Registered before: the same notice (materials and promised date) and the same running deadlines.
    expect(await noticeOf(before)).toEqual(noticeBefore);
    expect(running(await view(clerk, before.id))).toEqual(running(beforeAccepted));
    // Filed under the category now retired: still shows it by name.
    expect((await view(clerk, property.id)).categoryName).toBe('物业');

    // Registered after: the new notice lists the added material.
    const after = (await register(clerk, { ...disputeBody(villageId), serviceCode: 'SVC-03' })).matter;
    const lines = (await noticeOf(after)).lines.join('\n');
    expect(lines).toContain('村（社区）出具的情况说明');
    expect(lines).toContain('矛盾纠纷调解申请（本县）');
    // The period it promises is the handling clock's (docs/LEGAL.md §11.7: the same date the 受理告知书
    // will promise), not the item's edited 20 days, which 办事指南 shows.
    expect(lines).not.toContain('办理时限20日');
    expect(lines).toMatch(/办理时限\d+(个工作日|日|个月)/);
    expect(JSON.stringify(noticeBefore)).not.toContain('村（社区）出具的情况说明');
  });

  it('refuses a retired category for new intake with a precise code, and takes a new one', async () => {
    const res = await clerk.request({
      method: 'POST',
      url: '/api/matters',
      payload: disputeBody(villageId, { categoryCode: 'MED-14' }),
    });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({
      code: 'CATEGORY_RETIRED',
      message: expect.stringContaining('已停用'),
    });

    const fresh = (
      await register(clerk, disputeBody(villageId, { categoryCode: 'MED-18', title: '彩礼返还纠纷' }))
    ).matter;
    expect(fresh.categoryCode).toBe('MED-18');
    // Named from the county's own list, on the matter and in the queue.
    expect(fresh.categoryName).toBe('农村彩礼纠纷');
  });

  it('shows the current version to residents and Open311 clients', async () => {
    const pub = (await t.app.inject({ method: 'GET', url: '/api/public/catalog?countyCode=620602' })).json();
    expect(pub.services.find((s: ServiceItemInput) => s.code === 'SVC-03').name).toBe(
      '矛盾纠纷调解申请（本县）',
    );
    const codes = pub.categories.map((c: CategoryInput) => c.code);
    expect(codes).toContain('MED-18');
    expect(codes).not.toContain('MED-14');

    const o = (
      await t.app.inject({ method: 'GET', url: '/open311/v2/services.json?jurisdiction_id=620602' })
    ).json();
    expect(o.find((s: { service_code: string }) => s.service_code === 'SVC-03').service_name).toBe(
      '矛盾纠纷调解申请（本县）',
    );
    // SVC-03 leaves the category to the resident: the list offers the new one, not the retired one.
    const def = (
      await t.app.inject({ method: 'GET', url: '/open311/v2/services/SVC-03.json?jurisdiction_id=620602' })
    ).json();
    const keys = def.attributes
      .find((a: { code: string }) => a.code === 'category')
      .values.map((v: { key: string }) => v.key);
    expect(keys).toContain('MED-18');
    expect(keys).not.toContain('MED-14');

    const unknown = await t.app.inject({ method: 'GET', url: '/api/public/catalog?countyCode=110101' });
    expect(unknown.statusCode).toBe(404);
  });

  it('refuses deleting a code, a link to a missing category and a malformed entry, in Chinese', async () => {
    const c = await getCatalog();
    const dropped = await put(admin, {
      baseVersion: c.version,
      categories: c.categories.filter((x) => x.code !== 'MED-13'),
      services: c.services,
    });
    expect(dropped.statusCode).toBe(400);
    expect(dropped.json().message).toContain('MED-13（道路交通事故）不能删除');

    const badLink = await put(admin, {
      baseVersion: c.version,
      categories: c.categories,
      services: c.services.map((s) => (s.code === 'SVC-03' ? { ...s, categoryCode: 'MED-99' } : s)),
    });
    expect(badLink.statusCode).toBe(400);
    expect(badLink.json().message).toContain('SVC-03 关联的类别 MED-99 不存在');

    const badField = await put(admin, {
      baseVersion: c.version,
      categories: c.categories,
      services: c.services.map((s) =>
        s.code === 'SVC-03' ? { ...s, timeLimit: { ...s.timeLimit, amount: 0 } } : s,
      ),
    });
    expect(badField.statusCode).toBe(400);
    expect(JSON.stringify(badField.json())).toContain('办理时限至少为 1');

    const stale = await put(admin, { baseVersion: 0, categories: c.categories, services: c.services });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().message).toContain('已被他人修改');
    expect((await getCatalog()).version).toBe(c.version);
  });

  it('is the business administrator’s alone', async () => {
    const c = await getCatalog();
    for (const who of ['village-clerk', 'sysadmin', 'leader']) {
      const s = await t.login(who);
      expect((await s.request({ method: 'GET', url: '/api/config/catalog' })).statusCode).toBe(403);
      const res = await put(s, { baseVersion: c.version, categories: c.categories, services: c.services });
      expect(res.statusCode).toBe(403);
    }
    expect((await getCatalog()).version).toBe(c.version);
  });
});
