import { describe, expect, it } from 'vitest';
import { detectCollectives } from '../../../../core/domain/risk/collective.rule';
import { contentWords, jaccard } from '../../../../core/domain/risk/similarity';
import { riskMatter, T0 } from '../../../../core/domain/risk/test-matters';
import { jiebaTokenizer } from './jieba-tokenizer';

describe('jieba tokenizer', () => {
  it('segments words, so similar complaints share words and different ones do not', () => {
    const a = contentWords('甘肃某建筑公司拖欠农民工工资，多次讨要无果', jiebaTokenizer);
    expect(a.has('拖欠')).toBe(true);
    expect(a.has('农民工')).toBe(true);
    expect(a.has('多次')).toBe(false); // stop word
    const b = contentWords('在甘肃某建筑公司务工，公司以工程款未到位为由拖欠农民工工资', jiebaTokenizer);
    const c = contentWords('邻居在院墙边修建牲畜圈舍，气味和噪音影响生活', jiebaTokenizer);
    expect(jaccard(a, b)).toBeGreaterThan(0.3);
    expect(jaccard(a, c)).toBe(0);
  });

  it('drives the collective rule', () => {
    // Wage complaints against many other employers, before and in the window: the yardstick against
    // which three people naming the same company stand out.
    const others = Array.from({ length: 35 }, (_, i) =>
      riskMatter({
        applicantHash: `o${i}`,
        respondent: `某施工队${i}`,
        villageId: `v${i % 9}`,
        daysAgo: i < 30 ? 20 + 2 * i : 1 + (i % 5),
        text: `某施工队${i}拖欠工资：本人在某施工队${i}务工${(i % 5) + 2}个月，工资一直未结清`,
      }),
    );
    const ms = ['a', 'b', 'c'].map((p, k) =>
      riskMatter({
        applicantHash: p,
        respondent: '某劳务公司',
        daysAgo: k + 1,
        text: `某劳务公司拖欠工资：本人在某劳务公司务工${k + 2}个月，工资一直未结清`,
      }),
    );
    const [w, ...more] = detectCollectives([...others, ...ms], T0, jiebaTokenizer);
    expect(more).toEqual([]);
    expect(w!.matterIds.sort()).toEqual(ms.map((m) => m.id).sort());
    expect(w!.grade).toBe('yellow');
    expect(w!.explanation).toContain('拖欠');
  });
});
