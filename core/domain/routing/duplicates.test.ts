import { describe, expect, it } from 'vitest';
import {
  type DuplicateCandidate,
  distanceMetres,
  findDuplicates,
  type IntakeFacts,
  type PetitionCandidate,
  petitionAlreadyHandled,
} from './duplicates';

const day = 86_400_000;
const t0 = new Date('2026-03-02T09:00:00+08:00');
const daysBefore = (n: number) => new Date(t0.getTime() - n * day);

const intake: IntakeFacts = {
  people: [{ idNumberHash: 'id-A', phoneHash: 'ph-A' }],
  place: { gridId: 'G1', villageId: 'V1', point: [102.64, 37.93] },
  categoryCode: 'MED-02',
  createdAt: t0,
};

const candidate = (over: Partial<DuplicateCandidate> & { id: string }): DuplicateCandidate => ({
  people: [{ idNumberHash: 'id-X', phoneHash: 'ph-X' }],
  place: { gridId: 'G9', villageId: 'V9', point: [103.5, 38.5] },
  categoryCode: 'MED-04',
  createdAt: daysBefore(3),
  status: 'handling',
  level: 'village',
  ...over,
});

describe('findDuplicates', () => {
  it('finds the same person by ID-number hash or by phone hash', () => {
    const [byId] = findDuplicates(intake, [candidate({ id: 'c1', people: [{ idNumberHash: 'id-A' }] })]);
    expect(byId?.reasons).toEqual([{ code: 'same_id_number', text: '同一当事人（身份证号相同）' }]);
    const [byPhone] = findDuplicates(intake, [candidate({ id: 'c2', people: [{ phoneHash: 'ph-A' }] })]);
    expect(byPhone?.reasons).toEqual([{ code: 'same_phone', text: '同一联系电话' }]);
  });

  it('never matches on missing or empty hashes, nor an ID hash against a phone hash', () => {
    const blank: IntakeFacts = { ...intake, people: [{ idNumberHash: '', phoneHash: null }] };
    expect(
      findDuplicates(blank, [candidate({ id: 'c', people: [{ idNumberHash: '', phoneHash: null }] })]),
    ).toEqual([]);
    expect(findDuplicates(intake, [candidate({ id: 'c', people: [{ phoneHash: 'id-A' }] })])).toEqual([]);
  });

  it('finds the same grid and category within 30 days, and not after', () => {
    const near = candidate({
      id: 'near',
      place: { gridId: 'G1' },
      categoryCode: 'MED-02',
      createdAt: daysBefore(5),
    });
    const old = candidate({
      id: 'old',
      place: { gridId: 'G1' },
      categoryCode: 'MED-02',
      createdAt: daysBefore(31),
    });
    const found = findDuplicates(intake, [near, old]);
    expect(found.map((m) => m.candidateId)).toEqual(['near']);
    expect(found[0]?.reasons).toEqual([
      { code: 'same_grid_category', text: '同一网格、同一类别，相隔5天（30日内）' },
    ]);
  });

  it('takes the window from the options', () => {
    const old = candidate({
      id: 'old',
      place: { gridId: 'G1' },
      categoryCode: 'MED-02',
      createdAt: daysBefore(31),
    });
    expect(findDuplicates(intake, [old], { windowDays: 60 })[0]?.reasons[0]?.text).toBe(
      '同一网格、同一类别，相隔31天（60日内）',
    );
    expect(() => findDuplicates(intake, [old], { windowDays: -1 })).toThrow(RangeError);
  });

  it('falls back to the same village, then to nearby points', () => {
    const village = candidate({ id: 'v', place: { villageId: 'V1' }, categoryCode: 'MED-02' });
    expect(findDuplicates(intake, [village])[0]?.reasons[0]?.code).toBe('same_village_category');
    // About 56 m north.
    const nearby = candidate({ id: 'p', place: { point: [102.64, 37.9305] }, categoryCode: 'MED-02' });
    expect(findDuplicates(intake, [nearby])[0]?.reasons[0]?.text).toBe(
      '相距约56米、同一类别，相隔3天（30日内）',
    );
    const far = candidate({ id: 'f', place: { point: [102.65, 37.93] }, categoryCode: 'MED-02' });
    expect(findDuplicates(intake, [far])).toEqual([]);
    expect(findDuplicates(intake, [far], { nearMetres: 1000 })).toHaveLength(1);
  });

  it('needs the same category for a place match', () => {
    expect(
      findDuplicates(intake, [candidate({ id: 'c', place: { gridId: 'G1' }, categoryCode: 'MED-03' })]),
    ).toEqual([]);
    expect(
      findDuplicates({ ...intake, categoryCode: null }, [
        candidate({ id: 'c', place: { gridId: 'G1' }, categoryCode: null }),
      ]),
    ).toEqual([]);
  });

  it('puts the strongest match first and carries status and level for the clerk', () => {
    const both = candidate({
      id: 'both',
      code: 'ZZ-1',
      people: [{ idNumberHash: 'id-A' }],
      place: { gridId: 'G1' },
      categoryCode: 'MED-02',
      status: 'mediating',
      level: 'town',
    });
    const phone = candidate({ id: 'phone', people: [{ phoneHash: 'ph-A' }] });
    const place = candidate({ id: 'place', place: { gridId: 'G1' }, categoryCode: 'MED-02' });
    const found = findDuplicates(intake, [place, phone, both]);
    expect(found.map((m) => m.candidateId)).toEqual(['both', 'phone', 'place']);
    expect(found[0]).toMatchObject({
      candidateCode: 'ZZ-1',
      status: 'mediating',
      level: 'town',
      score: 0.82,
    });
  });

  it('measures distance on the sphere', () => {
    expect(distanceMetres([102.64, 37.93], [102.64, 37.93])).toBe(0);
    expect(Math.round(distanceMetres([0, 0], [0, 1]) / 100) * 100).toBe(111_200);
  });
});

describe('petitionAlreadyHandled (信访工作条例 art. 19(3))', () => {
  const handling: PetitionCandidate = {
    kind: 'petition',
    level: 'town',
    acceptedAt: daysBefore(10),
    closedAt: null,
    dueAt: new Date(daysBefore(10).getTime() + 60 * day),
  };

  it('refuses the same petition at a higher level while it is being handled within its period', () => {
    const r = petitionAlreadyHandled(handling, 'district', t0);
    expect(r.applies).toBe(true);
    expect(r.reason).toContain('第十九条第三款');
  });

  it('does not apply at the same or a lower level', () => {
    expect(petitionAlreadyHandled(handling, 'town', t0).applies).toBe(false);
    expect(petitionAlreadyHandled(handling, 'village', t0).applies).toBe(false);
  });

  it('does not apply once the handling period has run out', () => {
    const late = new Date(handling.dueAt!.getTime() + 1);
    const r = petitionAlreadyHandled(handling, 'district', late);
    expect(r.applies).toBe(false);
    expect(r.reason).toContain('第四十条');
  });

  it('does not apply to a petition not yet accepted, already answered, without a period, or not a petition', () => {
    expect(petitionAlreadyHandled({ ...handling, acceptedAt: null }, 'district', t0).applies).toBe(false);
    const answered = petitionAlreadyHandled({ ...handling, closedAt: daysBefore(1) }, 'district', t0);
    expect(answered).toMatchObject({ applies: false });
    expect(answered.reason).toContain('复查');
    expect(petitionAlreadyHandled({ ...handling, dueAt: null }, 'district', t0).reason).toContain('人工核实');
    expect(petitionAlreadyHandled({ ...handling, kind: 'dispute' }, 'district', t0).applies).toBe(false);
  });
});
