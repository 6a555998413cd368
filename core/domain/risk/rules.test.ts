import { describe, expect, it } from 'vitest';
import { detectCollectives, normaliseRespondent } from './collective.rule';
import {
  assessEscalation,
  defaultEscalationPolicy,
  type EscalationFacts,
  scoreEscalation,
} from './escalation.rule';
import { actingOrg } from './model';
import { binomialUpperTail, poissonUpperTail } from './poisson';
import { defaultRiskPolicies, RiskPolicyError, resolveRiskPolicies } from './policy';
import { detectRepeats, normaliseAddress } from './repeat.rule';
import { bigramTokenizer, contentWords, jaccard } from './similarity';
import { detectSpikes } from './spike.rule';
import { riskMatter, T0 } from './test-matters';

describe('poisson upper tail', () => {
  it('matches hand-computed values', () => {
    expect(poissonUpperTail(0, 2)).toBe(1);
    // P(X ≥ 1 | 2) = 1 − e^−2
    expect(poissonUpperTail(1, 2)).toBeCloseTo(1 - Math.exp(-2), 12);
    // P(X ≥ 3 | 1) = 1 − e^−1 (1 + 1 + 1/2)
    expect(poissonUpperTail(3, 1)).toBeCloseTo(1 - Math.exp(-1) * 2.5, 12);
  });
  it('stays positive and tiny far out in the tail instead of rounding to 0 or going negative', () => {
    const p = poissonUpperTail(40, 0.5);
    expect(p).toBeGreaterThan(0);
    expect(p).toBeLessThan(1e-40);
  });
});

describe('spike rule', () => {
  const history = (village: string, perWeek: number, weeks = 12) =>
    Array.from({ length: perWeek * weeks }, (_, i) =>
      riskMatter({ villageId: village, daysAgo: 8 + (i * 7 * weeks) / (perWeek * weeks) }),
    );

  it('fires when a village has many more of a category this week than its own history', () => {
    const burst = Array.from({ length: 12 }, (_, i) => riskMatter({ daysAgo: 0.5 * i }));
    const ws = detectSpikes([...history('v1', 1), ...burst], T0, undefined, () => '邻里纠纷');
    const w = ws.find((x) => x.dedupKey === 'spike:village:v1:MED-02');
    expect(w).toBeDefined();
    expect(w!.matterIds.sort()).toEqual(burst.map((m) => m.id).sort());
    expect(w!.explanation).toContain('近7日“邻里纠纷”类事项12件');
    expect(w!.explanation).toContain('平均每7日1.0件');
    expect(['orange', 'red']).toContain(w!.grade);
  });

  it('does not fire when the same count is usual for that village', () => {
    const usual = Array.from({ length: 12 }, (_, i) => riskMatter({ villageId: 'v2', daysAgo: 0.5 * i }));
    expect(detectSpikes([...history('v2', 12), ...usual], T0)).toEqual([]);
  });

  it('needs a minimum count, so two matters in a quiet village are not a spike', () => {
    expect(detectSpikes([riskMatter({ daysAgo: 1 }), riskMatter({ daysAgo: 2 })], T0)).toEqual([]);
  });

  it('grades and routes by tail probability: a huge burst in a quiet village goes to the district', () => {
    const burst = Array.from({ length: 25 }, (_, i) => riskMatter({ villageId: 'v3', daysAgo: 0.2 * i }));
    const [w] = detectSpikes(burst, T0);
    expect(w!.grade).toBe('red');
    expect(w!.targetOrgId).toBe('d1');
  });

  it('checks grids too', () => {
    const burst = Array.from({ length: 10 }, (_, i) => riskMatter({ gridId: 'g9', daysAgo: 0.3 * i }));
    expect(detectSpikes(burst, T0).map((w) => w.dedupKey)).toContain('spike:grid:g9:MED-02');
  });
});

describe('repeat rule', () => {
  it('fires on the same person coming back within the window, graded by count', () => {
    const ms = [5, 20, 40, 60, 80].map((d) => riskMatter({ applicantHash: 'same', daysAgo: d }));
    const [w] = detectRepeats(ms, T0);
    expect(w!.rule).toBe('repeat');
    expect(w!.grade).toBe('orange');
    expect(w!.targetOrgId).toBe('t1');
    expect(w!.matterIds).toHaveLength(5);
    expect(w!.explanation).toContain('同一反映人');
    expect(w!.explanation).toContain('5件');
  });
  it('ignores visits older than the window and different people', () => {
    const ms = [
      riskMatter({ applicantHash: 'same', daysAgo: 5 }),
      riskMatter({ applicantHash: 'same', daysAgo: 200 }),
      riskMatter({ applicantHash: 'same', daysAgo: 300 }),
      riskMatter({ daysAgo: 3 }),
      riskMatter({ daysAgo: 4 }),
    ];
    expect(detectRepeats(ms, T0)).toEqual([]);
  });
  it('matches the same address written differently', () => {
    expect(normaliseAddress('凉州区 金羊镇，新村 1号')).toBe(normaliseAddress('凉州区金羊镇新村1'));
    const ms = ['金羊镇新村 3组 12号', '金羊镇新村3组12号', '金羊镇 新村3组12 号'].map((a, i) =>
      riskMatter({ address: a, daysAgo: i + 1 }),
    );
    const [w] = detectRepeats(ms, T0);
    expect(w!.grade).toBe('yellow');
    expect(w!.explanation).toContain('同一地址');
  });
  it('does not take a village group (many households) for one address', () => {
    const ms = [1, 2, 3, 4].map((d) => riskMatter({ address: '金羊镇新村3组', daysAgo: d }));
    expect(detectRepeats(ms, T0)).toEqual([]);
  });
});

describe('collective rule', () => {
  const wageText = (who: string, k: number) =>
    `${who}拖欠工资 本人在${who}务工${k + 3}个月，以工程款未到位为由拖欠工资，多次讨要无果。`;
  const wage = (person: string, k: number, respondent = '甘肃某建筑公司', villageId = 'v1') =>
    riskMatter({
      applicantHash: person,
      categoryCode: 'MED-16',
      respondent,
      villageId,
      daysAgo: k,
      text: wageText(respondent, k),
    });
  /**
   * The county around the cluster: wage disputes against many other employers elsewhere, over the
   * trailing baseline and in the window, so "how often is this party named" has an answer.
   */
  const county = (aboutUs = 0) => [
    ...Array.from({ length: 30 }, (_, i) =>
      i < aboutUs
        ? wage(`old${i}`, 20 + i * 2, '甘肃某建筑公司', `v${i % 7}`)
        : wage(`old${i}`, 20 + i * 2, `某劳务队${i}`, `v${i % 7}`),
    ),
    ...Array.from({ length: 10 }, (_, i) => wage(`now${i}`, 1 + (i % 10), `某施工队${i}`, `w${i}`)),
  ];

  it('fires when several different people bring similar matters about a rarely named respondent', () => {
    const ms = [...county(), wage('a', 1), wage('b', 2), wage('c', 3), wage('d', 4), wage('e', 5)];
    const ws = detectCollectives(ms, T0, bigramTokenizer);
    expect(ws).toHaveLength(1);
    expect(ws[0]!.grade).toBe('orange');
    expect(ws[0]!.matterIds).toHaveLength(5);
    expect(ws[0]!.explanation).toContain('5名不同群众');
    expect(ws[0]!.explanation).toContain('甘肃某建筑公司');
    expect(ws[0]!.explanation).toContain('偶然概率');
  });

  it('does not fire when the respondent is named that often anyway', () => {
    const ms = [...county(15), wage('a', 1), wage('b', 2), wage('c', 3), wage('d', 4), wage('e', 5)];
    expect(detectCollectives(ms, T0, bigramTokenizer)).toEqual([]);
  });

  it('keeps one key per conflict as it grows and its first matter leaves the window', () => {
    const first = [wage('a', 12), wage('b', 11), wage('c', 10), wage('f', 8)];
    const [early] = detectCollectives([...county(), ...first], T0, bigramTokenizer);
    const later = new Date(T0.getTime() + 5 * 86_400_000);
    const [grown] = detectCollectives(
      [...county(), ...first, ...[-1, -2, -3, -4, -4, -4].map((k, i) => wage(`new${i}`, k))],
      later,
      bigramTokenizer,
    );
    expect(early!.dedupKey).toBe('collective:respondent:甘肃某建筑公司');
    expect(grown!.dedupKey).toBe(early!.dedupKey);
    expect(grown!.matterIds).not.toContain(first[0]!.id);
  });

  it('does not count one person five times as a crowd', () => {
    const ms = [...county(), ...[1, 2, 3, 4, 5].map((k) => wage('same', k))];
    expect(detectCollectives(ms, T0, bigramTokenizer)).toEqual([]);
  });

  it('does not join dissimilar matters in the same village', () => {
    const ms = [
      riskMatter({ text: '邻居在院墙边修建牲畜圈舍，气味和噪音影响生活' }),
      riskMatter({ text: '流转土地租金未按约支付，农户要求解除流转合同' }),
      riskMatter({ text: '独居老人使用煤炉取暖未安装烟筒，存在一氧化碳中毒风险' }),
    ];
    expect(detectCollectives(ms, T0, bigramTokenizer)).toEqual([]);
  });

  it('needs as many people as a collective visit when only the village links them', () => {
    const irrigation = (k: number, villageId = 'v1') =>
      riskMatter({
        daysAgo: k,
        villageId,
        categoryCode: 'MED-07',
        text: '春灌期间上下游农户对轮水次序和用水时长发生争执',
      });
    const elsewhere = [
      ...Array.from({ length: 30 }, (_, i) => irrigation(20 + i * 2, `x${i % 9}`)),
      ...Array.from({ length: 12 }, (_, i) => irrigation(1 + (i % 12), `y${i}`)),
    ];
    expect(
      detectCollectives([...elsewhere, ...[1, 2, 3].map((k) => irrigation(k))], T0, bigramTokenizer),
    ).toEqual([]);
    const [w] = detectCollectives(
      [...elsewhere, ...[1, 2, 3, 4, 5].map((k) => irrigation(k))],
      T0,
      bigramTokenizer,
    );
    expect(w!.grade).toBe('orange');
    expect(w!.explanation).toContain('同一村（社区）');
    expect(w!.dedupKey).toBe('collective:village:v1:MED-07');
  });

  it('forgets matters older than the window', () => {
    const ms = [...county(), wage('a', 1), wage('b', 20), wage('c', 30)];
    expect(detectCollectives(ms, T0, bigramTokenizer)).toEqual([]);
  });

  it('normalises respondent names and similarity is symmetric and bounded', () => {
    expect(normaliseRespondent('甘肃 某（建筑）公司')).toBe('甘肃某建筑公司');
    const a = contentWords('拖欠农民工工资', bigramTokenizer);
    const b = contentWords('农民工工资被拖欠', bigramTokenizer);
    expect(jaccard(a, b)).toBe(jaccard(b, a));
    expect(jaccard(a, b)).toBeGreaterThan(0.3);
    expect(jaccard(a, a)).toBe(1);
    expect(jaccard(new Set(), new Set())).toBe(0);
  });

  it('binomial tail matches hand-computed values', () => {
    expect(binomialUpperTail(0, 10, 0.3)).toBe(1);
    expect(binomialUpperTail(11, 10, 0.3)).toBe(0);
    // P(X ≥ 2 | n=3, p=0.5) = 4/8
    expect(binomialUpperTail(2, 3, 0.5)).toBeCloseTo(0.5, 12);
    // P(X ≥ 3 | n=4, p=0.1) = 4·0.001·0.9 + 0.0001
    expect(binomialUpperTail(3, 4, 0.1)).toBeCloseTo(0.0037, 12);
  });
});

describe('risk policy', () => {
  it('starts from the defaults and takes saved overrides', () => {
    expect(resolveRiskPolicies(undefined)).toEqual(defaultRiskPolicies);
    const p = resolveRiskPolicies({ repeat: { yellowAt: 4 }, escalation: { overdue: 3 } });
    expect(p.repeat).toEqual({ ...defaultRiskPolicies.repeat, yellowAt: 4 });
    expect(p.escalation.overdue).toBe(3);
  });
  it('refuses numbers out of bounds, fractions where whole numbers belong and grades out of order', () => {
    expect(() => resolveRiskPolicies({ repeat: { windowDays: 0 } })).toThrow(RiskPolicyError);
    expect(() => resolveRiskPolicies({ repeat: { yellowAt: 2.5 } })).toThrow('须为整数');
    expect(() => resolveRiskPolicies({ repeat: { yellowAt: 9 } })).toThrow('黄色 ≤ 橙色 ≤ 红色');
    expect(() => resolveRiskPolicies({ spike: { yellowP: 1e-9 } })).toThrow('红色 ≤ 橙色 ≤ 黄色');
  });
  it("the escalation weights are the county's: a signal weighed at 0 is no reason", () => {
    const f: EscalationFacts = {
      id: 'x',
      code: 'LZ-1',
      villageId: 'v1',
      townId: 't1',
      districtId: 'd1',
      overdue: true,
      unsatisfied: true,
      priorByApplicant: 0,
      categoryRisk: 'yellow',
      collective: false,
    };
    expect(assessEscalation(f)!.grade).toBe('yellow');
    const strict = { ...defaultEscalationPolicy, unsatisfied: 0 };
    expect(assessEscalation(f, strict)).toBeNull();
    expect(scoreEscalation(f, strict).reasons).toEqual(['已超期未办结（+2）']);
  });
});

describe('escalation rule', () => {
  const facts = (over: Partial<EscalationFacts> = {}): EscalationFacts => ({
    id: 'x',
    code: 'LZ-1',
    villageId: 'v1',
    townId: 't1',
    districtId: 'd1',
    overdue: false,
    unsatisfied: false,
    priorByApplicant: 0,
    categoryRisk: 'yellow',
    collective: false,
    ...over,
  });
  it('does not warn about an ordinary matter', () => {
    expect(assessEscalation(facts())).toBeNull();
    expect(assessEscalation(facts({ overdue: true }))).toBeNull();
  });
  it('adds up the signals and explains every one', () => {
    const w = assessEscalation(
      facts({ overdue: true, unsatisfied: true, priorByApplicant: 2, categoryRisk: 'red' }),
    );
    expect(w!.grade).toBe('red');
    expect(w!.targetOrgId).toBe('d1');
    expect(w!.explanation).toContain('评分9分');
    for (const s of ['已超期', '不满意', '已反映2次', '红色风险']) expect(w!.explanation).toContain(s);
    expect(w!.matterIds).toEqual(['x']);
  });
  it('yellow stays in the village, orange goes to the town', () => {
    expect(assessEscalation(facts({ overdue: true, priorByApplicant: 1 }))!.targetOrgId).toBe('v1');
    expect(assessEscalation(facts({ overdue: true, unsatisfied: true, priorByApplicant: 1 }))!.grade).toBe(
      'orange',
    );
    expect(actingOrg('orange', { villageId: null, townId: null, districtId: 'd1' })).toBe('d1');
  });
});
