import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fontSources from '../server/src/modules/documents/fonts.json';
// @ts-expect-error plain JavaScript build script (no declarations)
import { charactersOfSources, droppedRanges, keptCodePoints, subsetFonts } from './subset-fonts.mjs';

const require = createRequire(import.meta.url);
const fontkit = require('fontkit') as {
  create(b: Buffer): {
    characterSet: number[];
    glyphForCodePoint(cp: number): { id: number; advanceWidth: number };
  };
};

const isHan = (cp: number) =>
  (cp >= 0x3400 && cp <= 0x4dbf) || (cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0x20000 && cp <= 0x3ffff);

describe('PDF font subsets (scripts/subset-fonts.mjs)', () => {
  let dir: string;
  let written: { weight: 'regular' | 'bold'; file: string; bytes: number; fullBytes: number }[];
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'zz-fonts-'));
    written = await subsetFonts(dir);
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps every Chinese character of the full font and every character of the product, with the same metrics', () => {
    const sourceChars: Set<number> = charactersOfSources();
    // The product's sources do hold Chinese text (a broken walk would make this test vacuous).
    expect(sourceChars.has('综'.codePointAt(0)!)).toBe(true);
    for (const w of written) {
      const full = fontkit.create(readFileSync(require.resolve(fontSources[w.weight].package)));
      const sub = fontkit.create(readFileSync(w.file));
      const subSet = new Set(sub.characterSet);
      const lost = full.characterSet.filter(
        (cp) => !subSet.has(cp) && (isHan(cp) || sourceChars.has(cp) || cp < 0x3000),
      );
      expect(lost, `${w.weight}: characters a document may print, missing from the subset`).toEqual([]);
      // A rare name (Extension A 䶮, Extension B 𠮷 where the font has it), pinyin, a unit, full-width digits.
      for (const ch of ['䶮', '綦', '龑', 'ǚ', '㎡', '８', '（', '【', '①']) {
        const cp = ch.codePointAt(0)!;
        if (full.glyphForCodePoint(cp).id === 0) continue;
        expect(sub.glyphForCodePoint(cp).id, `${w.weight} ${ch}`).not.toBe(0);
        expect(sub.glyphForCodePoint(cp).advanceWidth).toBe(full.glyphForCodePoint(cp).advanceWidth);
      }
      // What is dropped is only kana, Hangul and emoji.
      const gone = full.characterSet.filter((cp) => !subSet.has(cp));
      expect(gone.length).toBeGreaterThan(0);
      for (const cp of gone) {
        expect(droppedRanges.some(([a, b]: [number, number]) => cp >= a && cp <= b)).toBe(true);
      }
      expect(w.bytes).toBeLessThan(w.fullBytes);
    }
  });

  it('keeps a dropped character the product itself uses', () => {
    const kana = 'の'.codePointAt(0)!;
    expect(keptCodePoints([kana, 0x4e00], new Set<number>()).has(kana)).toBe(false);
    expect(keptCodePoints([kana, 0x4e00], new Set([kana])).has(kana)).toBe(true);
  });
});
