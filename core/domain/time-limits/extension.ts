/**
 * Extensions of a time limit, refused beyond the legal maximum (e.g. 信访工作条例 art. 34: 延长期限不得超过
 * 30 日). The refusal is a user-facing error: the head of the body asked for something the law forbids.
 */
import { AppError } from '../../errors';
import type { DeadlineRule } from './deadline';
import { UNIT_ZH } from './explain-due';

/** The user-facing refusal of an extension beyond the legal maximum. */
export class ExtensionRefusedError extends AppError {
  constructor(message: string) {
    super('UNPROCESSABLE', message);
    this.name = 'ExtensionRefusedError';
  }
}

/**
 * Grants an extension of `amount` in the rule's unit, refusing beyond `max` in total (counting earlier
 * extensions made through this function), e.g. 信访工作条例 art. 34: at most 30 days.
 */
export function extend(rule: DeadlineRule, amount: number, max: number): DeadlineRule {
  const unit = UNIT_ZH[rule.unit];
  if (!Number.isInteger(amount) || amount <= 0) {
    throw new ExtensionRefusedError(`延长期限应为正整数${unit}。`);
  }
  const already = rule.extendedBy ?? 0;
  if (already + amount > max) {
    const done = already > 0 ? `已延长 ${already} ${unit}，不能再延长` : '不能延长';
    throw new ExtensionRefusedError(
      `${rule.label}最多可延长 ${max} ${unit}（${rule.citation}），${done} ${amount} ${unit}。`,
    );
  }
  return { ...rule, amount: rule.amount + amount, extendedBy: already + amount };
}
