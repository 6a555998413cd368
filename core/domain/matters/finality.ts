/**
 * Finality is about facts, not categories (信访工作条例 art. 36(3): "仍然以同一事实和理由提出投诉请求的……
 * 不再受理"). A petitioner whose earlier petition ended in 复核 may bring a new grievance; the clerk is
 * shown his closest final petitions ranked by how alike their facts read, and confirms "same facts" or
 * "new facts" with a reason, which the event log keeps. The score orders the list; the clerk decides.
 */
import { conflict, type Refusal } from './refusals';
import { hasText, isOneOf } from './table-types';

export const factsVerdicts = ['same_facts', 'new_facts'] as const;
export type FactsVerdict = (typeof factsVerdicts)[number];
export const factsVerdictLabels: Record<FactsVerdict, string> = {
  same_facts: '同一事实和理由',
  new_facts: '新的事实或理由',
};

export interface FactsCheck {
  verdict: FactsVerdict;
  reason: string;
}

export interface FactsText {
  title: string;
  description: string;
  categoryCode: string;
}

export interface FinalMatter extends FactsText {
  id: string;
  code: string;
}

export interface RankedFinal {
  id: string;
  code: string;
  /** 0–1: how alike the two statements of facts read (character pairs in common). */
  similarity: number;
  reasons: string[];
}

/** Chinese has no spaces between words: pairs of adjacent characters are a fair unit of comparison. */
function bigrams(text: string): Map<string, number> {
  const chars = [...text.replace(/[\s\p{P}\p{S}]/gu, '')];
  const out = new Map<string, number>();
  for (let i = 0; i + 1 < chars.length; i++) {
    const g = `${chars[i]}${chars[i + 1]}`;
    out.set(g, (out.get(g) ?? 0) + 1);
  }
  return out;
}

/** Sørensen–Dice over character pairs: 1 for the same text, 0 for nothing in common. */
export function factsSimilarity(a: string, b: string): number {
  const x = bigrams(a);
  const y = bigrams(b);
  let common = 0;
  let total = 0;
  for (const n of x.values()) total += n;
  for (const n of y.values()) total += n;
  for (const [g, n] of x) common += Math.min(n, y.get(g) ?? 0);
  return total === 0 ? 0 : Math.round(((2 * common) / total) * 100) / 100;
}

export const factsOf = (m: Pick<FactsText, 'title' | 'description'>) => `${m.title}${m.description}`;

/** The petitioner's final petitions, closest facts first. */
export function rankFinal(m: FactsText, finals: readonly FinalMatter[]): RankedFinal[] {
  return finals
    .map((f) => {
      const similarity = factsSimilarity(factsOf(m), factsOf(f));
      const reasons = [
        '同一信访人，已复核终结',
        ...(f.categoryCode === m.categoryCode ? ['同一类别'] : []),
        `事实和理由相似度 ${Math.round(similarity * 100)}%`,
      ];
      return { id: f.id, code: f.code, similarity, reasons };
    })
    .sort((a, b) => b.similarity - a.similarity);
}

export function isFactsCheck(x: unknown): x is FactsCheck {
  if (typeof x !== 'object' || x === null) return false;
  const c = x as Record<string, unknown>;
  return isOneOf(factsVerdicts, c.verdict) && hasText(c.reason);
}

/**
 * Accepting a petition of someone with a final petition: the clerk must have compared the facts. Same
 * facts are not accepted again (the clerk refuses in writing instead); new facts are.
 */
export function checkFinality(same: { code: string; similarity?: number }, check: unknown): Refusal | null {
  const alike =
    same.similarity === undefined ? '' : `，事实和理由相似度 ${Math.round(same.similarity * 100)}%`;
  if (!isFactsCheck(check)) {
    return conflict(
      'FACTS_CHECK_REQUIRED',
      `该信访人有已复核终结的事项（${same.code}${alike}），请核对是否同一事实和理由，选择并写明理由。`,
    );
  }
  return check.verdict === 'same_facts'
    ? conflict(
        'FINAL_NOT_REACCEPTED',
        `经核对，与已复核终结的事项（${same.code}）属同一事实和理由，不再受理（《信访工作条例》第三十六条），请书面告知不予受理。`,
      )
    : null;
}
