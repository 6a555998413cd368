import { describe, expect, it } from 'vitest';
import { factsSimilarity, rankFinal } from './finality';
import { upperBody } from './guards';
import { isDirectlyAbove } from './model';
import { checkReceipt } from './receipt';
import { orgs, stateIn } from './test-fixtures';

const now = new Date('2025-09-29T01:00:00.000Z');

describe('the receipt date (信访工作条例 art. 22–23)', () => {
  const entered = (receivedAt: string, evidence: string | undefined = '邮戳', staff = true) =>
    checkReceipt({ receivedAt: new Date(receivedAt), evidence, staff }, now, 90)?.code ?? null;

  it('takes an earlier day with its evidence, entered by staff', () => {
    expect(entered('2025-09-26T02:00:00.000Z')).toBeNull();
  });

  it('refuses the future, more than the allowed span back, no evidence, or a resident', () => {
    expect(entered('2025-09-29T01:00:00.001Z')).toBe('RECEIPT_IN_FUTURE');
    expect(entered('2025-07-01T00:59:59.000Z')).toBe('RECEIPT_TOO_OLD');
    expect(entered('2025-07-01T01:00:00.000Z')).toBeNull();
    expect(entered('2025-09-26T02:00:00.000Z', '  ')).toBe('RECEIPT_EVIDENCE_REQUIRED');
    expect(entered('2025-09-26T02:00:00.000Z', '邮戳', false)).toBe('RECEIPT_STAFF_ONLY');
  });
});

describe('the level directly above (信访工作条例 art. 35, 36(1))', () => {
  it('is the parent org, never a further ancestor', () => {
    expect(isDirectlyAbove(orgs.town.path, orgs.village.path)).toBe(true);
    expect(isDirectlyAbove(orgs.district.path, orgs.village.path)).toBe(false);
    expect(isDirectlyAbove(orgs.village.path, orgs.village.path)).toBe(false);
  });

  it('sends a village answer to its town, refuses the district, and a district answer goes outside', () => {
    const village = stateIn('petition', 'answered');
    expect(upperBody(village, orgs.town, undefined)).toEqual({ org: orgs.town });
    expect(upperBody(village, orgs.district, undefined)).toMatchObject({ code: 'REVIEW_ORG_NOT_ABOVE' });
    expect(upperBody(village, orgs.town, '武威市')).toEqual({ org: orgs.town });
    const district = {
      ...village,
      owner: orgs.district,
      petition: { ...village.petition!, deciderPath: orgs.district.path },
    };
    expect(upperBody(district, orgs.district, undefined)).toMatchObject({ code: 'REVIEW_BODY_OUTSIDE' });
    expect(upperBody(district, undefined, '武威市')).toEqual({ external: '武威市' });
    // Above an answer the city gave, the next body is outside too.
    const city = { ...district, petition: { ...district.petition, deciderExternal: '武威市' } };
    expect(upperBody(city, orgs.district, '甘肃省')).toEqual({ external: '甘肃省' });
  });
});

describe('finality by facts (信访工作条例 art. 36(3))', () => {
  const first = { title: '宅基地确权久拖不决', description: '宅基地确权申请三年未办理，无人答复。' };
  it('scores the same text 1, unrelated text low, a retelling in between', () => {
    expect(factsSimilarity('宅基地确权', '宅基地确权')).toBe(1);
    expect(factsSimilarity('宅基地确权申请三年未办理', '邻居占用村道堆放杂物')).toBe(0);
    const retold = factsSimilarity(
      `${first.title}${first.description}`,
      '宅基地确权一直不办，申请三年了没人答复。',
    );
    expect(retold).toBeGreaterThan(0.3);
    expect(retold).toBeLessThan(1);
  });

  it('ranks the closest final petition first, whatever its category', () => {
    const finals = [
      {
        id: 'a',
        code: 'A',
        categoryCode: 'PET-01',
        title: '村道占用',
        description: '邻居占用村道堆放杂物。',
      },
      { id: 'b', code: 'B', categoryCode: 'PET-09', ...first },
    ];
    const ranked = rankFinal({ ...first, categoryCode: 'PET-01' }, finals);
    expect(ranked.map((r) => r.code)).toEqual(['B', 'A']);
    expect(ranked[0]!.reasons).not.toContain('同一类别');
    expect(ranked[1]!.reasons).toContain('同一类别');
  });
});
