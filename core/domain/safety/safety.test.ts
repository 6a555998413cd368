import { describe, expect, it } from 'vitest';
import { emptyMatterCounters, type MatterCounters } from '../kpi/measures';
import {
  allowedShiftOutcomes,
  decideShiftReport,
  isUnreported,
  rosterEnd,
  shiftInstants,
} from './patrol-shift';
import {
  defaultSafetyTargets,
  evaluateTarget,
  resolveSafetyTargets,
  SafetyTargetsError,
  villageStatus,
} from './targets';

describe('a patrol shift', () => {
  const { startsAt, endsAt } = shiftInstants('2026-12-08', '20:00', '22:00');
  const before = new Date('2026-12-08T11:00:00Z'); // 19:00 in China
  const during = new Date('2026-12-08T12:30:00Z');

  it('runs on China time, and an end before the start runs past midnight', () => {
    expect(startsAt.toISOString()).toBe('2026-12-08T12:00:00.000Z');
    expect(endsAt.toISOString()).toBe('2026-12-08T14:00:00.000Z');
    const night = shiftInstants('2026-12-08', '22:00', '02:00');
    expect(night.endsAt.toISOString()).toBe('2026-12-08T18:00:00.000Z');
  });

  it('is reported done only once it has started, missed at any time, and only once', () => {
    const s = { status: 'scheduled' as const, startsAt };
    expect(decideShiftReport(s, 'done', before)).toMatchObject({ ok: false, reason: 'SHIFT_NOT_STARTED' });
    expect(allowedShiftOutcomes(s, before)).toEqual(['missed']);
    expect(decideShiftReport(s, 'done', during)).toEqual({ ok: true, to: 'done' });
    expect(decideShiftReport({ status: 'unreported', startsAt }, 'done', during)).toEqual({
      ok: true,
      to: 'done',
    });
    for (const status of ['done', 'missed'] as const) {
      expect(decideShiftReport({ status, startsAt }, 'missed', during)).toMatchObject({
        ok: false,
        code: 'TRANSITION_REFUSED',
        reason: 'SHIFT_REPORTED',
      });
    }
  });

  it('is unreported for the sweep only when still scheduled at its end', () => {
    expect(isUnreported({ status: 'scheduled', endsAt }, during)).toBe(false);
    expect(isUnreported({ status: 'scheduled', endsAt }, endsAt)).toBe(true);
    expect(isUnreported({ status: 'done', endsAt }, new Date('2027-01-01T00:00:00Z'))).toBe(false);
  });

  it('belongs to a roster of a week or a month', () => {
    expect(rosterEnd('week', '2026-12-07')).toBe('2026-12-13');
    expect(rosterEnd('month', '2026-12-01')).toBe('2026-12-31');
    expect(rosterEnd('month', '2027-01-15')).toBe('2027-02-14');
  });
});

const counters = (c: Partial<MatterCounters>): MatterCounters => ({ ...emptyMatterCounters(), ...c });
const def = (code: string) => defaultSafetyTargets.find((d) => d.code === code)!;

describe('a village 平安建设 target', () => {
  it('computes 化解率 with the KPI formula (resolved ÷ done), judged on the year even below the minimum sample', () => {
    const met = evaluateTarget(def('resolved_rate'), counters({ done: 20, resolved: 19 }), null, false);
    expect(met).toEqual({ status: 'met', figure: '化解率 95.0%（19/20 件）', smallSample: true });
    const unmet = evaluateTarget(def('resolved_rate'), counters({ done: 40, resolved: 37 }), null, false);
    expect(unmet).toMatchObject({ status: 'unmet', figure: '化解率 92.5%（37/40 件）', smallSample: false });
    expect(evaluateTarget(def('resolved_rate'), counters({}), null, false).status).toBe('pending');
  });

  it('caps a matter counter', () => {
    expect(evaluateTarget(def('no_skipped_level'), counters({ skippedLevel: 0 }), null, false).status).toBe(
      'met',
    );
    expect(evaluateTarget(def('no_skipped_level'), counters({ skippedLevel: 1 }), null, false)).toMatchObject(
      {
        status: 'unmet',
        figure: '1 件（上限 0）',
      },
    );
  });

  it('takes an attested target from 待核 to 达标 or 未达标 by the district review', () => {
    const d = def('no_homicide');
    expect(evaluateTarget(d, counters({}), null, false).status).toBe('pending');
    expect(evaluateTarget(d, counters({}), null, true).status).toBe('unmet');
    expect(evaluateTarget(d, counters({}), { state: 'attested' }, false).status).toBe('pending');
    expect(evaluateTarget(d, counters({}), { state: 'approved' }, false).status).toBe('met');
    expect(evaluateTarget(d, counters({}), { state: 'rejected' }, false).status).toBe('unmet');
  });

  it('gives the village 未达标 on any unmet target, 达标 when all are met, else 待核', () => {
    expect(villageStatus([{ status: 'met' }, { status: 'unmet' }, { status: 'pending' }])).toBe('unmet');
    expect(villageStatus([{ status: 'met' }, { status: 'pending' }])).toBe('pending');
    expect(villageStatus([{ status: 'met' }, { status: 'met' }])).toBe('met');
    expect(villageStatus([])).toBe('pending');
  });
});

describe('the county target list', () => {
  it('falls back to the defaults and checks an edited list', () => {
    expect(resolveSafetyTargets(undefined)).toBe(defaultSafetyTargets);
    const list = [
      {
        code: 'resolved_rate',
        label: '化解率 ≥ 90%',
        rule: { kind: 'kpi_min', kpi: 'resolvedRate', min: 0.9 },
      },
    ];
    expect(resolveSafetyTargets({ targets: list })).toEqual(list);
    expect(() => resolveSafetyTargets({ targets: [...list, ...list] })).toThrow(SafetyTargetsError);
    expect(() =>
      resolveSafetyTargets({
        targets: [{ code: 'x_y', label: '某目标', rule: { kind: 'kpi_min', kpi: 'onTimeRate', min: 0.9 } }],
      }),
    ).toThrow('指标或比例不正确');
    expect(() => resolveSafetyTargets({ targets: [] })).toThrow('目标清单不能为空');
  });
});
