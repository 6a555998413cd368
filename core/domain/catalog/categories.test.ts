import { describe, expect, it } from 'vitest';
import {
  type Category,
  categories,
  categoriesForKind,
  categoryByCode,
  categoryLineage,
  childCategories,
  gridEventClasses,
  mediationCategories,
  petitionClasses,
  validateCategories,
} from './categories';
import { channelRoutes } from './matter-literals';

const rules61 = [
  '婚姻家庭',
  '邻里',
  '房屋宅基地',
  '合同',
  '生产经营',
  '损害赔偿',
  '山林土地',
  '征地拆迁',
  '环境污染',
  '劳动争议',
  '消费',
  '医疗',
  '道路交通事故',
  '物业',
  '其他',
];

describe('category tree', () => {
  it('lists the 15 people’s-mediation categories of docs/LEGAL.md §6.1 in order as MED-01…MED-15, then the county additions', () => {
    const top = mediationCategories.filter((c) => !c.parentCode);
    expect(top.slice(0, 15).map((c) => c.name)).toEqual(rules61);
    expect(top.slice(0, 15).map((c) => c.code)).toEqual(
      rules61.map((_, i) => `MED-${String(i + 1).padStart(2, '0')}`),
    );
    expect(top.slice(15).map((c) => [c.code, c.name])).toEqual([
      ['MED-16', '拖欠农民工工资'],
      ['MED-17', '村务管理'],
    ]);
  });

  it('is a sound tree: unique codes, existing parents of the same group, no cycles', () => {
    expect(validateCategories(categories)).toEqual([]);
  });

  it('flags exactly the labour categories for the 15-day limit of 劳动争议调解仲裁法 art. 14', () => {
    expect(categories.filter((c) => c.labourDispute).map((c) => c.code)).toEqual(['MED-10', 'MED-16']);
  });

  it('marks status and ownership sub-categories as not confirmable and explains every approximation', () => {
    const notConfirmable = mediationCategories.filter((c) => !c.confirmable).map((c) => c.code);
    expect(notConfirmable).toEqual(['MED-01-01', 'MED-01-02', 'MED-03-01', 'MED-07-01']);
    for (const code of notConfirmable)
      expect(categoryByCode(code)?.confirmableNote).toContain('第三百五十五条');
    // Parents whose children differ say so.
    for (const code of ['MED-01', 'MED-03', 'MED-07']) {
      expect(categoryByCode(code)?.confirmableNote).toContain('子类');
      expect(childCategories(code).length).toBeGreaterThanOrEqual(2);
    }
  });

  it('gives 申诉求决类 the art. 31(1)–(5) procedures and 检举控告类 petitioner protection', () => {
    expect(petitionClasses.map((c) => [c.code, c.name])).toEqual([
      ['PET-01', '建议意见类'],
      ['PET-02', '检举控告类'],
      ['PET-03', '申诉求决类'],
    ]);
    const complaints = categoryByCode('PET-03')!;
    expect(complaints.channelTo?.map((t) => t.clause)).toEqual(['31(1)', '31(2)', '31(3)', '31(4)', '31(5)']);
    expect(complaints.channelTo?.map((t) => t.route)).toEqual([...channelRoutes]);
    expect(categories.filter((c) => c.protectPetitioner).map((c) => c.code)).toEqual(['PET-02']);
    expect(categories.filter((c) => c.channelTo).map((c) => c.code)).toEqual(['PET-03']);
  });

  it('offers grid workers six event classes, the dispute and livelihood ones continuing as matters of that kind', () => {
    expect(gridEventClasses.map((c) => c.name)).toEqual([
      '矛盾纠纷',
      '安全隐患',
      '环境卫生',
      '治安问题',
      '民生诉求',
      '其他',
    ]);
    expect(categoriesForKind('report')).toEqual(gridEventClasses);
    expect(categoryByCode('GRID-01')?.becomes).toBe('dispute');
    expect(categoryByCode('GRID-05')?.becomes).toBe('request');
  });

  it('files petitions only under petition classes and disputes only under mediation categories', () => {
    expect(categoriesForKind('petition')).toEqual(petitionClasses);
    expect(categoriesForKind('dispute').every((c) => c.group === 'mediation')).toBe(true);
  });

  it('gives the lineage from the root down, and nothing for an unknown code', () => {
    expect(categoryLineage('MED-07-01')).toEqual(['MED-07', 'MED-07-01']);
    expect(categoryLineage('MED-02')).toEqual(['MED-02']);
    expect(categoryLineage('NOPE')).toEqual([]);
  });

  it('reports duplicates, missing parents, cycles, group mismatches and misplaced petition fields', () => {
    const base = categoryByCode('MED-02')!;
    const bad: Category[] = [
      base,
      { ...base },
      { ...base, code: 'X-1', parentCode: 'X-404' },
      { ...base, code: 'X-2', parentCode: 'X-3' },
      { ...base, code: 'X-3', parentCode: 'X-2' },
      { ...base, code: 'X-4', parentCode: 'PET-01' },
      { ...base, code: 'X-5', protectPetitioner: true },
      categoryByCode('PET-01')!,
    ];
    const issues = validateCategories(bad);
    expect(issues).toContain('类别编码重复：MED-02');
    expect(issues).toContain('X-1 的上级类别 X-404 不存在');
    expect(issues).toContain('X-2 的上级关系成环');
    expect(issues).toContain('X-3 的上级关系成环');
    expect(issues).toContain('X-4 与上级类别 PET-01 不属于同一分组');
    expect(issues).toContain('X-5 不是信访类别，不能设置检举人保护');
  });
});
