/**
 * The Chinese sentence stored and shown with every computed deadline. Staff, petitioners and supervisors
 * must be able to check a date by hand, so it names the article, the start, each adjustment (pause,
 * extension, roll-over) and the final moment.
 */
import type { DeadlineRule, DeadlineUnit, Extension } from './deadline';
import { formatInstantZh, formatLocalDateZh, type LocalDate, toLocalDate, weekdayOf } from './local-date';

export interface DueExplanationInput {
  rule: DeadlineRule;
  extensions: readonly Extension[];
  triggerAt: Date;
  /** The last counted day before any roll-over. */
  counted: LocalDate;
  lastDay: LocalDate;
  rolledOverFrom: LocalDate | null;
  excluded: number;
  suspended: boolean;
  asOf: Date | undefined;
  businessClose: string | undefined;
  monthClamped: boolean;
  /** Whether `counted` is a working day, when the calendar covers it. */
  countedIsWorkday: boolean | null;
  /** Years counted without a known holiday arrangement: the date is provisional. */
  provisionalYears: readonly number[];
  /** Hour periods: the exact end. */
  dueAt?: Date;
}

/** The words every screen and document uses for a provisional date (docs/LEGAL.md §8.5). */
export function provisionalNote(years: readonly number[]): string {
  return `${years.join('、')} 年节假日安排尚未公布，暂按周末推算`;
}

function provisionalText(input: DueExplanationInput): string {
  return input.provisionalYears.length ? `（暂定：${provisionalNote(input.provisionalYears)}）` : '';
}

/** How each unit reads after a number: 60 日, 5 个工作日, 24 小时, 1 个月. */
export const UNIT_ZH: Record<DeadlineUnit, string> = {
  calendar_day: '日',
  working_day: '个工作日',
  hour: '小时',
  month: '个月',
};

function amountText(rule: DeadlineRule, extensions: readonly Extension[]): string {
  const unit = UNIT_ZH[rule.unit];
  const granted = rule.extendedBy ?? 0;
  const parts = [
    granted > 0
      ? `${rule.amount - granted} ${unit}，经批准延长 ${granted} ${unit}`
      : `${rule.amount} ${unit}`,
  ];
  for (const e of extensions) parts.push(`延长 ${e.amount} ${UNIT_ZH[e.unit]}`);
  if (parts.length > 1 || granted > 0) {
    if (extensions.every((e) => e.unit === rule.unit)) {
      parts.push(`共 ${rule.amount + extensions.reduce((s, e) => s + e.amount, 0)} ${unit}`);
    }
  }
  return parts.join('，');
}

function countedText(input: DueExplanationInput, total: number): string {
  const { rule, counted, extensions } = input;
  const day = formatLocalDateZh(counted);
  if (extensions.some((e) => e.unit !== rule.unit)) return `期间最后一日为 ${day}`;
  switch (rule.unit) {
    case 'calendar_day':
      return `第 ${total} 日为 ${day}`;
    case 'working_day':
      return `不计休息日和法定节假日、计入调休上班日，第 ${total} 个工作日为 ${day}`;
    case 'month':
      return input.monthClamped
        ? `到期月没有对应日，以月末日 ${day}为期间最后一日（民法典第二百零二条）`
        : `以到期月的对应日 ${day}为期间最后一日（民法典第二百零二条）`;
    case 'hour':
      return '';
  }
}

function rollText(input: DueExplanationInput): string {
  if (input.rolledOverFrom) {
    return `，该日为休息日，顺延至其后第一个工作日 ${formatLocalDateZh(input.lastDay)}（参照民法典第二百零三条）`;
  }
  const weekend = weekdayOf(input.counted) % 6 === 0;
  if (input.countedIsWorkday && weekend) return '，该日为调休上班日，不顺延';
  if (input.countedIsWorkday === false && input.rule.unit !== 'working_day')
    return '，该日为休息日，本期限不顺延';
  return '';
}

export function explainDue(input: DueExplanationInput): string {
  const { rule, extensions, triggerAt } = input;
  const head = `${rule.label}（${rule.citation}）`;
  const triggerDay = formatLocalDateZh(toLocalDate(triggerAt));
  const unit = rule.unit === 'month' ? UNIT_ZH.calendar_day : UNIT_ZH[rule.unit];
  const excludedText =
    input.excluded > 0 ? `，其间中止计算 ${Number(input.excluded.toFixed(2))} ${unit}（不计入期限）` : '';
  const suspendedText =
    input.suspended && input.asOf
      ? `；中止尚未结束（已计至 ${formatInstantZh(input.asOf)}），届满时间将随之后移`
      : '';
  const end = input.businessClose
    ? `期限至 ${formatLocalDateZh(input.lastDay)}${input.businessClose} 止（停止业务活动时，北京时间）`
    : `期限至 ${formatLocalDateZh(input.lastDay)}24:00 止（北京时间）`;

  if (rule.unit === 'hour') {
    const start =
      rule.startRule === 'immediate'
        ? `自 ${formatInstantZh(triggerAt)} 起算`
        : `自 ${triggerDay}${rule.startRule === 'next_day' ? '的次日' : ''} 0:00 起算`;
    const due = input.dueAt ? formatInstantZh(input.dueAt) : formatLocalDateZh(input.lastDay);
    return `${head}：${amountText(rule, extensions)}，${start}${excludedText}，至 ${due} 届满（北京时间）${suspendedText}。`;
  }
  const event = rule.startEvent ?? '起算事件发生之日';
  if (
    rule.unit === 'calendar_day' &&
    rule.amount === 1 &&
    rule.startRule !== 'next_day' &&
    !extensions.length
  ) {
    // 当日办结: saying "the 1st day is today" would only obscure it.
    return `${head}：${rule.startEvent ?? ''}当日办结，${end}${excludedText}${suspendedText}。`;
  }
  const total =
    rule.amount + extensions.filter((e) => e.unit === rule.unit).reduce((s, e) => s + e.amount, 0);
  const start =
    rule.startRule === 'next_day'
      ? `自${event} ${triggerDay}的次日起算`
      : `自${event} ${triggerDay}当日起算（当日计入）`;
  return `${head}：${amountText(rule, extensions)}，${start}${excludedText}，${countedText(input, total)}${rollText(input)}；${end}${provisionalText(input)}${suspendedText}。`;
}
