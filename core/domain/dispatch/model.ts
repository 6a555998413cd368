/**
 * The town center's 工作调度会 and its joint tasks (issue 17). The seed article (docs/PRODUCT.md §调度会):
 * 镇(街道)综治中心"定期不定期地组织基层政法单位和镇(街道)相关组成机构、下属单位召开工作调度会,落实矛盾纠纷联调、
 * 社会治安联防、重点工作联动、突出问题联治、平安建设联创、服务管理联抓工作机制". Each decision of such a
 * meeting is a joint task under one of the six mechanisms.
 */

export const mechanisms = [
  'dispute_mediation',
  'public_security',
  'key_work',
  'prominent_problems',
  'safe_construction',
  'service_management',
] as const;
export type Mechanism = (typeof mechanisms)[number];
export const mechanismLabels: Record<Mechanism, string> = {
  dispute_mediation: '矛盾纠纷联调',
  public_security: '社会治安联防',
  key_work: '重点工作联动',
  prominent_problems: '突出问题联治',
  safe_construction: '平安建设联创',
  service_management: '服务管理联抓',
};

/** 定期 (the regular meeting of the center's calendar) or 不定期 (called for a matter at hand). */
export const meetingKinds = ['regular', 'ad_hoc'] as const;
export type MeetingKind = (typeof meetingKinds)[number];
export const meetingKindLabels: Record<MeetingKind, string> = {
  regular: '定期调度会',
  ad_hoc: '专题（不定期）调度会',
};

/** What an agenda item was drawn from. */
export const agendaSources = ['hard_matter', 'overdue_matter', 'warning', 'joint_task'] as const;
export type AgendaSource = (typeof agendaSources)[number];
export const agendaSourceLabels: Record<AgendaSource, string> = {
  hard_matter: '疑难复杂事项',
  overdue_matter: '超期事项',
  warning: '风险预警',
  joint_task: '上次调度会联合任务',
};

/**
 * The due date a meeting sets is a calendar day in China; the task is late only once that whole day
 * has passed there (UTC+8, no daylight saving).
 */
export function dueInstantOf(dueDate: string): Date {
  return new Date(`${dueDate}T23:59:59.999+08:00`);
}

/** Today's date in China (UTC+8), for the default and the "not in the past" check of a due date. */
export function chinaDateOf(now: Date): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}
