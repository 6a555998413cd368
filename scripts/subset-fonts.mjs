// Subset fonts for the PDF documents (issue 19, "Weight"). The notices, receipts and decisions the server
// prints (server/src/modules/documents/pdf.ts) use two weights of Noto Sans SC, regular and bold; the npm
// package that carries them has nine (92 MB). `npm run build` writes the two weights, cut to the scripts a
// Chinese document can contain, into dist/fonts/, and production installs without the package (it is a
// dev dependency). Run alone: `node scripts/subset-fonts.mjs [outDir]`.
//
// What is kept: a document prints the residents' and parties' own words and names, so every Chinese
// character the font has stays — the CJK Unified Ideographs with Extension A and the supplementary
// planes, compatibility ideographs, radicals, Bopomofo, CJK and full-width punctuation, enclosed and
// squared forms (㈠ ㎡) — and every Latin (pinyin tone marks), Greek, Cyrillic and symbol character of
// GB 2312/GB 18030's repertoire the font draws. Dropped: Japanese kana, Korean Hangul and emoji, which
// no Chinese notice uses. Whatever character the product's own sources contain is kept even so
// (charactersOfSources), and the unit test checks both.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

/** The two weights the PDF renderer registers: the package file each comes from, the subset's name. */
export const fontSources = JSON.parse(
  readFileSync(path.join(root, 'server/src/modules/documents/fonts.json'), 'utf8'),
);

/** Code point ranges (inclusive) that leave the subset: no Chinese document prints them. */
export const droppedRanges = [
  [0x1100, 0x11ff], // Hangul Jamo
  [0x3040, 0x30ff], // Hiragana, Katakana
  [0x3130, 0x318f], // Hangul Compatibility Jamo
  [0x31f0, 0x31ff], // Katakana Phonetic Extensions
  [0xac00, 0xd7af], // Hangul Syllables
  [0xff65, 0xff9f], // half-width Katakana
  [0xffa0, 0xffdc], // half-width Hangul
  [0x1f000, 0x1ffff], // emoji and pictographs
];

const dropped = (cp) => droppedRanges.some(([a, b]) => cp >= a && cp <= b);

/** Folders whose text the product prints or shows: their characters stay whatever the ranges say. */
const sourceDirs = ['core', 'server/src', 'web/src', 'data'];
const sourceExt = /\.(ts|tsx|json|csv|md|txt)$/;

/** Every non-ASCII character in the product's own sources (labels, templates, reference data). */
export function charactersOfSources(base = root) {
  const chars = new Set();
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const p = path.join(dir, name);
      const st = statSync(p);
      if (st.isDirectory()) walk(p);
      // Large generated data (boundaries, grids) holds coordinates, not text: skip files over 5 MB.
      else if (sourceExt.test(name) && st.size < 5_000_000) {
        for (const ch of readFileSync(p, 'utf8')) {
          const cp = ch.codePointAt(0);
          if (cp > 0x7f) chars.add(cp);
        }
      }
    }
  };
  for (const d of sourceDirs) {
    const dir = path.join(base, d);
    try {
      walk(dir);
    } catch (e) {
      if (e.code !== 'ENOENT') throw e;
    }
  }
  return chars;
}

/** The code points a subset of `font` keeps: its own character map less the dropped ranges, plus the sources'. */
export function keptCodePoints(fontCharacters, sourceChars) {
  const kept = new Set();
  for (const cp of fontCharacters) if (!dropped(cp) || sourceChars.has(cp)) kept.add(cp);
  return kept;
}

let hb;
/** HarfBuzz's subsetter (hb-subset, the one font tools use), its WebAssembly build from harfbuzzjs. */
async function harfbuzz() {
  if (!hb) {
    const wasm = readFileSync(require.resolve('harfbuzzjs/dist/harfbuzz-subset.wasm'));
    hb = (await WebAssembly.instantiate(wasm)).instance.exports;
  }
  return hb;
}

/** A TrueType font with only the glyphs of `codePoints` (and what they reference). */
export async function subsetFont(font, codePoints) {
  const x = await harfbuzz();
  const ptr = x.malloc(font.length);
  new Uint8Array(x.memory.buffer).set(font, ptr);
  const blob = x.hb_blob_create(ptr, font.length, 2 /* HB_MEMORY_MODE_WRITABLE */, 0, 0);
  const face = x.hb_face_create(blob, 0);
  x.hb_blob_destroy(blob);
  const input = x.hb_subset_input_create_or_fail();
  if (!input) throw new Error('hb_subset_input_create_or_fail failed');
  const set = x.hb_subset_input_unicode_set(input);
  for (const cp of codePoints) x.hb_set_add(set, cp);
  const out = x.hb_subset_or_fail(face, input);
  x.hb_subset_input_destroy(input);
  if (!out) {
    x.hb_face_destroy(face);
    x.free(ptr);
    throw new Error('hb_subset_or_fail failed');
  }
  const outBlob = x.hb_face_reference_blob(out);
  const len = x.hb_blob_get_length(outBlob);
  const data = x.hb_blob_get_data(outBlob, 0);
  // Copied out before the blob is freed (the WebAssembly memory is reused).
  const result = Buffer.from(new Uint8Array(x.memory.buffer).slice(data, data + len));
  x.hb_blob_destroy(outBlob);
  x.hb_face_destroy(out);
  x.hb_face_destroy(face);
  x.free(ptr);
  return result;
}

/** Writes the subset of both weights into `outDir`; returns what it wrote. */
export async function subsetFonts(outDir = path.join(root, 'dist/fonts')) {
  const fontkit = require('fontkit');
  const sourceChars = charactersOfSources();
  await mkdir(outDir, { recursive: true });
  const written = [];
  for (const [weight, spec] of Object.entries(fontSources)) {
    const font = readFileSync(require.resolve(spec.package));
    const kept = keptCodePoints(fontkit.create(font).characterSet, sourceChars);
    const out = await subsetFont(font, kept);
    const file = path.join(outDir, spec.subset);
    await writeFile(file, out);
    written.push({ weight, file, bytes: out.length, fullBytes: font.length, characters: kept.size });
  }
  return written;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const w of await subsetFonts(process.argv[2])) {
    console.error(
      `${w.weight}: ${w.characters} characters, ${(w.bytes / 1e6).toFixed(1)} MB (from ${(w.fullBytes / 1e6).toFixed(1)} MB) → ${w.file}`,
    );
  }
}
