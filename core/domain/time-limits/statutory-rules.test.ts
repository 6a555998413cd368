import { describe, expect, it } from 'vitest';
import { chineseDaysCalendar } from './calendar';
import { computeDue } from './deadline';
import { statutoryRule, statutoryRuleList, statutoryRules } from './statutory-rules';

describe('statutory rules catalogue', () => {
  it('holds the numbers of the official texts (docs/LEGAL.md §1–3)', () => {
    const table = Object.fromEntries(statutoryRuleList.map((r) => [r.basis, `${r.amount} ${r.unit}`]));
    expect(table).toEqual({
      'XF-22': '15 calendar_day', // 信访工作条例 art. 22
      'XF-23-notice': '15 calendar_day', // art. 23(2)(3)
      'XF-23-objection': '5 working_day', // art. 23(3)
      'XF-34': '60 calendar_day', // art. 34
      'XF-34-ext': '30 calendar_day', // art. 34
      'XF-35-request': '30 calendar_day', // art. 35
      'XF-35': '30 calendar_day', // art. 35
      'XF-36-request': '30 calendar_day', // art. 36(1)
      'XF-36': '30 calendar_day', // art. 36(1)(2)
      'RT-33': '30 calendar_day', // 人民调解法 art. 33
      'MS-187': '30 calendar_day', // 民事诉讼法 art. 187
      'TY-27-delegated': '30 calendar_day', // 特邀调解规定 art. 27
      'TY-27-entrusted': '15 calendar_day',
      'TY-27-entrusted-simple': '7 calendar_day',
      'ZX-10-choose': '2 working_day', // 在线调解规则 art. 10
      'ZX-10-appoint': '3 working_day',
      'ZX-12': '3 working_day', // art. 12
      'ZX-15': '3 working_day', // art. 15
      'ZX-24-pre': '30 calendar_day', // art. 24
      'ZX-24-post': '15 calendar_day',
      'ZX-24-post-simple': '7 calendar_day',
      'LD-14': '15 calendar_day', // 劳动争议调解仲裁法 art. 14
    });
  });

  it('counts every statutory period from the next day and cites its article', () => {
    for (const rule of statutoryRuleList) {
      expect(rule.startRule, rule.basis).toBe('next_day');
      expect(rule.citation, rule.basis).toMatch(/第.+条/);
      expect(rule.startEvent, rule.basis).toMatch(/之日$/);
      expect(Object.isFrozen(rule), rule.basis).toBe(true);
    }
  });

  it('marks the roll-over of 信访 periods as an analogy (docs/LEGAL.md §0.3: medium)', () => {
    for (const rule of statutoryRuleList) {
      const expected = rule.basis.startsWith('XF-') && rule.unit === 'calendar_day' ? 'medium' : 'high';
      expect(rule.rollOverConfidence, rule.basis).toBe(expected);
    }
  });

  it('信访工作条例 art. 34, 36: records the extension maximum and the hearing pause', () => {
    expect(statutoryRule('XF-34').maxExtension).toBe(30);
    expect(statutoryRule('XF-36').pauseAllowed).toContain('听证');
    expect(statutoryRules['ZX-24-pre']?.pauseAllowed).toContain('鉴定评估');
    expect(() => statutoryRule('XF-99')).toThrow(RangeError);
  });

  it('computes every rule for a trigger in 2025', () => {
    const cal = chineseDaysCalendar();
    for (const rule of statutoryRuleList) {
      const due = computeDue(rule, new Date('2025-06-30T10:00:00+08:00'), cal);
      expect(due.lastDay > '2025-06-30', rule.basis).toBe(true);
      expect(due.explanation, rule.basis).toContain(rule.citation);
    }
  });
});
