/**
 * Rule (b): the same person (by the keyed hash of phone or ID number) or the same address coming back
 * again and again within a trailing window. Repeated visits are the classic precursor of 缠访闹访 and
 * 越级访: the matter was not settled where it started. Counts, not statistics: one person has no
 * "background rate", and three times in a quarter is already what practice calls 重复访.
 */
import { actingOrg, DAY_MS, type RiskMatter, type RiskWarning, type WarningGrade } from './model';

export interface RepeatPolicy {
  windowDays: number;
  yellowAt: number;
  orangeAt: number;
  redAt: number;
}

export const defaultRepeatPolicy: RepeatPolicy = { windowDays: 90, yellowAt: 3, orangeAt: 5, redAt: 8 };

/** Addresses compared without spaces and punctuation, so "凉州区 金羊镇 1号" and "凉州区金羊镇1号" match. */
export function normaliseAddress(a: string): string {
  return a.replace(/[\s,，。.、\-—()（）#号]/g, '').toLowerCase();
}

export function isHouseAddress(a: string): boolean {
  return /\d+\s*[号室户]/.test(a);
}

export function detectRepeats(
  matters: readonly RiskMatter[],
  now: Date,
  policy: RepeatPolicy = defaultRepeatPolicy,
): RiskWarning[] {
  const end = now.getTime();
  const start = end - policy.windowDays * DAY_MS;
  const byKey = new Map<string, { by: 'person' | 'address'; ms: RiskMatter[] }>();
  const add = (key: string, by: 'person' | 'address', m: RiskMatter) => {
    const g = byKey.get(key) ?? { by, ms: [] };
    g.ms.push(m);
    byKey.set(key, g);
  };
  for (const m of matters) {
    const t = m.createdAt.getTime();
    if (t < start || t > end) continue;
    if (m.applicantHash) add(`person:${m.applicantHash}`, 'person', m);
    // Only a house-level address (with a door number) names one household; "某村3组" is a hundred
    // households, and counting it as one returning address raised thousands of false alarms in the bench.
    if (m.address && isHouseAddress(m.address)) {
      const a = normaliseAddress(m.address);
      if (a.length >= 6) add(`address:${a}`, 'address', m);
    }
  }
  const out: RiskWarning[] = [];
  for (const [key, g] of byKey) {
    const n = g.ms.length;
    const grade: WarningGrade | null =
      n >= policy.redAt ? 'red' : n >= policy.orangeAt ? 'orange' : n >= policy.yellowAt ? 'yellow' : null;
    if (!grade) continue;
    const sorted = [...g.ms].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
    const latest = sorted[sorted.length - 1]!;
    const who = g.by === 'person' ? '同一反映人（按电话或身份证号识别）' : '同一地址';
    const places = new Set(sorted.map((m) => m.villageId ?? m.townId));
    out.push({
      rule: 'repeat',
      grade,
      targetOrgId: actingOrg(grade, latest),
      explanation:
        `${who}近${policy.windowDays}日反映事项${n}件（首次${day(sorted[0]!.createdAt)}，最近${day(latest.createdAt)}）` +
        `${places.size > 1 ? `，涉及${places.size}个村（社区）` : ''}，前期处理可能未化解，需包案回访。`,
      matterIds: sorted.map((m) => m.id),
      dedupKey: `repeat:${key}`,
    });
  }
  return out;
}

function day(d: Date): string {
  // The date as seen in China (UTC+8), which is how staff read it.
  return new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}
