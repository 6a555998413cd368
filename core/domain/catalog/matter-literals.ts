/**
 * The matter vocabularies the catalog and the routing rules use, taken from the lifecycle's model
 * (which depends on nothing but orgs, so there is no cycle).
 */
export {
  type ChannelRoute,
  channelRoutes,
  type MatterKind,
  matterKindLabels,
  matterKinds,
  type RiskGrade,
  riskGradeLabels,
  riskGrades,
} from '../matters/model';
