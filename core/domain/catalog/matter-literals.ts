/**
 * The few matter vocabularies the catalog and the routing rules need. They are copies, kept identical to
 * `core/domain/matters/model.ts`, because that module is written in parallel and the catalog must not
 * depend on the lifecycle (the lifecycle may depend on the catalog, never the other way). Change both or
 * neither; TypeScript's structural typing lets values flow between the two while they stay equal.
 */
export const matterKinds = ['petition', 'dispute', 'consultation', 'request', 'report'] as const;
export type MatterKind = (typeof matterKinds)[number];
export const matterKindLabels: Record<MatterKind, string> = {
  petition: '信访',
  dispute: '矛盾纠纷',
  consultation: '咨询',
  request: '诉求/便民服务',
  report: '网格上报事件',
};

/** Local practice of low confidence (RULES 6.5): defaults, not law. */
export const riskGrades = ['red', 'orange', 'yellow'] as const;
export type RiskGrade = (typeof riskGrades)[number];
export const riskGradeLabels: Record<RiskGrade, string> = { red: '红色', orange: '橙色', yellow: '黄色' };

/** The legal procedures of 信访工作条例 art. 31(1)–(5) a 申诉求决类 petition is channelled into. */
export const channelRoutes = [
  'litigation',
  'arbitration',
  'party_appeal',
  'administrative',
  'legal_duty',
] as const;
export type ChannelRoute = (typeof channelRoutes)[number];
