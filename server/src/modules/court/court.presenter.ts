import type { CourtCaseView } from '../../../../core/contracts/court';
import type { CourtCaseRow } from './court-cases.repo';
import type { OutboxRow } from './outbox.repo';

export const courtCaseKindLabels: Record<string, string> = {
  litigation_referral: '调解不成推送法院',
  judicial_confirmation: '司法确认申请',
  entrusted: '法院委托调解',
  delegated: '法院委派调解',
};

export const courtCaseStatusLabels: Record<string, string> = {
  queued: '待发送',
  sent: '法院已接收',
  registered: '法院已立案',
  confirmed: '法院裁定确认有效',
  rejected: '法院裁定驳回',
  rejected_by_platform: '法院平台退回',
  received: '已接收，调解中',
  result_queued: '调解结果待发送',
  result_sent: '调解结果已送达法院',
};

const deliveryLabels: Record<string, string> = { pending: '发送中', delivered: '已送达', rejected: '被退回' };

export function presentCourtCase(c: CourtCaseRow, delivery: OutboxRow | undefined): CourtCaseView {
  const data = c.data as { windowDue?: string };
  return {
    id: c.id,
    kind: c.kind,
    kindLabel: courtCaseKindLabels[c.kind] ?? c.kind,
    status: c.status,
    statusLabel: courtCaseStatusLabels[c.status] ?? c.status,
    courtName: c.courtName,
    courtCaseNo: c.courtCaseNo,
    answer: c.answer ?? null,
    windowDue: data.windowDue ?? null,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
    delivery: delivery
      ? {
          status: deliveryLabels[delivery.status] ?? delivery.status,
          attempts: delivery.attempts,
          lastError: delivery.lastError,
          deliveredAt: delivery.deliveredAt?.toISOString() ?? null,
        }
      : null,
  };
}
