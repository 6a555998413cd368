import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { categories } from '../catalog/categories';
import { matterKinds, riskGrades } from '../catalog/matter-literals';
import {
  defaultRoutingRules,
  explainRoute,
  FALLBACK_RULE_ID,
  isCatchAll,
  type RoutingFacts,
  type RoutingRule,
  routeMatter,
  routingFactsFor,
  sortRules,
  validateRules,
} from './rules';

const rule = (
  id: string,
  priority: number,
  when: RoutingRule['when'],
  level: RoutingRule['target']['level'],
) => ({
  id,
  priority,
  when,
  target: { level },
  reason: `理由 ${id}`,
});

describe('rule evaluation', () => {
  it('picks the highest-priority matching rule', () => {
    const rules = [
      rule('low', 1, { kinds: ['dispute'] }, 'village'),
      rule('high', 9, { kinds: ['dispute'] }, 'district'),
      rule('other', 50, { kinds: ['petition'] }, 'town'),
    ];
    expect(routeMatter(rules, { kind: 'dispute' })).toEqual({
      level: 'district',
      ruleId: 'high',
      reason: '理由 high',
    });
  });

  it('breaks priority ties by id, whatever order the table is stored in', () => {
    const rules = [rule('b', 5, {}, 'town'), rule('a', 5, {}, 'village'), rule('c', 5, {}, 'district')];
    fc.assert(
      fc.property(fc.shuffledSubarray(rules, { minLength: 3, maxLength: 3 }), (shuffled) => {
        expect(sortRules(shuffled).map((r) => r.id)).toEqual(['a', 'b', 'c']);
        expect(routeMatter(shuffled, { kind: 'report' }).ruleId).toBe('a');
      }),
    );
  });

  it('treats conditions as AND and the values inside one as OR', () => {
    const r = rule('r', 1, { kinds: ['dispute', 'report'], riskGrades: ['orange'] }, 'town');
    expect(routeMatter([r], { kind: 'report', riskGrade: 'orange' }).ruleId).toBe('r');
    expect(routeMatter([r], { kind: 'report', riskGrade: 'yellow' }).ruleId).toBe(FALLBACK_RULE_ID);
    expect(routeMatter([r], { kind: 'petition', riskGrade: 'orange' }).ruleId).toBe(FALLBACK_RULE_ID);
  });

  it('does not constrain on an empty list, and reads an absent flag as false', () => {
    const empty = rule('empty', 1, { kinds: [], riskGrades: [] }, 'village');
    expect(isCatchAll(empty)).toBe(true);
    expect(routeMatter([empty], { kind: 'petition' }).ruleId).toBe('empty');
    const notCollective = rule('solo', 1, { flags: { collective: false } }, 'village');
    expect(routeMatter([notCollective], { kind: 'dispute' }).ruleId).toBe('solo');
    expect(routeMatter([notCollective], { kind: 'dispute', flags: { collective: true } }).ruleId).toBe(
      FALLBACK_RULE_ID,
    );
  });

  it('matches a rule on a category for its sub-categories too', () => {
    const r = rule('land', 1, { categoryCodes: ['MED-07'] }, 'town');
    expect(routeMatter([r], routingFactsFor({ kind: 'dispute', categoryCode: 'MED-07-01' })).ruleId).toBe(
      'land',
    );
    expect(routeMatter([r], { kind: 'dispute', categoryCode: 'MED-07' }).ruleId).toBe('land');
    expect(routeMatter([r], { kind: 'dispute', categoryCode: 'MED-02' }).ruleId).toBe(FALLBACK_RULE_ID);
  });

  it('takes the risk from the category hint until the matter is graded', () => {
    expect(routingFactsFor({ kind: 'dispute', categoryCode: 'MED-08' })).toMatchObject({
      categoryLineage: ['MED-08'],
      categoryGroup: 'mediation',
      riskGrade: 'orange',
      riskFromHint: true,
    });
    expect(routingFactsFor({ kind: 'dispute', categoryCode: 'MED-08', riskGrade: 'red' })).toMatchObject({
      riskGrade: 'red',
      riskFromHint: false,
    });
    expect(routingFactsFor({ kind: 'dispute', categoryCode: 'UNKNOWN' })).toEqual({
      kind: 'dispute',
      categoryCode: 'UNKNOWN',
    });
  });

  it('always answers: the built-in fallback keeps the matter at the level that took it in, else the town', () => {
    expect(routeMatter([], { kind: 'dispute', receivedAt: 'village' })).toMatchObject({
      level: 'village',
      ruleId: FALLBACK_RULE_ID,
    });
    expect(routeMatter([], { kind: 'dispute' })).toMatchObject({ level: 'town', ruleId: FALLBACK_RULE_ID });
  });

  it('routes any matter somewhere under any rule table', () => {
    const arbRule = fc.record({
      id: fc.string({ minLength: 1, maxLength: 4 }),
      priority: fc.integer({ min: -5, max: 5 }),
      when: fc.record(
        {
          kinds: fc.subarray([...matterKinds]),
          riskGrades: fc.subarray([...riskGrades]),
          flags: fc.record({ collective: fc.boolean(), urgent: fc.boolean() }, { requiredKeys: [] }),
        },
        { requiredKeys: [] },
      ),
      target: fc.record({ level: fc.constantFrom('village' as const, 'town' as const, 'district' as const) }),
      reason: fc.constant('理由'),
    });
    const arbFacts = fc.record(
      {
        kind: fc.constantFrom(...matterKinds),
        riskGrade: fc.constantFrom(...riskGrades),
        flags: fc.record({ collective: fc.boolean(), urgent: fc.boolean() }, { requiredKeys: [] }),
      },
      { requiredKeys: ['kind'] },
    );
    fc.assert(
      fc.property(fc.array(arbRule, { maxLength: 8 }), arbFacts, (rules, facts) => {
        const d = routeMatter(rules, facts);
        const e = explainRoute(rules, facts);
        expect(['village', 'town', 'district']).toContain(d.level);
        expect(e.chosen).toEqual(d);
        expect(e.considered.filter((c) => c.chosen).length).toBe(d.ruleId === FALLBACK_RULE_ID ? 0 : 1);
      }),
    );
  });
});

describe('default routing rules', () => {
  const typical: [ruleId: string, level: string, department: string | undefined, facts: RoutingFacts][] = [
    [
      'petition-accusation',
      'district',
      '纪委监委',
      { kind: 'petition', categoryCode: 'PET-02', receivedAt: 'town' },
    ],
    [
      'petition-red',
      'district',
      '信访局',
      { kind: 'petition', categoryCode: 'PET-03', riskGrade: 'red', receivedAt: 'town' },
    ],
    [
      'petition-collective',
      'district',
      '信访局',
      { kind: 'petition', categoryCode: 'PET-03', flags: { collective: true }, receivedAt: 'town' },
    ],
    [
      'petition-cross-town',
      'district',
      '信访局',
      { kind: 'petition', categoryCode: 'PET-03', flags: { crossTown: true }, receivedAt: 'village' },
    ],
    [
      'petition-at-district',
      'district',
      '信访局',
      { kind: 'petition', categoryCode: 'PET-03', receivedAt: 'district' },
    ],
    [
      'petition-local',
      'town',
      undefined,
      { kind: 'petition', categoryCode: 'PET-01', receivedAt: 'village' },
    ],
    ['red', 'district', undefined, { kind: 'dispute', categoryCode: 'MED-08', riskGrade: 'red' }],
    [
      'collective',
      'district',
      undefined,
      { kind: 'dispute', categoryCode: 'MED-09', flags: { collective: true } },
    ],
    [
      'cross-town',
      'district',
      undefined,
      { kind: 'dispute', categoryCode: 'MED-07', flags: { crossTown: true } },
    ],
    [
      'department-owned',
      'district',
      undefined,
      { kind: 'report', categoryCode: 'GRID-03', flags: { departmentOwned: true } },
    ],
    ['grid-public-order', 'town', '派出所', { kind: 'report', categoryCode: 'GRID-04' }],
    ['town-categories', 'town', undefined, { kind: 'dispute', categoryCode: 'MED-10' }],
    [
      'professional-medical',
      'district',
      '医疗纠纷人民调解委员会',
      { kind: 'dispute', categoryCode: 'MED-12' },
    ],
    [
      'professional-traffic',
      'district',
      '道路交通事故纠纷人民调解委员会',
      { kind: 'dispute', categoryCode: 'MED-13' },
    ],
    [
      'professional-property',
      'district',
      '物业纠纷人民调解委员会',
      { kind: 'dispute', categoryCode: 'MED-14' },
    ],
    [
      'professional-consumer',
      'district',
      '消费纠纷人民调解委员会',
      { kind: 'dispute', categoryCode: 'MED-11' },
    ],
    ['orange', 'town', undefined, { kind: 'dispute', categoryCode: 'MED-09' }],
    ['consultation-village', 'village', undefined, { kind: 'consultation', categoryCode: 'MED-02' }],
    ['dispute-yellow-village', 'village', undefined, { kind: 'dispute', categoryCode: 'MED-02' }],
    ['report-yellow-village', 'village', undefined, { kind: 'report', categoryCode: 'GRID-03' }],
    ['request-village', 'village', undefined, { kind: 'request' }],
    ['catch-all', 'town', undefined, { kind: 'dispute' }],
  ];

  it.each(typical)('fires %s for a typical matter (→ %s %s)', (ruleId, level, department, facts) => {
    const d = routeMatter(defaultRoutingRules, routingFactsFor(facts));
    expect(d.ruleId).toBe(ruleId);
    expect(d.level).toBe(level);
    expect(d.department).toBe(department);
    expect(d.reason).toBe(defaultRoutingRules.find((r) => r.id === ruleId)!.reason);
  });

  it('has a typical matter for every default rule', () => {
    expect(typical.map(([id]) => id).sort()).toEqual(defaultRoutingRules.map((r) => r.id).sort());
  });

  it('is a valid table with a catch-all last and unique priorities', () => {
    expect(validateRules(defaultRoutingRules)).toEqual([]);
    const sorted = sortRules(defaultRoutingRules);
    expect(isCatchAll(sorted[sorted.length - 1]!)).toBe(true);
    expect(new Set(defaultRoutingRules.map((r) => r.priority)).size).toBe(defaultRoutingRules.length);
  });

  it('keeps a yellow labour dispute in the town and an ungraded sub-category of 山林土地 there too', () => {
    expect(
      routeMatter(
        defaultRoutingRules,
        routingFactsFor({ kind: 'dispute', categoryCode: 'MED-10', riskGrade: 'yellow' }),
      ).level,
    ).toBe('town');
    expect(
      routeMatter(defaultRoutingRules, routingFactsFor({ kind: 'dispute', categoryCode: 'MED-07-02' }))
        .ruleId,
    ).toBe('town-categories');
  });

  it('sends a medical dispute to the 医调委 even when the category hints orange, but a red one to the district center', () => {
    const medical = routingFactsFor({ kind: 'dispute', categoryCode: 'MED-12', receivedAt: 'village' });
    expect(routeMatter(defaultRoutingRules, medical)).toMatchObject({
      ruleId: 'professional-medical',
      level: 'district',
      department: '医疗纠纷人民调解委员会',
    });
    const red = routingFactsFor({ kind: 'dispute', categoryCode: 'MED-12', riskGrade: 'red' });
    expect(routeMatter(defaultRoutingRules, red).ruleId).toBe('red');
  });

  it('sends an accusation to discipline inspection even when it is red and collective', () => {
    const facts = routingFactsFor({
      kind: 'petition',
      categoryCode: 'PET-02',
      riskGrade: 'red',
      flags: { collective: true },
    });
    expect(routeMatter(defaultRoutingRules, facts).ruleId).toBe('petition-accusation');
  });
});

describe('explainRoute', () => {
  const facts = routingFactsFor({ kind: 'dispute', categoryCode: 'MED-09', receivedAt: 'village' });
  const e = explainRoute(defaultRoutingRules, facts);

  it('considers every rule once, in evaluation order, and marks the chosen one', () => {
    expect(e.considered.map((c) => c.ruleId)).toEqual(sortRules(defaultRoutingRules).map((r) => r.id));
    expect(e.considered.filter((c) => c.chosen).map((c) => c.ruleId)).toEqual(['orange']);
    expect(e.chosen).toEqual(routeMatter(defaultRoutingRules, facts));
  });

  it('says why a rule matched, why one did not, and why a later match lost', () => {
    const byId = new Map(e.considered.map((c) => [c.ruleId, c]));
    expect(byId.get('orange')).toMatchObject({ matched: true, why: '匹配：风险等级为橙色（类别默认）' });
    expect(byId.get('petition-local')).toMatchObject({
      matched: false,
      why: '不匹配：类型为矛盾纠纷，规则要求信访',
    });
    expect(byId.get('town-categories')?.why).toBe(
      '不匹配：类别为环境污染，规则要求山林土地或征地拆迁或劳动争议或拖欠农民工工资或村务管理',
    );
    expect(byId.get('collective')?.why).toBe('不匹配：非集体（群体性）事项，规则要求集体（群体性）');
    expect(byId.get('catch-all')).toMatchObject({
      matched: true,
      chosen: false,
      why: '条件满足，但优先级低于已选中的规则 orange',
    });
  });

  it('lists every failing condition of a rule', () => {
    const why = explainRoute(defaultRoutingRules, { kind: 'report' }).considered.find(
      (c) => c.ruleId === 'petition-red',
    )?.why;
    expect(why).toBe('不匹配：类型为网格上报事件，规则要求信访；尚未评定风险等级，规则要求红色');
  });

  it('names sub-category matches by their parent', () => {
    const c = explainRoute(
      defaultRoutingRules,
      routingFactsFor({ kind: 'dispute', categoryCode: 'MED-07-01' }),
      categories,
    );
    expect(c.considered.find((x) => x.ruleId === 'town-categories')?.why).toContain(
      '类别山林、土地权属争议属于山林土地',
    );
  });
});

describe('validateRules', () => {
  it('reports duplicate ids, bad priorities, empty reasons, unknown categories and a missing catch-all', () => {
    const issues = validateRules([
      rule('a', 1, { kinds: ['dispute'] }, 'town'),
      rule('a', 1.5, { categoryCodes: ['MED-99'] }, 'town'),
      { ...rule('b', 1, { kinds: ['report'] }, 'village'), reason: ' ' },
    ]);
    expect(issues).toEqual([
      '规则编号重复：a',
      'a 的优先级应为整数',
      'a 引用了不存在的类别 MED-99',
      'b 缺少分流理由',
      '缺少兜底规则（无任何条件的规则）',
    ]);
  });
});
