/**
 * Which court-docking flows a county uses, and the statutory period of each court-docked mediation.
 * The flows are policy, switched per county by the administrator: the 2025 reform may have ended
 * pre-filing delegation (docs/LEGAL.md §3.33–3.34), so 委派 starts switched off.
 */
import type { WorkCalendar } from '../time-limits/calendar';
import { computeDue, type DueResult } from '../time-limits/deadline';
import {
  RT_33,
  TY_27_DELEGATED,
  TY_27_ENTRUSTED,
  TY_27_ENTRUSTED_SIMPLE,
} from '../time-limits/statutory-rules';

export interface CourtDockingPolicy {
  /** 调解不成 → the dispute and its package go to the court (在线调解规则 art. 21). */
  litigationReferral: boolean;
  /** Joint applications for 司法确认 (人民调解法 art. 33). */
  judicialConfirmation: boolean;
  /** Mediations the court entrusts after filing (委托). */
  entrusted: boolean;
  /** Mediations the court delegates before filing (委派). */
  delegated: boolean;
}

export const defaultCourtDocking: Readonly<CourtDockingPolicy> = Object.freeze({
  litigationReferral: true,
  judicialConfirmation: true,
  entrusted: true,
  delegated: false,
});

export const courtDockingLabels: Record<keyof CourtDockingPolicy, string> = {
  litigationReferral: '调解不成引导诉讼（推送材料）',
  judicialConfirmation: '司法确认申请',
  entrusted: '接收法院委托调解',
  delegated: '接收法院委派调解（诉前）',
};

/** 特邀调解规定 art. 27: 委派 30 days; 委托 15 (ordinary) or 7 (simplified) days. */
export function courtMediationRule(type: 'entrusted' | 'delegated', procedure?: 'ordinary' | 'simplified') {
  if (type === 'delegated') return TY_27_DELEGATED;
  return procedure === 'simplified' ? TY_27_ENTRUSTED_SIMPLE : TY_27_ENTRUSTED;
}

/** 人民调解法 art. 33 (docs/LEGAL.md §2.20): the joint application window after an agreement takes effect. */
export const confirmationWindowRule = RT_33;

/** The last day of that window, counted from the agreement taking effect. */
export function confirmationWindowDue(agreedAt: Date, cal: WorkCalendar): DueResult {
  return computeDue(confirmationWindowRule, agreedAt, cal);
}
