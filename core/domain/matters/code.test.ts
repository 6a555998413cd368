import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  crockfordAlphabet,
  formatMatterCode,
  formatTrackingSecret,
  isMatterCode,
  isTrackingSecret,
  normalizeMatterCode,
  parseMatterCode,
  parseTrackingSecret,
} from './code';

describe('matter codes (一案一码)', () => {
  it('formats and parses county, year and sequence', () => {
    expect(formatMatterCode({ countyCode: '620602', year: 2026, seq: 123 })).toBe('620602-2026-000123');
    expect(parseMatterCode(' 620602－2026－000123 ')).toEqual({ countyCode: '620602', year: 2026, seq: 123 });
  });

  it('rejects what is not a county code, a year or a sequence', () => {
    for (const bad of [
      '620600-2026-000001',
      '620602-2026-000000',
      '620602-26-000001',
      '620602-2026-1234567',
      '',
    ]) {
      expect(isMatterCode(bad), bad).toBe(false);
    }
    expect(() => formatMatterCode({ countyCode: '620602', year: 2026, seq: 1_000_000 })).toThrow(RangeError);
    expect(() => formatMatterCode({ countyCode: '6206', year: 2026, seq: 1 })).toThrow(RangeError);
  });

  it('round-trips every valid code', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2000, max: 2999 }), fc.integer({ min: 1, max: 999_999 }), (year, seq) => {
        const code = formatMatterCode({ countyCode: '620602', year, seq });
        expect(parseMatterCode(code)).toEqual({ countyCode: '620602', year, seq });
      }),
    );
  });
});

describe('tracking secrets', () => {
  const bytes = fc.uint8Array({ minLength: 16, maxLength: 16 });

  it('encodes 128 bits as 7 groups of 4 unambiguous characters and decodes them back', () => {
    fc.assert(
      fc.property(bytes, (b) => {
        const secret = formatTrackingSecret(b);
        expect(secret).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){6}$/);
        expect(parseTrackingSecret(secret)?.bytes).toEqual(b);
        expect(parseTrackingSecret(secret.toLowerCase().replace(/-/g, ' '))?.secret).toBe(secret);
      }),
    );
  });

  it('reads O as 0 and I or L as 1, as Crockford base32 does', () => {
    const secret = formatTrackingSecret(new Uint8Array(16));
    expect(secret.startsWith('0000')).toBe(true);
    expect(parseTrackingSecret(secret.replace(/0/g, 'O'))?.secret).toBe(secret);
  });

  it('catches any single wrong character and any swap of neighbours', () => {
    fc.assert(
      fc.property(bytes, fc.nat(27), fc.nat(30), (b, pos, delta) => {
        const raw = formatTrackingSecret(b).replace(/-/g, '');
        const i = crockfordAlphabet.indexOf(raw.charAt(pos));
        const typo = raw.slice(0, pos) + crockfordAlphabet.charAt((i + 1 + delta) % 32) + raw.slice(pos + 1);
        expect(isTrackingSecret(typo)).toBe(false);
        const j = Math.min(pos, 26);
        const a = raw.charAt(j);
        const c = raw.charAt(j + 1);
        if (a !== c) expect(isTrackingSecret(raw.slice(0, j) + c + a + raw.slice(j + 2))).toBe(false);
      }),
    );
  });

  it('takes exactly 16 bytes', () => {
    expect(() => formatTrackingSecret(new Uint8Array(15))).toThrow(RangeError);
  });
});

describe('a code as residents type it', () => {
  it('takes it with or without dashes, with spaces or full-width characters', () => {
    for (const typed of [
      '6206022026000123',
      ' 620602-2026-000123 ',
      '620602 2026 000123',
      '６２０６０２－２０２６－０００１２３',
      '620602—2026—000123',
    ])
      expect(normalizeMatterCode(typed), typed).toBe('620602-2026-000123');
  });

  it('leaves anything else as typed, for the check to refuse', () => {
    expect(normalizeMatterCode('62060220260001')).toBe('62060220260001');
    expect(normalizeMatterCode('abc')).toBe('abc');
  });
});
