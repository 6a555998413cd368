import { describe, expect, it } from 'vitest';
import {
  backlogBucketOf,
  computeKpis,
  countChange,
  MIN_SAMPLE,
  ratio,
  ratioChange,
  sameMonthsLastYear,
} from './formulas';
import {
  addCounters,
  type DueCounters,
  dueMeasures,
  emptyMatterCounters,
  type MatterFacts,
  matterMeasures,
} from './measures';

const base: MatterFacts = {
  kind: 'dispute',
  channel: 'walk_in',
  status: 'handling',
  intakeLevel: 'village',
  ownerLevel: 'village',
  rating: null,
  reworkCount: 0,
  collective: false,
  hasVillage: true,
  supervised: false,
};
const sum = (facts: MatterFacts[]) => facts.map(matterMeasures).reduce(addCounters, emptyMatterCounters());
const asOf = new Date('2026-03-02T01:05:00Z');
const at = (iso: string) => new Date(iso);
const noDue: DueCounters = { onTime: 0, late: 0, openOverdue: 0 };

describe('on-time rate (按期办结率)', () => {
  it('counts an open overdue duty against the rate, like one finished late', () => {
    const due = at('2026-02-20T16:00:00Z');
    const duties = [
      dueMeasures({ dueAt: due, endedAt: at('2026-02-19T03:00:00Z') }, asOf),
      dueMeasures({ dueAt: due, endedAt: at('2026-02-25T03:00:00Z') }, asOf),
      dueMeasures({ dueAt: due, endedAt: null }, asOf),
    ];
    const handling = duties.reduce(addCounters, noDue);
    expect(handling).toEqual({ onTime: 1, late: 1, openOverdue: 1 });
    const k = computeKpis({ matters: emptyMatterCounters(), handling, supervision: noDue }, 1);
    expect(k.onTimeRate.num).toBe(1);
    expect(k.onTimeRate.den).toBe(3);
  });

  it('leaves a duty that has not fallen due out of the denominator', () => {
    const d = dueMeasures({ dueAt: at('2026-03-10T16:00:00Z'), endedAt: null }, asOf);
    expect(d).toEqual(noDue);
  });

  it('counts a duty finished early as on time even before its due day', () => {
    expect(
      dueMeasures({ dueAt: at('2026-03-10T16:00:00Z'), endedAt: at('2026-03-01T00:00:00Z') }, asOf),
    ).toEqual({
      onTime: 1,
      late: 0,
      openOverdue: 0,
    });
  });

  it('ignores a paused duty with no due instant', () => {
    expect(dueMeasures({ dueAt: null, endedAt: null }, asOf)).toEqual(noDue);
  });
});

describe('small samples', () => {
  it('shows no percentage below the minimum sample, only the counts', () => {
    const r = ratio(2, 3);
    expect(r).toEqual({ num: 2, den: 3, value: null, smallSample: true });
  });

  it('shows the share from the minimum sample on', () => {
    const r = ratio(15, MIN_SAMPLE);
    expect(r.smallSample).toBe(false);
    expect(r.value).toBeCloseTo(0.5);
  });

  it('gives no year-on-year change against a tiny previous period', () => {
    expect(countChange(9, 3)).toMatchObject({ change: null, smallSample: true });
    expect(countChange(75, 100).change).toBeCloseTo(-0.25);
  });

  it('compares shares in percentage points, and only when both have one', () => {
    expect(ratioChange(ratio(90, 100), ratio(80, 100)).points).toBeCloseTo(10);
    expect(ratioChange(ratio(9, 10), ratio(80, 100)).points).toBeNull();
  });
});

describe('local resolution per level (就地化解率)', () => {
  it('counts village-started matters closed in the village over those done', () => {
    const c = sum([
      { ...base, status: 'archived' },
      { ...base, status: 'answered' },
      { ...base, status: 'archived', ownerLevel: 'town' },
      { ...base, status: 'handling' }, // not done: in neither count
    ]);
    expect(c.villageStartedDone).toBe(3);
    expect(c.villageClosedInVillage).toBe(2);
  });

  it('counts matters that reached the town (taken in there or lifted from a village) closed in the town', () => {
    const c = sum([
      { ...base, status: 'archived', ownerLevel: 'town' },
      { ...base, status: 'archived', intakeLevel: 'town', ownerLevel: 'town' },
      { ...base, status: 'archived', intakeLevel: 'town', ownerLevel: 'district' },
      { ...base, status: 'archived' }, // closed in the village: never reached the town
      { ...base, status: 'archived', intakeLevel: 'district', ownerLevel: 'district' },
    ]);
    expect(c.townReachedDone).toBe(3);
    expect(c.townClosedInTown).toBe(2);
    expect(c.escalated).toBe(2);
  });
});

describe('matter counters', () => {
  it('adds nothing for a merged matter (it lives on in the survivor)', () => {
    expect(sum([{ ...base, status: 'merged' }])).toEqual(emptyMatterCounters());
  });

  it('does not count a refused, channelled or unsatisfied matter as resolved', () => {
    const c = sum([
      { ...base, status: 'not_accepted' },
      { ...base, status: 'channelled' },
      { ...base, status: 'rated', rating: 'unsatisfied' },
      { ...base, status: 'rated', rating: 'basically_satisfied' },
    ]);
    expect(c.done).toBe(4);
    expect(c.resolved).toBe(1);
    expect(c.satisfied).toBe(1);
    expect(c.unsatisfied).toBe(1);
  });

  it('knows an archived rated matter was visited (follow-up comes only after a rating)', () => {
    const c = sum([
      { ...base, status: 'archived', rating: 'satisfied' },
      { ...base, status: 'archived' },
      { ...base, status: 'followed_up', rating: 'satisfied' },
    ]);
    expect(c.followedUp).toBe(2);
  });

  it('counts a petition taken in at the district straight from a village resident as skipping levels', () => {
    const p = {
      ...base,
      kind: 'petition' as const,
      intakeLevel: 'district' as const,
      ownerLevel: 'district' as const,
    };
    const c = sum([p, { ...p, channel: 'referral' }, { ...p, hasVillage: false }]);
    expect(c.skippedLevel).toBe(1);
  });
});

describe('petitions that end other than by an opinion', () => {
  it('counts petitions settled by mediation and withdrawn apart, also once archived; a withdrawal is not 化解', () => {
    const p = { ...base, kind: 'petition' as const };
    const c = sum([
      { ...p, status: 'mediated', petitionEnding: 'mediation' },
      { ...p, status: 'archived', petitionEnding: 'mediation' },
      { ...p, status: 'withdrawn', petitionEnding: 'withdrawal' },
      { ...p, status: 'archived', petitionEnding: 'withdrawal' },
      { ...p, status: 'answered' },
      { ...p, status: 'handling' }, // not done
      { ...base, status: 'answered' }, // not a petition
    ]);
    expect(c.petitionDone).toBe(5);
    expect(c.petitionMediated).toBe(2);
    expect(c.petitionWithdrawn).toBe(2);
    // Settled by mediation is 化解 (2), the answered ones too (2); withdrawn is not, archived or not.
    expect(c.resolved).toBe(4);
    const k = computeKpis(
      {
        matters: c,
        handling: { onTime: 0, late: 0, openOverdue: 0 },
        supervision: { onTime: 0, late: 0, openOverdue: 0 },
      },
      1,
    );
    expect(k.petitionMediatedShare).toMatchObject({ num: 2, den: 5, value: 0.4 });
    expect(k.petitionWithdrawnShare).toMatchObject({ num: 2, den: 5, value: 0.4 });
  });
});

describe('事心双结率 (the follow-up asks about the matter and the person)', () => {
  it('counts only visits that recorded both answers, and only 已解决 with 心结已化解 as 双结', () => {
    const v = { ...base, status: 'followed_up' as const, rating: 'satisfied' as const };
    const c = sum([
      { ...v, followUpMatter: 'yes', followUpHeart: true },
      { ...v, status: 'archived', followUpMatter: 'yes', followUpHeart: true },
      { ...v, followUpMatter: 'yes', followUpHeart: false }, // solved, but the grievance remains
      { ...v, followUpMatter: 'partly', followUpHeart: true },
      { ...v, followUpMatter: 'no', followUpHeart: false },
      { ...v }, // visited before the two questions were asked
      { ...v, status: 'merged', followUpMatter: 'yes', followUpHeart: true },
    ]);
    expect(c.followedUp).toBe(6);
    expect(c.followUpAnswered).toBe(5);
    expect(c.bothResolved).toBe(2);
    const k = computeKpis({ matters: c, handling: noDue, supervision: noDue }, 1);
    expect(k.bothResolvedRate).toMatchObject({ num: 2, den: 5, value: 0.4 });
    // Below the minimum sample it is shown as "n/m 件", never as a percentage.
    expect(computeKpis({ matters: c, handling: noDue, supervision: noDue }).bothResolvedRate).toMatchObject({
      num: 2,
      den: 5,
      value: null,
      smallSample: true,
    });
  });
});

describe('backlog and periods', () => {
  it('buckets open matters by whole days since intake', () => {
    expect(backlogBucketOf(at('2026-02-25T01:00:00Z'), asOf)).toBe('d0_7');
    expect(backlogBucketOf(at('2026-01-01T01:00:00Z'), asOf)).toBe('d31_60');
    expect(backlogBucketOf(at('2025-01-01T01:00:00Z'), asOf)).toBe('d90_plus');
  });

  it('takes the same months a year earlier for year on year', () => {
    expect(sameMonthsLastYear('2026-01', '2026-03')).toEqual({ from: '2025-01', to: '2025-03' });
  });
});
