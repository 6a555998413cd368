import { describe, expect, it } from 'vitest';
import { assess, rankWithinTown } from './assessment';
import { DutyStandardError, defaultDutyStandard, resolveDutyStandard } from './duty-standard';
import { handoverRefusal } from './handover';
import { type LogFact, measurePerformance, type ReportFact, reportOutcome } from './performance';
import { parsePeriod, previousMonth } from './period';

const at = (s: string) => new Date(s);

describe('periods', () => {
  it('reads a month and a quarter in China Standard Time', () => {
    const m = parsePeriod('2026-11')!;
    expect(m.from.toISOString()).toBe('2026-10-31T16:00:00.000Z');
    expect(m.to.toISOString()).toBe('2026-11-30T16:00:00.000Z');
    expect(m.months).toBe(1);
    expect(m.weeks).toBeCloseTo(30 / 7);
    const q = parsePeriod('2026-Q4')!;
    expect(q.from.toISOString()).toBe('2026-09-30T16:00:00.000Z');
    expect(q.to.toISOString()).toBe('2026-12-31T16:00:00.000Z');
    expect(q.months).toBe(3);
    expect(parsePeriod('2026-13')).toBeNull();
    expect(parsePeriod('2026-Q5')).toBeNull();
  });
  it('names the previous month by the local date', () => {
    expect(previousMonth(at('2026-12-06T10:00:00Z'))).toBe('2026-11');
    // 1 January 00:30 in Beijing is still 31 December in UTC: the local month decides.
    expect(previousMonth(at('2026-12-31T16:30:00Z'))).toBe('2026-12');
  });
});

describe('duty standard', () => {
  it('fills the defaults and refuses figures outside their bounds', () => {
    expect(resolveDutyStandard(undefined)).toEqual(defaultDutyStandard);
    expect(resolveDutyStandard({ patrolsPerWeek: 7 }).patrolsPerWeek).toBe(7);
    expect(() => resolveDutyStandard({ patrolsPerWeek: 0 })).toThrow(DutyStandardError);
    expect(() => resolveDutyStandard({ reportWithinHours: 1.5 })).toThrow(DutyStandardError);
  });
});

describe('performance and assessment', () => {
  const std = { patrolsPerWeek: 5, visitsPerMonth: 10, followUpsPerMonth: 2, reportWithinHours: 2 };
  const nov = parsePeriod('2026-11')!;
  const logs: LogFact[] = [
    ...Array.from({ length: 11 }, (_, i) => ({
      kind: 'patrol' as const,
      happenedAt: at(`2026-11-${String(i + 1).padStart(2, '0')}T01:00:00Z`),
      matterId: null,
    })),
    // Before the month in Beijing (31 October 23:30 CST): not counted.
    { kind: 'patrol', happenedAt: at('2026-10-31T15:30:00Z'), matterId: null },
    { kind: 'visit', happenedAt: at('2026-11-03T02:00:00Z'), matterId: null },
    { kind: 'visit', happenedAt: at('2026-11-04T02:00:00Z'), matterId: 'm1' },
    { kind: 'note', happenedAt: at('2026-11-05T02:00:00Z'), matterId: 'm1' },
    { kind: 'note', happenedAt: at('2026-11-05T03:00:00Z'), matterId: null },
  ];
  const reports: ReportFact[] = [
    { madeAt: at('2026-11-02T01:00:00Z'), receivedAt: at('2026-11-02T01:05:00Z'), outcome: 'resolved' },
    { madeAt: at('2026-11-03T01:00:00Z'), receivedAt: at('2026-11-03T05:00:00Z'), outcome: 'open' },
    { madeAt: at('2026-11-04T01:00:00Z'), receivedAt: at('2026-11-04T03:00:00Z'), outcome: 'rejected' },
  ];

  it('counts what the kit recorded in the period against what the standard owes', () => {
    expect(measurePerformance(std, nov, logs, reports)).toEqual({
      patrols: 11,
      patrolsDue: 21, // 5 × 30/7 = 21.4
      visits: 2,
      visitsDue: 10,
      followUps: 2,
      followUpsDue: 2,
      reports: 3,
      timelyReports: 2, // exactly 2 hours is in time
      validReports: 2,
      resolvedReports: 1,
    });
  });

  it('scores by the documented formula', () => {
    const p = measurePerformance(std, nov, logs, reports);
    const a = assess(p, 16);
    // 25·11/21 + 20·2/10 + 10·1 + 15·2/3 + 10·2/3 + 16 = 13.095 + 4 + 10 + 10 + 6.667 + 16 = 59.76
    expect(a.total).toBe(59.8);
    expect(a.parts).toEqual({
      patrol: 13.1,
      visit: 4,
      followUp: 10,
      timeliness: 10,
      validity: 6.7,
      town: 16,
    });
    expect(a.townAssessed).toBe(true);
    expect(assess(p, null)).toMatchObject({ total: 43.8, townAssessed: false });
    // Nothing reported and nothing owed counts as met; the town's points are capped at 20.
    const idle = measurePerformance({ ...std, followUpsPerMonth: 0 }, nov, [], []);
    expect(assess(idle, 99).total).toBe(10 + 15 + 10 + 20);
  });

  it('classifies what became of a report', () => {
    expect(reportOutcome('voided')).toBe('rejected');
    expect(reportOutcome('archived')).toBe('resolved');
    expect(reportOutcome('handling')).toBe('open');
  });

  it('ranks with shared places for equal totals', () => {
    const r = rankWithinTown([
      { name: '乙', total: 80 },
      { name: '甲', total: 90 },
      { name: '丙', total: 80 },
      { name: '丁', total: 70 },
    ]);
    expect(r.map((x) => [x.name, x.rank])).toEqual([
      ['甲', 1],
      ['丙', 2],
      ['乙', 2],
      ['丁', 4],
    ]);
  });
});

describe('hand-over', () => {
  const p = (userId: string, over: Partial<Parameters<typeof handoverRefusal>[0]> = {}) => ({
    userId,
    isGridWorker: true,
    status: 'active' as const,
    townId: 't1',
    ...over,
  });
  it('passes to an active grid worker of the same town only', () => {
    expect(handoverRefusal(p('a'), p('b'))).toBeNull();
    expect(handoverRefusal(p('a'), p('a'))).toMatch(/本人/);
    expect(handoverRefusal(p('a'), p('b', { townId: 't2' }))).toMatch(/同一乡镇/);
    expect(handoverRefusal(p('a'), p('b', { status: 'on_leave' }))).toMatch(/在岗/);
    expect(handoverRefusal(p('a', { status: 'left' }), p('b'))).toMatch(/不在岗/);
  });
});
