import { describe, expect, it } from 'vitest';
import { detectCollectives, normaliseRespondent } from './collective.rule';
import { assessEscalation, type EscalationFacts } from './escalation.rule';
import { actingOrg } from './model';
import { poissonUpperTail } from './poisson';
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
  const wage = (person: string, k: number) =>
    riskMatter({
      applicantHash: person,
      categoryCode: 'MED-16',
      respondent: '甘肃某建筑公司',
      daysAgo: k,
      text: `甘肃某建筑公司拖欠工资 本人在甘肃某建筑公司务工${k + 3}个月，以工程款未到位为由拖欠工资，多次讨要无果。`,
    });

  it('fires when several different people bring similar matters about the same respondent', () => {
    const ms = [wage('a', 1), wage('b', 2), wage('c', 3), wage('d', 4), wage('e', 5)];
    const ws = detectCollectives(ms, T0, bigramTokenizer);
    expect(ws).toHaveLength(1);
    expect(ws[0]!.grade).toBe('orange');
    expect(ws[0]!.matterIds).toHaveLength(5);
    expect(ws[0]!.explanation).toContain('5名不同群众');
    expect(ws[0]!.explanation).toContain('甘肃某建筑公司');
  });

  it('does not count one person five times as a crowd', () => {
    const ms = [1, 2, 3, 4, 5].map((k) => wage('same', k));
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
    const same = (k: number) =>
      riskMatter({ daysAgo: k, text: '春灌期间上下游农户对轮水次序和用水时长发生争执' });
    expect(detectCollectives([1, 2, 3].map(same), T0, bigramTokenizer)).toEqual([]);
    const [w] = detectCollectives([1, 2, 3, 4, 5].map(same), T0, bigramTokenizer);
    expect(w!.grade).toBe('orange');
    expect(w!.explanation).toContain('同一村（社区）');
  });

  it('forgets matters older than the window', () => {
    const ms = [wage('a', 1), wage('b', 20), wage('c', 30)];
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
