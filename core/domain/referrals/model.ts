/**
 * The district center's services under one roof (issue 17; docs/PRODUCT.md §转介服务): besides 信访,
 * 人民调解 and 诉讼, the center combines 法律援助, 社会心理服务, 司法救助, 困难帮扶 and 行政调解. A matter
 * refers one of its parties to such a service; the provider works the referral by its own small table
 * (referral.transitions.ts) and its outcome comes back onto the matter.
 */
import type { OrgKind } from '../orgs';

export const serviceKinds = [
  'legal_aid',
  'counselling',
  'judicial_relief',
  'hardship_aid',
  'admin_mediation',
] as const;
export type ServiceKind = (typeof serviceKinds)[number];
export const serviceKindLabels: Record<ServiceKind, string> = {
  legal_aid: '法律援助',
  counselling: '社会心理服务',
  judicial_relief: '司法救助',
  hardship_aid: '困难帮扶',
  admin_mediation: '行政调解',
};

/**
 * Which kinds of org may provide each service: 法律援助中心 and 社会心理服务站 are `service_center`s
 * (orgs.ts); 司法救助 is decided by the court or procuratorate and 行政调解 by the competent
 * department, both `department`s; 困难帮扶 by 民政 or a service center. The village social
 * organisations (红白理事会, 百姓议事会 …) are not counselling providers; a county's 社会工作服务站 is
 * registered as a service center.
 */
export const providerKinds: Record<ServiceKind, readonly OrgKind[]> = {
  legal_aid: ['service_center'],
  counselling: ['service_center'],
  judicial_relief: ['department'],
  hardship_aid: ['department', 'service_center'],
  admin_mediation: ['department'],
};

export function mayProvide(kind: ServiceKind, orgKind: OrgKind): boolean {
  return providerKinds[kind].includes(orgKind);
}

/**
 * The eligibility fact the referrer states for each service (the provider still examines it). For
 * legal aid, 法律援助法 art. 42 names those who need not prove financial hardship; the others are
 * the usual grounds of the local rules, kept as a choice plus a free note.
 */
export const eligibilityBases: Record<ServiceKind, Record<string, string>> = {
  legal_aid: {
    low_income: '经济困难（低保、特困、低收入家庭）',
    special_group: '无固定生活来源的未成年人、老年人、残疾人等特定群体',
    relief_recipient: '社会救助、司法救助或者优抚对象',
    migrant_wages: '进城务工人员请求支付劳动报酬或者工伤赔偿',
    other: '其他（见说明）',
  },
  counselling: {
    emotional_distress: '情绪困扰、心结未解',
    family_conflict: '家庭矛盾引发的心理问题',
    repeat_petition: '反复信访、积怨较深',
    crisis: '有极端言行苗头',
    other: '其他（见说明）',
  },
  judicial_relief: {
    victim_no_compensation: '刑事被害人无法获得有效赔偿',
    enforcement_failed: '执行不能，生活陷入困境',
    other: '其他（见说明）',
  },
  hardship_aid: {
    low_income: '低保、特困或低收入家庭',
    sudden_hardship: '因病因灾等突发困难',
    other: '其他（见说明）',
  },
  admin_mediation: {
    within_competence: '属于该部门职责范围内的民事纠纷',
    other: '其他（见说明）',
  },
};

export function isEligibilityBasis(kind: ServiceKind, basis: string): boolean {
  return Object.hasOwn(eligibilityBases[kind], basis);
}

/** Outcomes the provider records, per service. */
export const outcomeCodes = [
  'aided', // 法律援助：已结案
  'counselled', // 心理服务：疏导完成
  'granted', // 司法救助、困难帮扶：决定给予
  'refused', // 司法救助、困难帮扶：决定不予
  'agreement', // 行政调解：达成协议
  'failed', // 行政调解：调解不成
  'declined', // 不予受理（不予援助）
  'withdrawn', // 撤回转介
] as const;
export type OutcomeCode = (typeof outcomeCodes)[number];
export const outcomeLabels: Record<OutcomeCode, string> = {
  aided: '法律援助已结案',
  counselled: '心理疏导已完成',
  granted: '决定给予',
  refused: '决定不予',
  agreement: '达成调解协议',
  failed: '调解不成',
  declined: '不予受理',
  withdrawn: '已撤回',
};

/** Which outcomes may close which service (the `conclude` step of the table). */
export const concludingOutcomes: Record<ServiceKind, readonly OutcomeCode[]> = {
  legal_aid: ['aided'],
  counselling: ['counselled'],
  judicial_relief: ['granted', 'refused'],
  hardship_aid: ['granted', 'refused'],
  admin_mediation: ['agreement', 'failed'],
};

/** Services that decide an amount of money (or help in kind): 司法救助 and 困难帮扶. */
export function decidesAmount(kind: ServiceKind): boolean {
  return kind === 'judicial_relief' || kind === 'hardship_aid';
}

/** The county's local policy that times each service (core/domain/time-limits/local-policies.ts). */
export const referralPolicyKeys = {
  legal_aid: 'referralLegalAid',
  counselling: 'referralCounselling',
  judicial_relief: 'referralJudicialRelief',
  hardship_aid: 'referralHardshipAid',
  admin_mediation: 'referralAdminMediation',
} as const satisfies Record<ServiceKind, string>;
