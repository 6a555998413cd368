/**
 * Organisation kinds. Territorial orgs (district, town, village) come from the division codes and
 * each runs its 综治中心; the others hang under a level and reach only their own subtree.
 */
export const territorialKinds = ['district', 'town', 'village'] as const;
export const orgKinds = [
  ...territorialKinds,
  'department', // 区直部门: 信访局, 司法局, 公安分局 …
  'unit', // 镇街站所: 派出所, 司法所, 人民法庭, 综合执法队 …
  'mediation_committee', // 人民调解委员会 (村、镇) and 行业性专业性调解委员会
  'mediation_room', // 个人调解室
  'social_org', // 社会组织: 红白理事会, 百姓议事会 …
  'service_center', // 服务机构: 法律援助中心, 社会心理服务中心 … (转介服务, core/domain/referrals)
] as const;

export type OrgKind = (typeof orgKinds)[number];
export type TerritorialKind = (typeof territorialKinds)[number];

export const orgKindLabels: Record<OrgKind, string> = {
  district: '区（县）',
  town: '镇（街道）',
  village: '村（社区）',
  department: '部门',
  unit: '站所',
  mediation_committee: '调解委员会',
  mediation_room: '个人调解室',
  social_org: '社会组织',
  service_center: '服务机构',
};

export type Level = 'district' | 'town' | 'village';

export const levelLabels: Record<Level, string> = {
  district: '区级',
  town: '镇（街道）级',
  village: '村（社区）级',
};

export function isTerritorial(kind: OrgKind): kind is TerritorialKind {
  return (territorialKinds as readonly string[]).includes(kind);
}

/** Which kinds may hang under a parent of the given kind. */
export function allowedChildKinds(parent: OrgKind): OrgKind[] {
  switch (parent) {
    case 'district':
      return ['town', 'department', 'mediation_committee', 'mediation_room', 'social_org', 'service_center'];
    case 'town':
      return ['village', 'unit', 'mediation_committee', 'mediation_room', 'social_org', 'service_center'];
    case 'village':
      return ['mediation_committee', 'social_org'];
    case 'department':
      return ['unit', 'service_center'];
    case 'unit':
      return ['unit'];
    case 'service_center':
    case 'mediation_committee':
    case 'mediation_room':
    case 'social_org':
      return [];
  }
}

/** The 综治中心 of a territorial org, e.g. 东大街街道 → 东大街街道综治中心; 南苑社区居委会 → 南苑社区综治中心. */
export function centerNameOf(name: string): string {
  const base = name.replace(/(村民委员会|居民委员会|村（居）委会|村委会|居委会)$/, '');
  return `${base}综治中心`;
}

/** Shorter display name for villages/communities (drops the committee suffix). */
export function shortOrgName(name: string): string {
  return name.replace(/(村民委员会|居民委员会|村（居）委会|村委会|居委会)$/, '');
}
