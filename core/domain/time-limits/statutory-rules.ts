/**
 * Statutory time limits: only numbers read in the full official text (docs/LEGAL.md "high" confidence; texts
 * in docs/law/). Anything less certain is a `LocalPolicy` (local-policies.ts), never a constant here.
 *
 * Counting conventions shared by all of them (docs/LEGAL.md §0): plain "日" is calendar days, the start day is
 * not counted (民法典 art. 201; 民事诉讼法 art. 85), and a period ending on a rest day rolls over to the next
 * working day (民法典 art. 203; 民事诉讼法 art. 85). The roll-over is certain for civil and court periods
 * and applied by analogy to 信访 periods (the 条例 says nothing), so each rule states its confidence.
 */
import type { DeadlineRule } from './deadline';

export interface StatutoryRule extends DeadlineRule {
  /** high: the roll-over is the law's own rule; medium: applied by analogy (docs/LEGAL.md §0.3). */
  rollOverConfidence: 'high' | 'medium';
  /** The legal maximum of all extensions in the rule's unit; absent when the law sets none. */
  maxExtension?: number;
  /** A clock-stop the article allows; pass it to `computeDue` as a pause. */
  pauseAllowed?: string;
  /** Where docs/LEGAL.md records it. */
  rulesRef: string;
}

const XF = '信访工作条例';
const TY = '最高人民法院关于人民法院特邀调解的规定';
const ZX = '人民法院在线调解规则';

function calendarDays(
  basis: string,
  amount: number,
  rest: Omit<StatutoryRule, 'basis' | 'amount' | 'unit' | 'startRule' | 'rollOverIfRestDay'>,
): StatutoryRule {
  return Object.freeze({
    basis,
    amount,
    unit: 'calendar_day',
    startRule: 'next_day',
    rollOverIfRestDay: true,
    ...rest,
  });
}

function workingDays(
  basis: string,
  amount: number,
  rest: Omit<
    StatutoryRule,
    'basis' | 'amount' | 'unit' | 'startRule' | 'rollOverIfRestDay' | 'rollOverConfidence'
  >,
): StatutoryRule {
  // A working-day count always ends on a working day; the flag only matters for amount 0.
  return Object.freeze({
    basis,
    amount,
    unit: 'working_day',
    startRule: 'next_day',
    rollOverIfRestDay: true,
    rollOverConfidence: 'high',
    ...rest,
  });
}

// 信访工作条例 art. 22(1): 信访部门 registers, then transfers or assigns within 15 days.
export const XF_22 = calendarDays('XF-22', 15, {
  label: '信访事项转送、交办期限',
  citation: `${XF}第二十二条第一款`,
  startEvent: '收到信访事项之日',
  rollOverConfidence: 'medium',
  rulesRef: 'docs/LEGAL.md 1.9',
});

// 信访工作条例 art. 23(2)(3): written notice within 15 days of receipt.
export const XF_23_NOTICE = calendarDays('XF-23-notice', 15, {
  label: '信访事项书面告知期限',
  citation: `${XF}第二十三条第二款、第三款`,
  startEvent: '收到信访事项之日',
  rollOverConfidence: 'medium',
  rulesRef: 'docs/LEGAL.md 1.11, 1.12',
});

// 信访工作条例 art. 23(3): objection within 5 working days — the only 工作日 in the 条例.
export const XF_23_OBJECTION = workingDays('XF-23-objection', 5, {
  label: '不属于职权范围的异议期限',
  citation: `${XF}第二十三条第三款`,
  startEvent: '收到转送、交办的信访事项之日',
  rulesRef: 'docs/LEGAL.md 1.13',
});

// 信访工作条例 art. 34: 60 days from acceptance; extension by the head of the body, at most 30 days.
export const XF_34 = calendarDays('XF-34', 60, {
  label: '信访事项办理期限',
  citation: `${XF}第三十四条`,
  startEvent: '受理之日',
  rollOverConfidence: 'medium',
  maxExtension: 30,
  rulesRef: 'docs/LEGAL.md 1.20, 1.21',
});

// 信访工作条例 art. 34: the extension itself is at most 30 days (use with `extend(XF_34, days, XF_34_EXT.amount)`).
export const XF_34_EXT = calendarDays('XF-34-ext', 30, {
  label: '信访事项办理期限延长上限',
  citation: `${XF}第三十四条`,
  startEvent: '受理之日',
  rollOverConfidence: 'medium',
  rulesRef: 'docs/LEGAL.md 1.21',
});

// 信访工作条例 art. 35: the petitioner may ask for 复查 within 30 days of receiving the written reply.
export const XF_35_REQUEST = calendarDays('XF-35-request', 30, {
  label: '复查请求期限',
  citation: `${XF}第三十五条`,
  startEvent: '收到书面答复之日',
  rollOverConfidence: 'medium',
  rulesRef: 'docs/LEGAL.md 1.22',
});

// 信访工作条例 art. 35: the reviewing body answers within 30 days of the request.
export const XF_35 = calendarDays('XF-35', 30, {
  label: '复查意见期限',
  citation: `${XF}第三十五条`,
  startEvent: '收到复查请求之日',
  rollOverConfidence: 'medium',
  rulesRef: 'docs/LEGAL.md 1.22',
});

// 信访工作条例 art. 36(1): 复核 request within 30 days of receiving the review reply.
export const XF_36_REQUEST = calendarDays('XF-36-request', 30, {
  label: '复核请求期限',
  citation: `${XF}第三十六条第一款`,
  startEvent: '收到复查意见书面答复之日',
  rollOverConfidence: 'medium',
  rulesRef: 'docs/LEGAL.md 1.23',
});

// 信访工作条例 art. 36(1)(2): 复核 opinion within 30 days; hearing time is not counted.
export const XF_36 = calendarDays('XF-36', 30, {
  label: '复核意见期限',
  citation: `${XF}第三十六条第一款、第二款`,
  startEvent: '收到复核请求之日',
  rollOverConfidence: 'medium',
  pauseAllowed: '听证所需时间不计算在期限内（信访工作条例第三十六条第二款）',
  rulesRef: 'docs/LEGAL.md 1.23',
});

// 人民调解法 art. 33; 民事诉讼法 art. 205: joint application for 司法确认 within 30 days of the agreement taking effect.
export const RT_33 = calendarDays('RT-33', 30, {
  label: '司法确认申请期限',
  citation: '人民调解法第三十三条；民事诉讼法第二百零五条',
  startEvent: '调解协议生效之日',
  rollOverConfidence: 'high',
  rulesRef: 'docs/LEGAL.md 2.20',
});

// 民事诉讼法 art. 187: special-procedure cases (司法确认) concluded within 30 days of filing; the court
// president may extend, with no stated maximum.
export const MS_187 = calendarDays('MS-187', 30, {
  label: '司法确认案件审结期限',
  citation: '民事诉讼法第一百八十七条',
  startEvent: '立案之日',
  rollOverConfidence: 'high',
  rulesRef: 'docs/LEGAL.md 2.22',
});

// 特邀调解规定 art. 27: 委派 30 days, 委托 15 (ordinary) / 7 (simplified), from signing for the court's
// materials; longer only with both parties' consent (no maximum).
export const TY_27_DELEGATED = calendarDays('TY-27-delegated', 30, {
  label: '委派调解期限',
  citation: `${TY}第二十七条第一款、第三款`,
  startEvent: '特邀调解组织或者特邀调解员签字接收法院移交材料之日',
  rollOverConfidence: 'high',
  rulesRef: 'docs/LEGAL.md 3.10',
});

export const TY_27_ENTRUSTED = calendarDays('TY-27-entrusted', 15, {
  label: '委托调解期限（普通程序）',
  citation: `${TY}第二十七条第二款、第三款`,
  startEvent: '特邀调解组织或者特邀调解员签字接收法院移交材料之日',
  rollOverConfidence: 'high',
  rulesRef: 'docs/LEGAL.md 3.10',
});

export const TY_27_ENTRUSTED_SIMPLE = calendarDays('TY-27-entrusted-simple', 7, {
  label: '委托调解期限（简易程序）',
  citation: `${TY}第二十七条第二款、第三款`,
  startEvent: '特邀调解组织或者特邀调解员签字接收法院移交材料之日',
  rollOverConfidence: 'high',
  rulesRef: 'docs/LEGAL.md 3.10',
});

// 在线调解规则 art. 10(2): parties choose a mediator jointly within 2 working days, else the court appoints.
export const ZX_10_CHOOSE = workingDays('ZX-10-choose', 2, {
  label: '共同选择调解组织或者调解员期限',
  citation: `${ZX}第十条第二款`,
  startEvent: '同意在线调解之日',
  rulesRef: 'docs/LEGAL.md 3.17',
});

// 在线调解规则 art. 10(3): the court appoints within 3 working days of the application.
export const ZX_10_APPOINT = workingDays('ZX-10-appoint', 3, {
  label: '人民法院指定调解组织或者调解员期限',
  citation: `${ZX}第十条第三款`,
  startEvent: '收到当事人在线调解申请之日',
  rulesRef: 'docs/LEGAL.md 3.17',
});

// 在线调解规则 art. 12(1): the mediator confirms or declines within 3 working days.
export const ZX_12 = workingDays('ZX-12', 3, {
  label: '确认接受调解期限',
  citation: `${ZX}第十二条第一款`,
  startEvent: '收到委派委托调解信息或者在线调解申请之日',
  rulesRef: 'docs/LEGAL.md 3.18',
});

// 在线调解规则 art. 15(1): the mediator helps contact the other side within 3 working days.
export const ZX_15 = workingDays('ZX-15', 3, {
  label: '协助通知对方当事人期限',
  citation: `${ZX}第十五条第一款`,
  startEvent: '接受人民法院委派调解之日',
  rulesRef: 'docs/LEGAL.md 3.21',
});

// 在线调解规则 art. 24, 26: pre-filing online mediation 30 days; appraisal time is not counted.
export const ZX_24_PRE_FILING = calendarDays('ZX-24-pre', 30, {
  label: '立案前在线调解期限',
  citation: `${ZX}第二十四条`,
  startEvent: '在人民法院调解平台确认接受之日',
  rollOverConfidence: 'high',
  pauseAllowed: '鉴定评估期限不计入调解期限（人民法院在线调解规则第二十六条）',
  rulesRef: 'docs/LEGAL.md 3.27, 3.29',
});

// 在线调解规则 art. 24: post-filing online mediation 15 days (ordinary) / 7 days (simplified).
export const ZX_24_POST_FILING = calendarDays('ZX-24-post', 15, {
  label: '立案后在线调解期限（普通程序）',
  citation: `${ZX}第二十四条`,
  startEvent: '在人民法院调解平台确认接受之日',
  rollOverConfidence: 'high',
  rulesRef: 'docs/LEGAL.md 3.27',
});

export const ZX_24_POST_FILING_SIMPLE = calendarDays('ZX-24-post-simple', 7, {
  label: '立案后在线调解期限（简易程序）',
  citation: `${ZX}第二十四条`,
  startEvent: '在人民法院调解平台确认接受之日',
  rollOverConfidence: 'high',
  rulesRef: 'docs/LEGAL.md 3.27',
});

// 劳动争议调解仲裁法 art. 14(3): no agreement within 15 days of the application → arbitration is open.
// Roll-over: 民法典 art. 204 makes its counting rules the default for periods set by law.
export const LD_14 = calendarDays('LD-14', 15, {
  label: '劳动争议调解期限',
  citation: '劳动争议调解仲裁法第十四条第三款',
  startEvent: '劳动争议调解组织收到调解申请之日',
  rollOverConfidence: 'high',
  rulesRef: 'docs/LEGAL.md 2.27',
});

export const statutoryRuleList: readonly StatutoryRule[] = [
  XF_22,
  XF_23_NOTICE,
  XF_23_OBJECTION,
  XF_34,
  XF_34_EXT,
  XF_35_REQUEST,
  XF_35,
  XF_36_REQUEST,
  XF_36,
  RT_33,
  MS_187,
  TY_27_DELEGATED,
  TY_27_ENTRUSTED,
  TY_27_ENTRUSTED_SIMPLE,
  ZX_10_CHOOSE,
  ZX_10_APPOINT,
  ZX_12,
  ZX_15,
  ZX_24_PRE_FILING,
  ZX_24_POST_FILING,
  ZX_24_POST_FILING_SIMPLE,
  LD_14,
];

export const statutoryRules: Readonly<Record<string, StatutoryRule>> = Object.freeze(
  Object.fromEntries(statutoryRuleList.map((r) => [r.basis, r])),
);

/** The rule for a stored basis code; throws on an unknown code rather than guessing. */
export function statutoryRule(basis: string): StatutoryRule {
  const rule = statutoryRules[basis];
  if (!rule) throw new RangeError(`unknown statutory basis: ${basis}`);
  return rule;
}
