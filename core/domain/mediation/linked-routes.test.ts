import { describe, expect, it } from 'vitest';
import { linkedRouteFigures } from '../kpi/linked-mediation';
import {
  committeeForPlace,
  isPoliceRecordNo,
  outcomeOfEvent,
  professionalFieldOf,
  routeOfMediation,
} from './linked-routes';

const committee = (name: string) => ({ kind: 'mediation_committee' as const, name });

describe('linked mediation routes', () => {
  it('finds the field of a professional committee by its name, and none for a territorial one', () => {
    expect(professionalFieldOf(committee('凉州区医疗纠纷人民调解委员会'))).toBe('medical');
    expect(professionalFieldOf(committee('凉州区道路交通事故纠纷人民调解委员会'))).toBe('traffic');
    expect(professionalFieldOf(committee('凉州区劳动争议人民调解委员会'))).toBe('labour');
    expect(professionalFieldOf(committee('西营镇人民调解委员会'))).toBeNull();
    expect(professionalFieldOf({ kind: 'department', name: '医疗纠纷办公室' })).toBeNull();
  });

  it('classifies a starting mediation: court first, then petition, then the committee', () => {
    const people = committee('西营镇人民调解委员会');
    const medical = committee('凉州区医疗纠纷人民调解委员会');
    expect(routeOfMediation({ kind: 'dispute', fromCourt: true, mediatingOrg: medical })).toBe('court');
    expect(routeOfMediation({ kind: 'petition', fromCourt: false, mediatingOrg: people })).toBe('petition');
    expect(routeOfMediation({ kind: 'dispute', fromCourt: false, mediatingOrg: medical })).toBe(
      'professional',
    );
    expect(routeOfMediation({ kind: 'dispute', fromCourt: false, mediatingOrg: people })).toBe('people');
  });

  it('hands a police dispute to the village committee of the place, else to the town committee', () => {
    const orgs = [
      { id: 'vc', parentId: 'v1', kind: 'mediation_committee' as const },
      { id: 'tc', parentId: 't1', kind: 'mediation_committee' as const },
      { id: 'so', parentId: 'v2', kind: 'social_org' as const },
    ];
    expect(committeeForPlace(orgs, { villageId: 'v1', townId: 't1' })?.id).toBe('vc');
    expect(committeeForPlace(orgs, { villageId: 'v2', townId: 't1' })?.id).toBe('tc');
    expect(committeeForPlace(orgs, { villageId: null, townId: 't1' })?.id).toBe('tc');
    expect(committeeForPlace(orgs, { villageId: null, townId: 't9' })).toBeNull();
  });

  it('accepts a 警情 number of letters, digits and dashes only', () => {
    expect(isPoliceRecordNo('JQ20261207-0042')).toBe(true);
    expect(isPoliceRecordNo('12345')).toBe(false);
    expect(isPoliceRecordNo('警情 0042')).toBe(false);
  });

  it('reads the outcome from the event that ends a mediation', () => {
    expect(outcomeOfEvent('matter.mediation_agreed')).toBe('agreed');
    expect(outcomeOfEvent('matter.mediation_terminated')).toBe('failed');
    expect(outcomeOfEvent('matter.mediation_session')).toBeUndefined();
  });
});

describe('linked route figures', () => {
  it('counts each route and its success rate over the mediations that ended', () => {
    const figures = linkedRouteFigures([
      { route: 'police', outcome: 'agreed' },
      { route: 'police', outcome: 'failed' },
      { route: 'police', outcome: null },
      { route: 'professional', outcome: 'agreed' },
    ]);
    const police = figures.find((f) => f.route === 'police')!;
    expect(police).toMatchObject({ count: 3, agreed: 1, failed: 1 });
    expect(police.successRate).toMatchObject({ num: 1, den: 2, smallSample: true, value: null });
    expect(figures.map((f) => f.route)).toEqual(['police', 'petition', 'court', 'professional', 'people']);
    expect(figures.find((f) => f.route === 'court')).toMatchObject({ count: 0, agreed: 0, failed: 0 });
  });

  it('gives a percentage once enough mediations ended', () => {
    const records = Array.from({ length: 40 }, (_, i) => ({
      route: 'people' as const,
      outcome: i < 30 ? ('agreed' as const) : ('failed' as const),
    }));
    expect(linkedRouteFigures(records).find((f) => f.route === 'people')!.successRate.value).toBe(0.75);
  });
});
