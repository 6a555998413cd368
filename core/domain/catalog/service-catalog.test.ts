import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { categoryByCode } from './categories';
import { formatChineseDate } from './chinese-date';
import {
  demoServiceCatalog,
  isMaterialOnNotice,
  oneTimeNotice,
  type ServiceItem,
  searchServiceItems,
  serviceItemByCode,
} from './service-catalog';

/** Titles of the texts read in full (docs/LEGAL.md §13.1): the only laws the catalog may cite. */
const lawTitles = new Set([
  '人民法院在线调解规则',
  '人民调解法',
  '信访工作条例',
  '劳动争议调解仲裁法',
  '最高人民法院关于人民法院民事调解工作若干问题的规定',
  '最高人民法院关于人民法院特邀调解的规定',
  '最高人民法院关于人民调解协议司法确认程序的若干规定',
  '最高人民法院关于适用〈中华人民共和国民事诉讼法〉的解释',
  '民事诉讼法',
]);

const items = demoServiceCatalog.items;
const item = (code: string): ServiceItem => serviceItemByCode(demoServiceCatalog, code)!;
const now = new Date('2026-03-02T09:00:00+08:00');
const due = new Date('2026-03-17T23:59:59.999+08:00');

describe('demo service catalog', () => {
  it('holds 10–14 demo items with unique codes, each marked demo', () => {
    expect(items.length).toBeGreaterThanOrEqual(10);
    expect(items.length).toBeLessThanOrEqual(14);
    expect(demoServiceCatalog.demo).toBe(true);
    expect(items.every((i) => i.demo === true)).toBe(true);
    expect(new Set(items.map((i) => i.code)).size).toBe(items.length);
  });

  it('covers the services the brief names', () => {
    const names = items.map((i) => i.name);
    for (const n of [
      '信访事项受理',
      '矛盾纠纷调解申请',
      '劳动争议调解',
      '法律咨询',
      '法律援助申请',
      '心理疏导',
    ]) {
      expect(names).toContain(n);
    }
    for (const n of ['人民调解协议司法确认申请', '简案速裁', '网格事件上报', '开具证明', '便民服务诉求']) {
      expect(names).toContain(n);
    }
  });

  it('cites only the laws of docs/LEGAL.md §13.1', () => {
    for (const i of items)
      for (const b of i.legalBasis) expect(lawTitles, `${i.code} ${b.title}`).toContain(b.title);
  });

  it('gives low confidence and a LOCAL basis to every time limit without a cited statute behind it', () => {
    for (const i of items) {
      if (i.timeLimit.basis.startsWith('LOCAL-')) expect(i.timeLimit.confidence, i.code).toBe('low');
      else expect(i.legalBasis.length, i.code).toBeGreaterThan(0);
      if (i.legalBasis.length === 0) expect(i.timeLimit.basis, i.code).toMatch(/^LOCAL-/);
    }
  });

  it('links items to existing categories that accept the item’s kind', () => {
    for (const i of items.filter((x) => x.categoryCode)) {
      const c = categoryByCode(i.categoryCode!);
      expect(c, i.code).toBeDefined();
      expect(c!.kinds, i.code).toContain(i.kind);
    }
  });

  it('uses the statutory periods the laws state', () => {
    expect(item('SVC-01').timeLimit).toMatchObject({
      amount: 15,
      unit: 'calendar_day',
      basis: 'XF-23-notice',
    });
    expect(item('SVC-04').timeLimit).toMatchObject({ amount: 15, unit: 'calendar_day', basis: 'LD-14' });
    expect(item('SVC-09').timeLimit).toMatchObject({ amount: 30, unit: 'calendar_day', basis: 'MS-187' });
    expect(item('SVC-10').timeLimit).toMatchObject({ amount: 3, unit: 'month', basis: 'MS-164' });
  });

  it('finds public items by keyword or phrase and hides internal ones', () => {
    expect(searchServiceItems(demoServiceCatalog, '工资').map((i) => i.code)).toEqual(['SVC-04', 'SVC-05']);
    expect(searchServiceItems(demoServiceCatalog, '我想找个律师咨询一下').map((i) => i.code)).toContain(
      'SVC-06',
    );
    expect(searchServiceItems(demoServiceCatalog, '网格').map((i) => i.code)).not.toContain('SVC-11');
    expect(searchServiceItems(demoServiceCatalog, '  ')).toHaveLength(items.filter((i) => i.public).length);
  });
});

describe('one-time notice', () => {
  const notice = oneTimeNotice(item('SVC-04'), {
    promisedDue: due,
    acceptingOrgName: '四坝镇综治中心',
    matterCode: 'ZZ-620602-2026-000123',
    now,
  });

  it('is titled 一次性告知单 and names the matter, the office and the date', () => {
    expect(notice.title).toBe('一次性告知单');
    expect(notice.lines).toContain('事项名称：劳动争议调解');
    expect(notice.lines.join('\n')).toContain('ZZ-620602-2026-000123');
    expect(notice.lines).toContain('受理单位：四坝镇综治中心');
    expect(notice.lines).toContain('告知日期：2026年3月2日');
  });

  it('lists every material, required ones first, each marked', () => {
    const text = notice.lines.join('\n');
    for (const m of item('SVC-04').materials) expect(text).toContain(m.name);
    expect(notice.materials.map((m) => m.required)).toEqual([true, true, true, false]);
    expect(text).toContain('1. 身份证件（必须）');
    expect(text).toContain('（有则提供）');
    expect(text).toContain('不会再要求您提供单子上没有的材料');
  });

  it('prints the promised due date in Chinese', () => {
    expect(notice.promisedDueText).toBe('2026年3月17日');
    expect(notice.lines).toContain(
      '四坝镇综治中心将在2026年3月17日前完成调解；届时未达成调解协议的，您可以依法申请劳动仲裁（办理时限15日）。',
    );
  });

  it('cites the legal basis grouped by law', () => {
    expect(notice.legalBasis).toEqual(item('SVC-04').legalBasis);
    expect(notice.lines).toContain(
      '办理依据：《劳动争议调解仲裁法》第十条、第十二条、第十四条、第二十七条。',
    );
  });

  it('warns that a local time limit may change, and says when nothing needs to be brought', () => {
    const psy = oneTimeNotice(item('SVC-08'), {
      promisedDue: due,
      acceptingOrgName: '区心理服务中心',
      matterCode: 'M1',
      now,
    });
    expect(psy.lines).toContain('本事项不需要您提交材料。');
    expect(psy.lines).toContain('这个时限是本地的做法，如有调整，以受理单位的通知为准。');
    expect(notice.lines.join('')).not.toContain('本地的做法');
  });

  it('refuses a promised due date before the notice date', () => {
    expect(() =>
      oneTimeNotice(item('SVC-04'), {
        promisedDue: new Date('2026-03-01T00:00:00+08:00'),
        acceptingOrgName: 'x',
        matterCode: 'M',
        now,
      }),
    ).toThrow(RangeError);
  });

  it('tells a material on the notice from one that was not, ignoring spacing and full-width forms', () => {
    expect(isMaterialOnNotice(notice, '身份证件')).toBe(true);
    expect(isMaterialOnNotice(notice, ' 用人单位的 名称和地址 ')).toBe(true);
    expect(isMaterialOnNotice(notice, '调解申请(书面或口头)')).toBe(true);
    expect(isMaterialOnNotice(notice, '户口簿')).toBe(false);
    expect(isMaterialOnNotice(notice, '')).toBe(false);
  });

  it('always carries every material of any item, whatever the dates', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...items),
        fc.date({ min: new Date('2024-01-01'), max: new Date('2027-12-31'), noInvalidDate: true }),
        fc.integer({ min: 0, max: 200 }),
        (it, start, days) => {
          const promisedDue = new Date(start.getTime() + days * 86_400_000);
          const n = oneTimeNotice(it, {
            promisedDue,
            acceptingOrgName: '某综治中心',
            matterCode: 'M',
            now: start,
          });
          const text = n.lines.join('\n');
          return (
            it.materials.every((m) => text.includes(m.name) && isMaterialOnNotice(n, m.name)) &&
            n.materials.length === it.materials.length &&
            text.includes(formatChineseDate(promisedDue))
          );
        },
      ),
    );
  });
});

describe('Chinese dates', () => {
  it('formats in Beijing time without leading zeros', () => {
    expect(formatChineseDate(new Date('2026-03-17T00:00:00+08:00'))).toBe('2026年3月17日');
    // 16:30 UTC is already the next day in Beijing.
    expect(formatChineseDate(new Date('2026-03-16T16:30:00Z'))).toBe('2026年3月17日');
    expect(formatChineseDate(new Date('2026-12-31T15:59:59Z'))).toBe('2026年12月31日');
    expect(() => formatChineseDate(new Date('nope'))).toThrow(RangeError);
  });
});
