/**
 * Linked mediation (联动调解, issue 17): the routes by which a dispute reaches a mediation, each counted
 * apart on the dashboard. One matter has one route, fixed when it is handed over (警调) or when its
 * mediation starts (the others); the mediation itself is always the ordinary one (transitions-mediation.ts).
 *
 * - 警调 police: a 派出所 hands a civil dispute it met on a call to the people's mediation committee of
 *   the place (人民调解法 art. 18: 基层人民法院、公安机关对适宜通过人民调解方式解决的纠纷，可以告知当事人申请人民调解).
 * - 访调 petition: a petition mediated with both parties' consent (信访工作条例 art. 33).
 * - 诉调 court: a mediation the court entrusted or delegated (docs/COURT-API.md).
 * - 专调 professional: a 行业性、专业性人民调解委员会 (医调委, 交调委 …) mediates a dispute of its field.
 * - 人民调解 people: every other people's mediation (village, town or district committee).
 */
import type { MatterKind } from '../matters/model';
import type { OrgKind } from '../orgs';

export const linkedRoutes = ['police', 'petition', 'court', 'professional', 'people'] as const;
export type LinkedRoute = (typeof linkedRoutes)[number];
export const linkedRouteLabels: Record<LinkedRoute, string> = {
  police: '警调',
  petition: '访调',
  court: '诉调',
  professional: '专调',
  people: '人民调解',
};

/**
 * The fields of the 行业性、专业性人民调解委员会 the product knows, each found by the words its committee's
 * name carries (the demo's and Liangzhou's committees are named so: 医疗纠纷人民调解委员会 …).
 */
export const professionalFields = ['medical', 'traffic', 'labour', 'property', 'family', 'consumer'] as const;
export type ProfessionalField = (typeof professionalFields)[number];
export const professionalFieldLabels: Record<ProfessionalField, string> = {
  medical: '医疗纠纷（医调）',
  traffic: '道路交通事故（交调）',
  labour: '劳动争议',
  property: '物业纠纷',
  family: '婚姻家庭纠纷',
  consumer: '消费纠纷',
};
const fieldWords: Record<ProfessionalField, RegExp> = {
  medical: /医疗纠纷|医患纠纷|医调/,
  traffic: /交通事故|交调/,
  labour: /劳动争议/,
  property: /物业纠纷/,
  family: /婚姻家庭纠纷/,
  consumer: /消费纠纷/,
};

/** The field of a professional committee, or null for a territorial committee or any other org. */
export function professionalFieldOf(org: { kind: OrgKind | string; name: string }): ProfessionalField | null {
  if (org.kind !== 'mediation_committee') return null;
  return professionalFields.find((f) => fieldWords[f].test(org.name)) ?? null;
}

/** The route of a mediation that starts without one fixed before (a 警调 handoff fixes its own). */
export function routeOfMediation(m: {
  kind: MatterKind;
  fromCourt: boolean;
  mediatingOrg: { kind: OrgKind | string; name: string };
}): LinkedRoute {
  if (m.fromCourt) return 'court';
  if (m.kind === 'petition') return 'petition';
  return professionalFieldOf(m.mediatingOrg) ? 'professional' : 'people';
}

/**
 * The committee a 派出所 hands a dispute to: the people's mediation committee of the village where it
 * happened, else of its town (人民调解法 art. 7–8: committees of villages and towns mediate the disputes
 * of their place). `committees` are the candidates under the place's village and town.
 */
export function committeeForPlace<T extends { parentId: string | null; kind: OrgKind | string }>(
  committees: readonly T[],
  place: { villageId: string | null; townId: string },
): T | null {
  const of = (parentId: string | null) =>
    parentId
      ? committees.find((c) => c.kind === 'mediation_committee' && c.parentId === parentId)
      : undefined;
  return of(place.villageId) ?? of(place.townId) ?? null;
}

/** A 警情 number as police records carry it: letters, digits and dashes, 6 to 40 characters. */
export function isPoliceRecordNo(x: unknown): x is string {
  return typeof x === 'string' && /^[A-Za-z0-9-]{6,40}$/.test(x.trim());
}

/** What the mediation came to, as the 派出所's record shows it. */
export const linkedOutcomes = ['agreed', 'failed'] as const;
export type LinkedOutcome = (typeof linkedOutcomes)[number];
export const linkedOutcomeLabels: Record<LinkedOutcome, string> = {
  agreed: '调解成功（达成协议）',
  failed: '调解不成（已终止）',
};

/** The outcome an event of the mediation flow gives, or undefined when the event does not end one. */
export function outcomeOfEvent(eventName: string): LinkedOutcome | undefined {
  if (eventName === 'matter.mediation_agreed') return 'agreed';
  if (eventName === 'matter.mediation_terminated') return 'failed';
  return undefined;
}

/** A 派出所 (or a 警务室 under one): the only org that hands disputes over by 警调. */
export function isPoliceStation(org: { kind: OrgKind | string; name: string }): boolean {
  return (org.kind === 'unit' || org.kind === 'department') && /派出所|警务室/.test(org.name);
}
