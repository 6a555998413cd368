import { describe, expect, it } from 'vitest';
import {
  findPortal,
  noticesNewestFirst,
  portalServices,
  shippedPortals,
  type TownPortal,
  validatePortals,
} from './town-portal';

const siba = shippedPortals['620602']![0]!;
const known = {
  divisionCodes: new Set(['620602116', '620602004003', '620602115']),
  serviceCodes: new Set(['SVC-01', 'SVC-02', 'SVC-03']),
};
const entry = (over: Partial<TownPortal>): TownPortal => ({ ...siba, ...over });

describe('town entries (掌上四坝, 掌上西苑)', () => {
  it('ships the two entries the Liangzhou model names, valid against the county', () => {
    expect(shippedPortals['620602']!.map((p) => p.title)).toEqual(['掌上四坝', '掌上西苑']);
    expect(validatePortals(shippedPortals['620602']!, known)).toEqual([]);
  });

  it('refuses bad addresses, repeats, places and services outside the county, and bad dates', () => {
    const check = (...portals: TownPortal[]) => validatePortals(portals, known);
    expect(check(entry({ slug: 'Si Ba' }))).toEqual([
      '「掌上四坝」的网址名只能用汉字、小写字母、数字和“-”，不超过 20 个字',
    ]);
    expect(check(entry({}), entry({ title: '掌上西营', divisionCode: '620602115' }))).toEqual([
      '网址名「四坝」重复',
    ]);
    expect(check(entry({}), entry({ title: '四坝二号', slug: 'siba' }))).toEqual([
      '「四坝二号」：同一地方只能有一个掌上入口',
    ]);
    expect(check(entry({ title: '外县', divisionCode: '110101001' }))).toEqual([
      '「外县」所属的镇（街道）或村（社区）110101001 不在本县（区）',
    ]);
    expect(check(entry({ serviceCodes: ['SVC-09', 'SVC-01', 'SVC-01'] }))).toEqual([
      '「掌上四坝」列出的服务事项 SVC-09 不在事项目录中',
      '「掌上四坝」的服务事项有重复',
    ]);
    expect(check(entry({ notices: [{ title: '停水', body: 'x', date: '2026-13-01' }] }))).toEqual([
      '「掌上四坝」的通知「停水」日期不对，应如 2026-12-01',
    ]);
  });

  it('finds only switched-on entries, lists services in the entry’s order and notices newest first', () => {
    expect(findPortal([entry({ active: false })], '四坝')).toBeUndefined();
    expect(findPortal([entry({})], '四坝')?.title).toBe('掌上四坝');
    const offered = [{ code: 'SVC-01' }, { code: 'SVC-02' }, { code: 'SVC-03' }];
    expect(portalServices(entry({}), offered)).toEqual(offered);
    expect(portalServices(entry({ serviceCodes: ['SVC-03', 'SVC-09', 'SVC-01'] }), offered)).toEqual([
      { code: 'SVC-03' },
      { code: 'SVC-01' },
    ]);
    expect(
      noticesNewestFirst([
        { title: 'a', body: '', date: '2026-11-01' },
        { title: 'b', body: '', date: '2026-12-01' },
      ]).map((n) => n.title),
    ).toEqual(['b', 'a']);
  });
});
