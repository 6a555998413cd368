import { describe, expect, it } from 'vitest';
import { categorySchema, serviceItemSchema } from '../../contracts/catalog';
import { catalogChanges, shippedCatalog, validateCatalog } from './county-catalog';

const cats = shippedCatalog.categories;
const svcs = shippedCatalog.services;

describe('a county’s catalog', () => {
  it('ships entries that the editor’s schemas and checks accept', () => {
    for (const c of cats) expect(categorySchema.safeParse(c).success, c.code).toBe(true);
    for (const s of svcs) expect(serviceItemSchema.safeParse(s).success, s.code).toBe(true);
    expect(validateCatalog(shippedCatalog, shippedCatalog)).toEqual([]);
  });

  it('refuses dropping a code a matter may carry, and a service under a retired category', () => {
    const next = {
      categories: cats
        .filter((c) => c.code !== 'MED-02')
        .map((c) => (c.code === 'MED-10' ? { ...c, retired: true } : c)),
      services: svcs.filter((s) => s.code !== 'SVC-06'),
    };
    const issues = validateCatalog(next, shippedCatalog);
    expect(issues).toContain('类别 MED-02（邻里）不能删除，已登记的事项仍在使用该编码；不再使用请停用');
    expect(issues.some((i) => i.startsWith('服务事项 SVC-06') && i.includes('不能删除'))).toBe(true);
    expect(issues.some((i) => i.startsWith('SVC-04 关联的类别') && i.endsWith('已停用'))).toBe(true);
  });

  it('refuses a live sub-category under a retired parent, a kind its category does not take, a repeated material', () => {
    const next = {
      categories: cats.map((c) => (c.code === 'MED-01' ? { ...c, retired: true } : c)),
      services: svcs.map((s) =>
        s.code === 'SVC-04'
          ? {
              ...s,
              kind: 'report' as const,
              materials: [...s.materials, { name: ' 身份证件', required: true }],
            }
          : s,
      ),
    };
    const issues = validateCatalog(next, shippedCatalog);
    expect(issues).toContain('MED-01-01 的上级类别 MED-01 已停用，请先停用或移出其下级类别');
    expect(issues.some((i) => i.startsWith('SVC-04 关联的类别') && i.includes('不适用'))).toBe(true);
    expect(issues).toContain('SVC-04 的材料清单中有重复的材料');
  });

  it('refuses changing the number of a statutory time limit, and takes a local one', () => {
    const withLimit = (amount: number, basis: string) => ({
      categories: cats,
      services: svcs.map((s) =>
        s.code === 'SVC-01' ? { ...s, timeLimit: { ...s.timeLimit, amount, basis } } : s,
      ),
    });
    const issues = validateCatalog(withLimit(10, 'XF-23-notice'), shippedCatalog);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatch(/^SVC-01 的办理时限依据 XF-23-notice 是法定时限（.+），不能改为其他天数/);
    expect(validateCatalog(withLimit(10, 'LOCAL-XF-10'), shippedCatalog)).toEqual([]);
  });

  it('names what changed for the event log, whatever the key order', () => {
    const reordered = Object.fromEntries(Object.entries(svcs[0]!).reverse()) as (typeof svcs)[number];
    const next = {
      categories: [...cats.map((c) => (c.code === 'MED-14' ? { ...c, retired: true } : c))],
      services: [
        reordered,
        ...svcs.slice(1).map((s) => (s.code === 'SVC-03' ? { ...s, name: '调解申请' } : s)),
      ],
    };
    expect(catalogChanges(shippedCatalog, next)).toEqual({
      categories: { added: [], changed: [], retired: ['MED-14'], restored: [] },
      services: { added: [], changed: ['SVC-03'], retired: [], restored: [] },
    });
  });
});
