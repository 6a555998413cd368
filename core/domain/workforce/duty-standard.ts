/**
 * 网格员履职标准: the county's duty list, saved as versions of the 'duty_standard' config document
 * (docs/WORKFORCE.md). Each figure is what one worker owes in the period; performance.ts measures the
 * field kit's records against it.
 */
export interface DutyStandard {
  /** 巡查: patrol logs per week. */
  patrolsPerWeek: number;
  /** 入户走访: visit logs per month. */
  visitsPerMonth: number;
  /** 重点人员跟进: follow-ups (a visit or note tied to a matter) per month. */
  followUpsPerMonth: number;
  /** 发现即报: a report must reach the server within this many hours of being made on the phone. */
  reportWithinHours: number;
}

/**
 * Liangzhou defaults. The article (docs/WORKFORCE.md) sets no figures; these follow the common
 * 网格员工作规范 of Gansu counties: a patrol of the grid on each working day, the households of a grid
 * (about 100) visited once a quarter, weekly contact with each key person, and 发现问题 2 小时内上报.
 */
export const defaultDutyStandard: DutyStandard = {
  patrolsPerWeek: 5,
  visitsPerMonth: 30,
  followUpsPerMonth: 4,
  reportWithinHours: 2,
};

export const dutyStandardFields: {
  key: keyof DutyStandard;
  label: string;
  unit: string;
  min: number;
  max: number;
}[] = [
  { key: 'patrolsPerWeek', label: '巡查', unit: '次/周', min: 1, max: 21 },
  { key: 'visitsPerMonth', label: '入户走访', unit: '户次/月', min: 1, max: 300 },
  { key: 'followUpsPerMonth', label: '重点人员跟进', unit: '次/月', min: 0, max: 100 },
  { key: 'reportWithinHours', label: '发现后上报时限', unit: '小时', min: 1, max: 72 },
];

export class DutyStandardError extends Error {}

/** The stored body over the defaults, each figure an integer inside its bounds. */
export function resolveDutyStandard(body: unknown): DutyStandard {
  const out: DutyStandard = { ...defaultDutyStandard };
  if (body === undefined || body === null) return out;
  if (typeof body !== 'object') throw new DutyStandardError('格式不正确');
  const given = body as Record<string, unknown>;
  for (const f of dutyStandardFields) {
    const v = given[f.key];
    if (v === undefined) continue;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < f.min || v > f.max) {
      throw new DutyStandardError(`${f.label}应为 ${f.min}–${f.max} 之间的整数（${f.unit}）`);
    }
    out[f.key] = v;
  }
  return out;
}
