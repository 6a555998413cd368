/**
 * Text similarity for the collective-conflict rule: Jaccard overlap of word sets. The tokenizer is
 * passed in, so the pure rule can run with jieba word segmentation on the server (jieba-tokenizer.ts,
 * a native module the browser bundle must never import) and with character bigrams anywhere else.
 */
export type Tokenizer = (text: string) => string[];

/** Common words in matter texts that say nothing about what the matter is. */
const stopWords = new Set([
  '反映',
  '请求',
  '要求',
  '问题',
  '事项',
  '本人',
  '我们',
  '多次',
  '发生',
  '存在',
  '情况',
  '一直',
  '进行',
  '解决',
  '处理',
]);

/** Character bigrams of the CJK, letter and digit runs: the fallback when no segmenter is available. */
export const bigramTokenizer: Tokenizer = (text) => {
  const out: string[] = [];
  for (const run of text.match(/[\p{Script=Han}A-Za-z0-9]+/gu) ?? []) {
    const chars = [...run];
    for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
  }
  return out;
};

/** The set of content words: at least two characters, punctuation and stop words dropped. */
export function contentWords(text: string, tokenize: Tokenizer): Set<string> {
  const words = new Set<string>();
  for (const w of tokenize(text)) {
    const t = w.trim();
    if ([...t].length < 2 || stopWords.has(t) || !/[\p{Script=Han}A-Za-z]/u.test(t)) continue;
    words.add(t);
  }
  return words;
}

export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 0;
  let both = 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const w of small) if (large.has(w)) both++;
  return both / (a.size + b.size - both);
}
