import chineseDays from 'chinese-days';
import { describe, expect, it } from 'vitest';
import { chineseDaysCalendar } from './calendar';
import { computeDue, type DeadlineRule, sameDay } from './deadline';
import { ExtensionRefusedError, extend } from './extension';
import { defaultLocalPolicies } from './local-policies';
import {
  RT_33,
  TY_27_ENTRUSTED,
  XF_22,
  XF_23_NOTICE,
  XF_23_OBJECTION,
  XF_34,
  XF_34_EXT,
  XF_35,
  XF_35_REQUEST,
  XF_36,
  ZX_12,
  ZX_24_PRE_FILING,
} from './statutory-rules';

const cal = chineseDaysCalendar();
/** An instant given in Beijing time, so the test reads like the case file. */
const bj = (localDateTime: string) => new Date(`${localDateTime}+08:00`);
const packageTrustworthyHere = new Date('2025-06-01T00:00:00Z').getTimezoneOffset() <= 0;

function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  throw new Error('expected an error');
}

describe('calendar-day periods across National Day 2025', () => {
  it('信访工作条例 art. 23: notice within 15 days of a petition received on the make-up Sunday 2025-09-28 ends 2025-10-13', () => {
    // Day 1 = 09-29; 10-01..10-08 are holidays but calendar days still count; day 15 = 10-13, a Monday at work.
    const due = computeDue(XF_23_NOTICE, bj('2025-09-28T10:00:00'), cal);
    expect(due.lastDay).toBe('2025-10-13');
    expect(due.rolledOverFrom).toBeNull();
    expect(due.dueAt.toISOString()).toBe('2025-10-13T15:59:59.999Z');
    expect(due.explanation).toBe(
      '信访事项书面告知期限（信访工作条例第二十三条第二款、第三款）：15 日，自收到信访事项之日 2025年9月28日（星期日）的次日起算，' +
        '第 15 日为 2025年10月13日（星期一）；期限至 2025年10月13日（星期一）24:00 止（北京时间）。',
    );
  });

  it('信访工作条例 art. 22: the same count holds for the 15-day transfer, even for a receipt at 23:30 Beijing time', () => {
    // 23:30 +08:00 is 15:30 UTC the same day; 00:30 +08:00 on the 28th is still the 27th in UTC.
    expect(computeDue(XF_22, bj('2025-09-28T23:30:00'), cal).lastDay).toBe('2025-10-13');
    expect(computeDue(XF_22, new Date('2025-09-27T16:30:00Z'), cal).lastDay).toBe('2025-10-13');
  });

  it('信访工作条例 art. 23 with 民法典 art. 203: day 15 on 2025-10-08, the last holiday, rolls to 2025-10-09', () => {
    const due = computeDue(XF_23_NOTICE, bj('2025-09-23T09:00:00'), cal);
    expect(due.rolledOverFrom).toBe('2025-10-08');
    expect(due.lastDay).toBe('2025-10-09');
    expect(due.explanation).toContain('顺延至其后第一个工作日 2025年10月9日（星期四）');
  });
});

describe('working-day periods', () => {
  it('信访工作条例 art. 23(3): 5 working days from 2025-09-30 skip 10-01..10-08, count Saturday 10-11 and end 2025-10-14', () => {
    // 10-09 Thu (1), 10-10 Fri (2), 10-11 Sat make-up (3), 10-12 Sun rest, 10-13 Mon (4), 10-14 Tue (5).
    const due = computeDue(XF_23_OBJECTION, bj('2025-09-30T16:00:00'), cal);
    expect(due.lastDay).toBe('2025-10-14');
    expect(due.dueAt.toISOString()).toBe('2025-10-14T15:59:59.999Z');
    if (packageTrustworthyHere) expect(chineseDays.findWorkday(5, '2025-09-30')).toBe('2025-10-14');
  });

  it('信访工作条例 art. 23(3): 5 working days from the make-up Sunday 2025-09-28 end on the make-up Saturday 2025-10-11', () => {
    // 09-29 (1), 09-30 (2), holidays, 10-09 (3), 10-10 (4), 10-11 Sat make-up (5).
    expect(computeDue(XF_23_OBJECTION, bj('2025-09-28T10:00:00'), cal).lastDay).toBe('2025-10-11');
  });

  it('在线调解规则 art. 12: 3 working days from 2026-02-12 count make-up Saturday 02-14 and skip Spring Festival to 02-24', () => {
    // 02-13 Fri (1), 02-14 Sat make-up (2), 02-15..02-23 holidays, 02-24 Tue (3).
    expect(computeDue(ZX_12, bj('2026-02-12T11:00:00'), cal).lastDay).toBe('2026-02-24');
  });
});

describe('calendar-day periods across Spring Festival 2026 and weekends', () => {
  it('信访工作条例 art. 34: 60 days from acceptance on 2026-01-20 reach Saturday 03-21 and roll to Monday 2026-03-23', () => {
    // 01-21..01-31 = 11, February = 28 (39), 03-01..03-21 = 21 (60). Spring Festival days count as days;
    // only the last day matters, and Saturday 03-21 is a rest day.
    const due = computeDue(XF_34, bj('2026-01-20T09:30:00'), cal);
    expect(due.rolledOverFrom).toBe('2026-03-21');
    expect(due.lastDay).toBe('2026-03-23');
    expect(due.dueAt.toISOString()).toBe('2026-03-23T15:59:59.999Z');
  });

  it('信访工作条例 art. 35: 30 days from 2026-01-17 end inside Spring Festival (02-16) and roll to 2026-02-24', () => {
    // 01-18..01-31 = 14, 02-01..02-16 = 16; holiday 02-15..02-23, first working day 02-24.
    const due = computeDue(XF_35, bj('2026-01-17T10:00:00'), cal);
    expect(due.rolledOverFrom).toBe('2026-02-16');
    expect(due.lastDay).toBe('2026-02-24');
  });

  it('信访工作条例 art. 35: a 30-day window ending on Saturday 2026-04-11 rolls to Monday 2026-04-13', () => {
    // 03-13..03-31 = 19, 04-01..04-11 = 11.
    expect(computeDue(XF_35_REQUEST, bj('2026-03-12T10:00:00'), cal).lastDay).toBe('2026-04-13');
  });

  it('信访工作条例 art. 35: a 30-day window ending on Qingming Saturday 2026-04-04 rolls past the holiday to 2026-04-07', () => {
    // 03-06..03-31 = 26, 04-01..04-04 = 4; 清明 04-04..04-06.
    expect(computeDue(XF_35_REQUEST, bj('2026-03-05T10:00:00'), cal).lastDay).toBe('2026-04-07');
  });

  it('人民调解法 art. 33: a window ending on the make-up Saturday 2026-02-28 does not roll (it is a working day)', () => {
    // 01-30..01-31 = 2, 02-01..02-28 = 28.
    const due = computeDue(RT_33, bj('2026-01-29T10:00:00'), cal);
    expect(due.lastDay).toBe('2026-02-28');
    expect(due.rolledOverFrom).toBeNull();
    expect(due.explanation).toContain('该日为调休上班日，不顺延');
  });

  it('a rule without the roll-over flag ends on the rest day itself', () => {
    const noRoll: DeadlineRule = { ...XF_35_REQUEST, rollOverIfRestDay: false };
    const due = computeDue(noRoll, bj('2026-03-12T10:00:00'), cal);
    expect(due.lastDay).toBe('2026-04-11');
    expect(due.explanation).toContain('该日为休息日，本期限不顺延');
  });
});

describe('a year without holiday data (provisional dates, docs/LEGAL.md §8.5)', () => {
  it('信访工作条例 art. 34: 60 days from 2026-11-15 end 2027-01-14, provisional because 2027 has no arrangement yet', () => {
    const due = computeDue(XF_34, bj('2026-11-15T10:00:00'), cal);
    // 11-16..11-30 = 15, 12-01..12-31 = 31, 01-01..01-14 = 14: 2027-01-14 is a Thursday.
    expect(due.lastDay).toBe('2027-01-14');
    expect(due.provisionalYears).toEqual([2027]);
    expect(due.explanation).toContain('（暂定：2027 年节假日安排尚未公布，暂按周末推算，公布后自动重算）');
  });

  it('信访工作条例 art. 34: 60 days from 2026-10-01 end 2026-11-30, inside the data: not provisional', () => {
    const due = computeDue(XF_34, bj('2026-10-01T10:00:00'), cal);
    expect(due.lastDay).toBe('2026-11-30');
    expect(due.provisionalYears).toEqual([]);
    expect(due.explanation).not.toContain('暂定');
  });

  it('在线调解规则 art. 12: working days that run into 2027 count Monday to Friday there', () => {
    // 2026-12-31 Thu is day 1, 2027-01-01 Fri day 2 (provisionally a working day), 01-04 Mon day 3.
    const due = computeDue(ZX_12, bj('2026-12-30T10:00:00'), cal);
    expect(due.provisionalYears).toEqual([2027]);
    expect(due.lastDay).toBe(cal.addWorkdays('2026-12-30', ZX_12.amount));
  });

  it('a calendar-day rule that never asks about rest days is not provisional', () => {
    const noRoll: DeadlineRule = { ...XF_34, rollOverIfRestDay: false };
    const due = computeDue(noRoll, bj('2026-11-15T10:00:00'), cal);
    expect(due.lastDay).toBe('2027-01-14');
    expect(due.provisionalYears).toEqual([]);
  });

  it('a calendar-day period ending on a provisional Saturday rolls to the Monday, provisionally', () => {
    // 60 days from 2026-11-03 end Saturday 2027-01-02; 2027 has no arrangement, so Monday 01-04.
    const due = computeDue(XF_34, bj('2026-11-03T10:00:00'), cal);
    expect(due.rolledOverFrom).toBe('2027-01-02');
    expect(due.lastDay).toBe('2027-01-04');
    expect(due.provisionalYears).toEqual([2027]);
  });
});

describe('pauses (clock-stops)', () => {
  const signedFor = bj('2026-03-02T10:00:00'); // Monday

  it('特邀调解规定 art. 27: a 15-day 委托 clock from 2026-03-02 ends 2026-03-17', () => {
    expect(computeDue(TY_27_ENTRUSTED, signedFor, cal).lastDay).toBe('2026-03-17');
  });

  it('特邀调解规定 art. 27: the same clock paused over three local days (appraisal) ends three days later, 2026-03-20', () => {
    // Paused 03-05 09:00 → 03-07 17:00 covers 03-05, 03-06, 03-07. (在线调解规则 art. 26 is the article that
    // stops the clock for appraisal, for pre-filing mediation; the mechanics are the same.)
    const due = computeDue(TY_27_ENTRUSTED, signedFor, cal, {
      pauses: [{ from: bj('2026-03-05T09:00:00'), to: bj('2026-03-07T17:00:00') }],
    });
    expect(due.lastDay).toBe('2026-03-20');
    expect(due.excluded).toBe(3);
    expect(due.explanation).toContain('其间中止计算 3 日（不计入期限）');
  });

  it('在线调解规则 art. 24, 26: 30 days from 2026-03-02 with 10 days of appraisal reach Saturday 04-11 and roll to 2026-04-13', () => {
    const due = computeDue(ZX_24_PRE_FILING, signedFor, cal, {
      pauses: [{ from: bj('2026-03-10T08:00:00'), to: bj('2026-03-19T18:00:00') }],
    });
    expect(due.excluded).toBe(10);
    expect(due.rolledOverFrom).toBe('2026-04-11');
    expect(due.lastDay).toBe('2026-04-13');
  });

  it('信访工作条例 art. 36(2): a one-day hearing pushes the 复核 opinion from Friday 06-05 to Saturday 06-06, rolled to 2026-06-08', () => {
    const received = bj('2026-05-06T10:00:00');
    expect(computeDue(XF_36, received, cal).lastDay).toBe('2026-06-05');
    const due = computeDue(XF_36, received, cal, {
      pauses: [{ from: bj('2026-05-20T09:00:00'), to: bj('2026-05-20T12:00:00') }],
    });
    expect(due.lastDay).toBe('2026-06-08');
  });

  it('ignores pauses before the start or after the end, and merges overlapping ones', () => {
    const outside = computeDue(TY_27_ENTRUSTED, signedFor, cal, {
      pauses: [
        { from: bj('2026-02-20T09:00:00'), to: bj('2026-03-01T09:00:00') },
        { from: bj('2026-03-25T09:00:00'), to: bj('2026-03-26T09:00:00') },
      ],
    });
    expect(outside.lastDay).toBe('2026-03-17');
    expect(outside.excluded).toBe(0);
    const overlapping = computeDue(TY_27_ENTRUSTED, signedFor, cal, {
      pauses: [
        { from: bj('2026-03-05T09:00:00'), to: bj('2026-03-07T09:00:00') },
        { from: bj('2026-03-06T09:00:00'), to: bj('2026-03-08T09:00:00') },
      ],
    });
    // 03-05..03-08 = 4 days → 03-21 (Saturday) → 03-23.
    expect(overlapping.excluded).toBe(4);
    expect(overlapping.lastDay).toBe('2026-03-23');
  });

  it('a working-day clock loses only the working days of a pause', () => {
    // 3 working days from Monday 03-02: 03-03, 03-04, 03-05. Paused 03-04..03-05 → 03-03, 03-06, 03-09.
    const due = computeDue(ZX_12, signedFor, cal, {
      pauses: [{ from: bj('2026-03-04T09:00:00'), to: bj('2026-03-05T17:00:00') }],
    });
    expect(due.lastDay).toBe('2026-03-09');
    expect(due.excluded).toBe(2);
    expect(due.excludedUnit).toBe('working_day');
  });

  it('counts an unfinished pause up to asOf and says the clock is suspended', () => {
    const due = computeDue(TY_27_ENTRUSTED, signedFor, cal, {
      pauses: [{ from: bj('2026-03-05T10:00:00'), to: null }],
      asOf: bj('2026-03-06T12:00:00'),
    });
    expect(due.lastDay).toBe('2026-03-19');
    expect(due.suspended).toBe(true);
    expect(() =>
      computeDue(TY_27_ENTRUSTED, signedFor, cal, { pauses: [{ from: signedFor, to: null }] }),
    ).toThrow(RangeError);
  });
});

describe('extensions', () => {
  const accepted = bj('2026-01-20T09:30:00');

  it('信访工作条例 art. 34: an extension of 31 days is refused', () => {
    const e = thrown(() => extend(XF_34, 31, XF_34_EXT.amount));
    expect(e).toBeInstanceOf(ExtensionRefusedError);
    expect((e as Error).message).toBe(
      '信访事项办理期限最多可延长 30 日（信访工作条例第三十四条），不能延长 31 日。',
    );
  });

  it('信访工作条例 art. 34: 30 days are accepted, 90 in total, ending 2026-04-20', () => {
    const extended = extend(XF_34, 30, XF_34_EXT.amount);
    expect(extended.amount).toBe(90);
    const due = computeDue(extended, accepted, cal);
    // Day 60 = 03-21, day 90 = 04-20, a Monday.
    expect(due.lastDay).toBe('2026-04-20');
    expect(due.explanation).toContain('60 日，经批准延长 30 日，共 90 日');
    expect(
      computeDue(XF_34, accepted, cal, { extensions: [{ amount: 30, unit: 'calendar_day' }] }).lastDay,
    ).toBe('2026-04-20');
  });

  it('信访工作条例 art. 34: two extensions together may not pass 30 days', () => {
    const once = extend(XF_34, 20, XF_34_EXT.amount);
    expect(extend(once, 10, XF_34_EXT.amount).amount).toBe(90);
    expect(() => extend(once, 11, XF_34_EXT.amount)).toThrow(
      '信访事项办理期限最多可延长 30 日（信访工作条例第三十四条），已延长 20 日，不能再延长 11 日。',
    );
    expect(() => extend(XF_34, 0, XF_34_EXT.amount)).toThrow(ExtensionRefusedError);
  });

  it('a working-day extension of a calendar-day period counts on from its last day', () => {
    // 60 days from 01-17 = 03-18 (Wed); + 3 working days = 03-19, 03-20, 03-23.
    const due = computeDue(XF_34, bj('2026-01-17T10:00:00'), cal, {
      extensions: [{ amount: 3, unit: 'working_day' }],
    });
    expect(due.lastDay).toBe('2026-03-23');
  });
});

describe('months, hours and the same day', () => {
  const month = defaultLocalPolicies.peopleMediation.value;

  it('民法典 art. 202: one month from 2026-01-31 ends 2026-02-28 (no 31st; a make-up Saturday, so no roll-over)', () => {
    const due = computeDue(month, bj('2026-01-31T10:00:00'), cal);
    expect(due.lastDay).toBe('2026-02-28');
    expect(due.explanation).toContain('到期月没有对应日');
  });

  it('民法典 art. 202: one month ends on the matching day when there is one', () => {
    expect(computeDue(month, bj('2026-03-15T10:00:00'), cal).lastDay).toBe('2026-04-15');
    expect(computeDue(month, bj('2025-01-31T10:00:00'), cal).lastDay).toBe('2025-02-28');
    expect(computeDue(month, bj('2024-01-31T10:00:00'), cal).lastDay).toBe('2024-02-29');
  });

  it('事不过夜: an urgent matter at 2026-03-02 15:00 is due 2026-03-02 23:59:59.999 +08:00', () => {
    const expected = '2026-03-02T15:59:59.999Z';
    expect(sameDay(bj('2026-03-02T15:00:00')).dueAt.toISOString()).toBe(expected);
    expect(
      computeDue(
        defaultLocalPolicies.urgentSameDay.value,
        bj('2026-03-02T15:00:00'),
        cal,
      ).dueAt.toISOString(),
    ).toBe(expected);
    // 00:30 Beijing time is still 1 March in UTC; the local day decides.
    expect(sameDay(bj('2026-03-02T00:30:00')).dueAt.toISOString()).toBe(expected);
  });

  it('民法典 art. 201(2): an hour period starts at the moment and ends at the exact instant, pauses included', () => {
    const rule = defaultLocalPolicies.gridVerify.value; // 24 hours, immediate
    expect(computeDue(rule, bj('2026-03-02T15:00:00'), cal).dueAt.toISOString()).toBe(
      '2026-03-03T07:00:00.000Z',
    );
    const paused = computeDue(rule, bj('2026-03-02T15:00:00'), cal, {
      pauses: [{ from: bj('2026-03-02T20:00:00'), to: bj('2026-03-02T22:30:00') }],
    });
    expect(paused.dueAt.toISOString()).toBe('2026-03-03T09:30:00.000Z');
    expect(paused.excluded).toBe(2.5);
  });

  it('民法典 art. 203(2): ends at business close when the office has business hours', () => {
    const due = computeDue(XF_23_NOTICE, bj('2025-09-28T10:00:00'), cal, { businessClose: '17:30' });
    expect(due.dueAt.toISOString()).toBe('2025-10-13T09:30:00.000Z');
  });

  it('refuses rules that cannot be computed', () => {
    expect(() => computeDue({ ...XF_34, amount: -1 }, bj('2026-01-20T10:00:00'), cal)).toThrow(RangeError);
    expect(() => computeDue({ ...XF_34, amount: 1.5 }, bj('2026-01-20T10:00:00'), cal)).toThrow(RangeError);
    expect(() =>
      computeDue(XF_34, bj('2026-01-20T10:00:00'), cal, { extensions: [{ amount: 2, unit: 'hour' }] }),
    ).toThrow(RangeError);
  });
});
