/**
 * Word segmentation for the collective-conflict rule, by jieba (a native module, so it lives on the
 * server and never in core, which the browser bundle imports). The dictionary is loaded once per
 * process: it takes a few hundred milliseconds.
 */
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import type { Tokenizer } from '../../../../core/domain/risk/similarity';

let jieba: Jieba | null = null;

export const jiebaTokenizer: Tokenizer = (text) => {
  jieba ??= Jieba.withDict(dict);
  return jieba.cut(text, false);
};
