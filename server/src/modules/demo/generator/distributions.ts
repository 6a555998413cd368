/**
 * The proportions the generator draws from. No published breakdown of Liangzhou's caseload exists, so
 * these are plausible shapes, stated here in one place so a reader can judge them: grid reports and
 * disputes dominate, petitions are a tenth; most village matters close in the village; wage arrears
 * peak in the two months before Spring Festival (根治欠薪冬季专项行动), land, irrigation and building
 * disputes in spring (春耕、春灌、建房).
 */
import type { Channel, MatterKind, RiskGrade } from '../../../../../core/domain/matters/model';
import type { Level } from '../../../../../core/domain/orgs';

/** A small fast seeded PRNG (mulberry32): the same seed gives the same county. */
export function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    chance: (p: number) => next() < p,
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!,
    weighted: <T>(items: readonly (readonly [T, number])[]): T => {
      const total = items.reduce((s, [, w]) => s + w, 0);
      let r = next() * total;
      for (const [v, w] of items) {
        r -= w;
        if (r < 0) return v;
      }
      return items[items.length - 1]![0];
    },
  };
}
export type Rng = ReturnType<typeof rng>;

export const kindWeights: readonly (readonly [MatterKind, number])[] = [
  ['report', 32],
  ['dispute', 38],
  ['petition', 10],
  ['consultation', 12],
  ['request', 8],
];

export const channelWeights: Record<MatterKind, readonly (readonly [Channel, number])[]> = {
  report: [['grid', 1]],
  dispute: [
    ['walk_in', 45],
    ['phone', 15],
    ['grid', 15],
    ['online', 10],
    ['hotline', 8],
    ['court', 4],
    ['referral', 3],
  ],
  petition: [
    ['walk_in', 40],
    ['letter', 18],
    ['online', 27],
    ['phone', 10],
    ['referral', 5],
  ],
  consultation: [
    ['phone', 40],
    ['online', 25],
    ['walk_in', 30],
    ['hotline', 5],
  ],
  request: [
    ['hotline', 40],
    ['online', 30],
    ['phone', 15],
    ['walk_in', 15],
  ],
};

/** Base weights of the categories a kind may use (categoriesForKind); unlisted ones get 1. */
export const categoryBaseWeights: Record<string, number> = {
  'MED-02': 14,
  'MED-03-02': 10,
  'MED-03-01': 4,
  'MED-01-03': 6,
  'MED-01-01': 5,
  'MED-01-04': 4,
  'MED-07-02': 9,
  'MED-07-01': 4,
  'MED-06': 6,
  'MED-13': 5,
  'MED-04': 4,
  'MED-10': 3,
  'MED-16': 7,
  'MED-17': 5,
  'MED-08': 3,
  'MED-14': 3,
  'PET-03': 70,
  'PET-01': 18,
  'PET-02': 12,
  'GRID-01': 25,
  'GRID-02': 22,
  'GRID-03': 25,
  'GRID-04': 8,
  'GRID-05': 15,
  'GRID-06': 5,
};

/** Seasonal factor of a category in a month (1–12, local time). */
export function seasonFactor(categoryCode: string, month: number): number {
  if (categoryCode === 'MED-16' || categoryCode === 'MED-10') {
    // 欠薪 before Spring Festival (late January – February): Nov–Jan high.
    return month === 12 || month === 1 ? 3.5 : month === 11 || month === 2 ? 2 : 0.7;
  }
  if (categoryCode.startsWith('MED-07') || categoryCode === 'MED-03-02' || categoryCode === 'MED-03-01') {
    // 春耕春灌、建房: March–May.
    return month >= 3 && month <= 5 ? 2.5 : month === 6 ? 1.4 : 0.7;
  }
  if (categoryCode === 'GRID-02') return month === 12 || month === 1 ? 1.6 : 1; // 冬季用火用电安全
  return 1;
}

/** Overall volume by month: a dip around Spring Festival holidays, busier in spring and autumn. */
export const monthVolume = [0, 0.85, 0.75, 1.15, 1.15, 1.1, 1, 0.95, 0.95, 1.05, 1.05, 1, 1.05];

/** Where a kind is taken in, by level. */
export const intakeLevelWeights: Record<MatterKind, readonly (readonly [Level, number])[]> = {
  report: [['village', 1]],
  dispute: [
    ['village', 58],
    ['town', 32],
    ['district', 10],
  ],
  petition: [
    ['village', 8],
    ['town', 40],
    ['district', 52],
  ],
  consultation: [
    ['village', 40],
    ['town', 40],
    ['district', 20],
  ],
  request: [
    ['village', 30],
    ['town', 45],
    ['district', 25],
  ],
};

/** Share lifted from the intake level to the next one up (a lifted town matter may go on up once). */
export const escalationShare: Record<Level, number> = { village: 0.16, town: 0.1, district: 0 };

export const riskWeights: readonly (readonly [RiskGrade, number])[] = [
  ['yellow', 86],
  ['orange', 11],
  ['red', 3],
];

export const ratingWeights = [
  ['satisfied', 74],
  ['basically_satisfied', 19],
  ['unsatisfied', 7],
] as const;

/** Share of handling duties finished after their due instant. */
export const lateShare = 0.07;

export const surnames =
  '王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程魏苏吕丁任沈姚卢'.split(
    '',
  );
export const givenChars = '建国华明英兰芳秀军平伟强红梅玉成德福生海涛霞丽勇杰娟斌俊峰林辉燕桂荣'.split('');
export const companies = [
  '凉州区某建筑劳务公司',
  '某商砼有限公司',
  '某农业合作社',
  '某物业服务公司',
  '某养殖场',
  '某房地产开发公司',
];
