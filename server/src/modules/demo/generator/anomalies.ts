/**
 * Injected anomalies with known ground truth, for measuring the early-warning rules: spikes of one
 * category in one village within a week, collective conflicts forming (several applicants, similar
 * words, the same respondent and village within ten days), one person coming back again and again,
 * and open matters whose applicant will escalate after the generator's "now" (escalations.ts).
 */
import type { Rng } from './distributions';
import { companies, givenChars, surnames } from './distributions';
import type { GenCounty, MatterSpec } from './synthesize';

export interface InjectedAnomaly {
  kind: 'spike' | 'collective' | 'repeat' | 'escalation';
  villageId: string;
  categoryCode: string;
  from: string;
  to: string;
  /** Codes are given after sorting; specs are matched back by index. */
  specIndexes: number[];
  codes?: string[];
  /**
   * Escalation only: the local date (after the generator's asOf) on which the applicant escalates. The
   * first spec is the open matter at risk, the rest are the applicant's earlier matters.
   */
  escalatesOn?: string;
}

const DAY = 86_400_000;

export function injectAnomalies(
  r: Rng,
  county: GenCounty,
  window: { from: Date; to: Date },
  count: number,
): { specs: Omit<MatterSpec, 'code'>[]; truth: InjectedAnomaly[] } {
  const specs: Omit<MatterSpec, 'code'>[] = [];
  const truth: InjectedAnomaly[] = [];
  const span = window.to.getTime() - window.from.getTime() - 14 * DAY;
  const place = () => {
    const town = r.pick(county.towns);
    return { town, village: r.pick(town.villages) };
  };
  const add = (a: Omit<InjectedAnomaly, 'specIndexes' | 'from' | 'to'>, made: Omit<MatterSpec, 'code'>[]) => {
    const idx = made.map((s) => specs.push(s) - 1);
    const times = made.map((s) => s.createdAt.getTime());
    truth.push({
      ...a,
      specIndexes: idx,
      from: new Date(Math.min(...times)).toISOString(),
      to: new Date(Math.max(...times)).toISOString(),
    });
  };
  for (let i = 0; i < count; i++) {
    const start = window.from.getTime() + r.next() * span;
    const p = place();
    const type = (['spike', 'collective', 'repeat'] as const)[i % 3]!;
    if (type === 'spike') {
      const categoryCode = r.pick(['GRID-03', 'GRID-02', 'MED-02', 'GRID-05']);
      const kind = categoryCode.startsWith('GRID') ? 'report' : 'dispute';
      const n = r.int(12, 24);
      add(
        { kind: 'spike', villageId: p.village.ref.id, categoryCode },
        Array.from({ length: n }, () => ({
          ...p,
          kind,
          categoryCode,
          createdAt: new Date(start + r.next() * 7 * DAY),
        })),
      );
    } else if (type === 'collective') {
      const respondent = r.pick(companies);
      const n = r.int(5, 9);
      add(
        { kind: 'collective', villageId: p.village.ref.id, categoryCode: 'MED-16' },
        Array.from({ length: n }, (_, k) => ({
          ...p,
          kind: 'dispute' as const,
          categoryCode: 'MED-16',
          respondent,
          createdAt: new Date(start + r.next() * 10 * DAY),
          text: {
            title: `${respondent}拖欠工资`,
            description: `${p.town.name}${p.village.name}：本人在${respondent}务工${r.int(3, 10)}个月，${respondent}以工程款未到位为由拖欠工资${k % 2 ? '，多次讨要无果' : '，临近春节急需返乡'}。`,
          },
        })),
      );
    } else {
      const applicant = {
        name: r.pick(surnames) + r.pick(givenChars) + r.pick(givenChars),
        phone: `139${String(r.int(0, 99_999_999)).padStart(8, '0')}`,
      };
      const n = r.int(6, 10);
      add(
        { kind: 'repeat', villageId: p.village.ref.id, categoryCode: 'PET-03' },
        Array.from({ length: n }, () => ({
          ...p,
          kind: 'petition' as const,
          categoryCode: 'PET-03',
          applicant,
          createdAt: new Date(start + r.next() * 60 * DAY),
        })),
      );
    }
  }
  return { specs, truth };
}
