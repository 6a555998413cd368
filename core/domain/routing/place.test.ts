import { describe, expect, it } from 'vitest';
import { type MatterPlace, targetForLevel } from './place';

const full: MatterPlace = { districtId: 'D', townId: 'T', villageId: 'V' };

describe('targetForLevel', () => {
  it('sends a village-level matter to its village, a town-level one to its town, a district one to the root', () => {
    expect(targetForLevel('village', full)).toEqual({ kind: 'org', orgId: 'V', level: 'village' });
    expect(targetForLevel('town', full)).toEqual({ kind: 'org', orgId: 'T', level: 'town' });
    expect(targetForLevel('district', full)).toEqual({ kind: 'org', orgId: 'D', level: 'district' });
  });

  it('hands a district department hint back for the server to resolve', () => {
    expect(targetForLevel('district', full, '信访局')).toEqual({
      kind: 'department',
      districtId: 'D',
      department: '信访局',
    });
    expect(targetForLevel('district', full, '  ')).toEqual({ kind: 'org', orgId: 'D', level: 'district' });
  });

  it('keeps a hint below the district as a unit suggestion under the territorial org', () => {
    expect(targetForLevel('town', full, '派出所')).toEqual({
      kind: 'org',
      orgId: 'T',
      level: 'town',
      unitHint: '派出所',
    });
  });

  it('reads ids from materialised paths when only paths are known', () => {
    const byPath: MatterPlace = { districtId: 'D', villagePath: '/D/T/V/' };
    expect(targetForLevel('village', byPath)).toMatchObject({ orgId: 'V', level: 'village' });
    expect(targetForLevel('town', byPath)).toMatchObject({ orgId: 'T', level: 'town' });
    expect(targetForLevel('town', { districtId: 'D', townPath: '/D/T2/' })).toMatchObject({ orgId: 'T2' });
  });

  it('lets the next level up receive a matter with no village or no town, and says so', () => {
    expect(targetForLevel('village', { districtId: 'D', townId: 'T' })).toEqual({
      kind: 'org',
      orgId: 'T',
      level: 'town',
      fellBackFrom: 'village',
      note: '事项未定位到村（社区），由所在镇（街道）接收。',
    });
    expect(targetForLevel('town', { districtId: 'D' })).toMatchObject({
      orgId: 'D',
      level: 'district',
      fellBackFrom: 'town',
    });
    expect(targetForLevel('village', { districtId: 'D', villageId: null, townId: null })).toMatchObject({
      orgId: 'D',
      fellBackFrom: 'village',
    });
  });
});
