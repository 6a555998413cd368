import { describe, expect, it } from 'vitest';
import { chineseDaysCalendar } from './calendar';
import { computeDue } from './deadline';
import { defaultLocalPolicies, type LocalPolicies, resolveLocalPolicies } from './local-policies';
import { statutoryRuleList } from './statutory-rules';

describe('local policies (docs/LEGAL.md §12: configurable, never hard-coded)', () => {
  it('labels every default with its confidence and source', () => {
    for (const [key, policy] of Object.entries(defaultLocalPolicies)) {
      expect(['medium', 'low'], key).toContain(policy.confidence);
      expect(policy.source.length, key).toBeGreaterThan(10);
    }
    // Only the 2002 people's-mediation guideline has a text behind it (docs/LEGAL.md §2.25); the rest are low.
    expect(defaultLocalPolicies.peopleMediation.confidence).toBe('medium');
    expect(defaultLocalPolicies.simpleAccept.value).toMatchObject({ amount: 3, unit: 'working_day' });
    expect(defaultLocalPolicies.simpleHandle.value).toMatchObject({ amount: 10, unit: 'working_day' });
    expect(defaultLocalPolicies.villageHandling.source).toContain('占位');
  });

  it('keeps local bases out of the statutory catalogue', () => {
    const statutory = new Set(statutoryRuleList.map((r) => r.basis));
    for (const policy of Object.values(defaultLocalPolicies)) {
      if (typeof policy.value === 'object') expect(statutory.has(policy.value.basis)).toBe(false);
    }
  });

  it("lets the administrator replace an entry with the county's own", () => {
    const policies = resolveLocalPolicies({
      villageHandling: {
        label: '村级矛盾纠纷办理期限',
        value: { ...defaultLocalPolicies.villageHandling.value, amount: 3, unit: 'working_day' },
        confidence: 'low',
        source: '凉州区矛盾纠纷受理办理流程（示例）',
      },
    });
    expect(policies.villageHandling.value.amount).toBe(3);
    expect(policies.townHandling).toBe(defaultLocalPolicies.townHandling);
    // 3 working days from Friday 2026-02-13: 02-14 (make-up Saturday), then Spring Festival, 02-24, 02-25.
    const due = computeDue(
      policies.villageHandling.value,
      new Date('2026-02-13T10:00:00+08:00'),
      chineseDaysCalendar(),
    );
    expect(due.lastDay).toBe('2026-02-25');
  });

  it('refuses an override that cannot work', () => {
    const bad = (overrides: Partial<LocalPolicies>) => () => resolveLocalPolicies(overrides);
    const fraction = defaultLocalPolicies.warningFraction;
    expect(bad({ warningFraction: { ...fraction, value: 1.2 } })).toThrow(RangeError);
    expect(bad({ warningFraction: { ...fraction, source: ' ' } })).toThrow(RangeError);
    const town = defaultLocalPolicies.townHandling;
    expect(bad({ townHandling: { ...town, value: { ...town.value, amount: 0 } } })).toThrow(RangeError);
  });
});
