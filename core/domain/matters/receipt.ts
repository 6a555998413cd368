/**
 * 收到之日 (docs/LEGAL.md §1.11–§1.12): the petition clocks of 信访工作条例 art. 22–23 run "自收到之日起",
 * not from the moment a clerk typed the letter in. A receipt date earlier than registration is allowed only
 * with its evidence, never in the future, and not further back than the install allows (a typing guard).
 */
import { invalid, type Refusal } from './refusals';

const DAY_MS = 86_400_000;

export interface ReceiptInput {
  receivedAt: Date;
  evidence: string | undefined;
  /** Whether a staff member enters it: a resident online is received when he submits. */
  staff: boolean;
}

export function checkReceipt(r: ReceiptInput, now: Date, maxDaysBack: number): Refusal | null {
  if (!r.staff) return invalid('RECEIPT_STAFF_ONLY', '收到日期由登记人员填写。');
  if (Number.isNaN(r.receivedAt.getTime())) return invalid('INVALID_INPUT', '收到日期格式不正确。');
  if (r.receivedAt.getTime() > now.getTime())
    return invalid('RECEIPT_IN_FUTURE', '收到日期不能晚于登记时间。');
  if (now.getTime() - r.receivedAt.getTime() > maxDaysBack * DAY_MS)
    return invalid('RECEIPT_TOO_OLD', `收到日期早于${maxDaysBack}天前，请核对；确有其事的请报上级处理。`);
  if (!r.evidence?.trim())
    return invalid('RECEIPT_EVIDENCE_REQUIRED', '请写明收到日期的依据（如邮戳、转送单）。');
  return null;
}
