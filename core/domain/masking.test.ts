import { describe, expect, it } from 'vitest';
import { identityInText, maskIdentityInText } from './masking';

describe('identity in free text', () => {
  it('masks ID numbers, mobile numbers in any common spelling, and the parties’ own names', () => {
    const text =
      '我叫王小明，身份证620602199001011230，电话13812345678，也可打 139-1234-5678 或 137 1234 5678，找王小明本人。';
    const masked = maskIdentityInText(text, ['王小明']);
    expect(masked).toBe(
      '我叫王**，身份证620602********1230，电话138****5678，也可打 139****5678 或 137****5678，找王**本人。',
    );
    expect(identityInText(text, ['王小明'])).toBe(true);
  });

  it('leaves amounts, dates, codes and single-character names alone', () => {
    const text = '2026年12月6日借款120000元，事项编号 ZZ-620602-2026-000123，王某说明情况。';
    expect(maskIdentityInText(text, ['王', '李四'])).toBe(text);
    expect(identityInText(text, ['王'])).toBe(false);
  });

  it('masks an ID number ending in X and does not take part of a longer number for a phone', () => {
    expect(maskIdentityInText('证号62060219900101123x')).toBe('证号620602********123x');
    expect(maskIdentityInText('账号6222021381234567890')).toBe('账号6222021381234567890');
  });
});
