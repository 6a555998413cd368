/**
 * 社会参与 vocabulary: the kinds of deliberative bodies, seats, decision methods and outcomes, with
 * their Chinese labels (shared by server presenters and the web).
 */
/**
 * `risk_review` is the 社会治安研判调度会 of a center (usually the district's, also a town's): its
 * meetings weigh risk warnings, which a leader puts on their agenda (risk.service reviewWarning).
 */
export const bodyKinds = [
  'council',
  'board',
  'panel',
  'service_team',
  'consultation',
  'risk_review',
] as const;
export type BodyKind = (typeof bodyKinds)[number];
export const bodyKindLabels: Record<BodyKind, string> = {
  council: '议事会',
  board: '理事会',
  panel: '评判团',
  service_team: '服务团',
  consultation: '协商会',
  risk_review: '研判会',
};

export const positions = ['chair', 'recorder', 'member', 'representative'] as const;
export type Position = (typeof positions)[number];
export const positionLabels: Record<Position, string> = {
  chair: '主持',
  recorder: '记录',
  member: '成员',
  representative: '代表',
};

export const seatings = ['elected', 'appointed', 'delegated'] as const;
export type Seating = (typeof seatings)[number];
export const seatingLabels: Record<Seating, string> = {
  elected: '选举产生',
  appointed: '聘任',
  delegated: '推选委派',
};

export const meetingStatuses = ['planned', 'held', 'published'] as const;
export type MeetingStatus = (typeof meetingStatuses)[number];
export const meetingStatusLabels: Record<MeetingStatus, string> = {
  planned: '待召开',
  held: '已召开',
  published: '已公开',
};

export const decisionMethods = ['consensus', 'show_of_hands', 'ballot'] as const;
export type DecisionMethod = (typeof decisionMethods)[number];
export const decisionMethodLabels: Record<DecisionMethod, string> = {
  consensus: '协商一致',
  show_of_hands: '举手表决',
  ballot: '无记名投票',
};

export const outcomes = ['adopted', 'rejected', 'deferred'] as const;
export type Outcome = (typeof outcomes)[number];
export const outcomeLabels: Record<Outcome, string> = {
  adopted: '通过',
  rejected: '未通过',
  deferred: '暂缓，下次再议',
};

export const contributionKinds = ['opinion', 'service'] as const;
export type ContributionKind = (typeof contributionKinds)[number];
