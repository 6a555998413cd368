import { describe, expect, it } from 'vitest';
import { checkDecision, personalDataIn } from './decision';

describe('checkDecision', () => {
  const base = { reasoning: '多数村民同意按原线路修路', outcome: 'adopted' as const };
  it('accepts a ballot whose majority of the members present adopted the item', () => {
    expect(
      checkDecision({ ...base, method: 'ballot', votesFor: 5, votesAgainst: 2, votesAbstain: 1 }, 9),
    ).toBeNull();
  });
  it('refuses more votes than members present', () => {
    expect(
      checkDecision({ ...base, method: 'ballot', votesFor: 6, votesAgainst: 3, votesAbstain: 1 }, 9)?.code,
    ).toBe('TALLY_EXCEEDS_PRESENT');
  });
  it('refuses "adopted" without a majority of those present', () => {
    expect(
      checkDecision({ ...base, method: 'show_of_hands', votesFor: 4, votesAgainst: 1, votesAbstain: 0 }, 8)
        ?.code,
    ).toBe('OUTCOME_CONTRADICTS_TALLY');
  });
  it('refuses "rejected" when the majority voted for', () => {
    expect(
      checkDecision(
        { ...base, outcome: 'rejected', method: 'ballot', votesFor: 5, votesAgainst: 0, votesAbstain: 0 },
        6,
      )?.code,
    ).toBe('OUTCOME_CONTRADICTS_TALLY');
  });
  it('needs a tally for a vote and none for consensus', () => {
    expect(checkDecision({ ...base, method: 'ballot' }, 5)?.code).toBe('TALLY_REQUIRED');
    expect(checkDecision({ ...base, method: 'consensus', votesFor: 3 }, 5)?.code).toBe('TALLY_NOT_EXPECTED');
    expect(checkDecision({ ...base, method: 'consensus' }, 5)).toBeNull();
  });
  it('needs reasons', () => {
    expect(checkDecision({ ...base, reasoning: ' ', method: 'consensus' }, 5)?.code).toBe(
      'REASONING_REQUIRED',
    );
  });
});

describe('personalDataIn', () => {
  it('finds phone numbers, ID numbers and known names, and masks the name it reports', () => {
    expect(personalDataIn('联系 13912345678', [])).toBe('手机号码');
    expect(personalDataIn('身份证 62060219800101123X', [])).toBe('身份证号码');
    expect(personalDataIn('由张三丰负责', ['张三丰'])).toBe('姓名“张**”');
    expect(personalDataIn('村道硬化由镇里负责', ['张三丰'])).toBeNull();
  });
});
