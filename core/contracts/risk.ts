/** Risk early warning (风险预警): the warnings a leader sees, and what he does with them. */
import { z } from 'zod';
import { meetingStatuses } from '../domain/deliberation/model';
import { riskRules, warningGrades } from '../domain/risk/model';
import { pageOf, pageQuerySchema } from './common';
import { supervisionBodySchema } from './matters';
import { orgRefSchema } from './orgs';

export const warningStatuses = ['open', 'dismissed', 'supervised', 'agenda'] as const;
export type WarningStatus = (typeof warningStatuses)[number];
export const warningStatusLabels: Record<WarningStatus, string> = {
  open: '待处置',
  dismissed: '已排除',
  supervised: '已督办',
  agenda: '已列入研判',
};

export const warningListQuerySchema = pageQuerySchema.extend({
  status: z.enum(warningStatuses).optional(),
  rule: z.enum(riskRules).optional(),
  grade: z.enum(warningGrades).optional(),
});
export type WarningListQuery = z.infer<typeof warningListQuerySchema>;

export const warningMatterSchema = z.object({
  id: z.uuid(),
  code: z.string(),
  title: z.string(),
  status: z.string(),
});

export const reviewLinkSchema = z.object({
  meetingId: z.uuid(),
  topic: z.string(),
  startsAt: z.iso.datetime(),
  meetingStatus: z.enum(meetingStatuses),
  meetingStatusLabel: z.string(),
  itemSeq: z.number().int(),
  /** The meeting's decision on the item, in words, once decided. */
  outcomeLabel: z.string().nullable(),
});
export type ReviewLink = z.infer<typeof reviewLinkSchema>;

export const warningViewSchema = z
  .object({
    id: z.uuid(),
    rule: z.enum(riskRules),
    ruleLabel: z.string(),
    grade: z.enum(warningGrades),
    gradeLabel: z.string(),
    targetOrg: orgRefSchema,
    explanation: z.string(),
    /** The matters behind it that the viewer may open (all of them for a leader of the acting org or above). */
    matters: z.array(warningMatterSchema),
    matterCount: z.number().int(),
    status: z.enum(warningStatuses),
    dismissalReason: z.string().nullable(),
    handledAt: z.iso.datetime().nullable(),
    /** The 研判 meeting item it became (status agenda), with the meeting's and the item's progress. */
    review: reviewLinkSchema.nullable(),
    createdAt: z.iso.datetime(),
    lastSeenAt: z.iso.datetime(),
  })
  .meta({ id: 'RiskWarning' });
export type WarningView = z.infer<typeof warningViewSchema>;

export const warningPageSchema = pageOf(warningViewSchema);

export const dismissBodySchema = z.object({
  reason: z.string().trim().min(4, '请说明排除理由（至少 4 个字）').max(500),
});

/** A supervision order on every open matter behind the warning, for the given statutory reason. */
export const superviseWarningBodySchema = supervisionBodySchema;

export const dismissalRateSchema = z.object({
  items: z.array(
    z.object({
      rule: z.enum(riskRules),
      ruleLabel: z.string(),
      raised: z.number().int(),
      dismissed: z.number().int(),
      /** dismissed ÷ (raised − still open); null when nothing has been decided yet. */
      rate: z.number().nullable(),
      smallSample: z.boolean(),
    }),
  ),
});

/** Upcoming 研判 meetings of the leader's own center, and its 研判会 bodies (to plan a new meeting). */
export const reviewOptionsSchema = z.object({
  meetings: z.array(
    z.object({
      id: z.uuid(),
      bodyName: z.string(),
      topic: z.string(),
      startsAt: z.iso.datetime(),
      place: z.string(),
      itemCount: z.number().int(),
    }),
  ),
  bodies: z.array(z.object({ id: z.uuid(), name: z.string() })),
});
export type ReviewOptions = z.infer<typeof reviewOptionsSchema>;

const trimmed = (min: number, max: number, message: string) => z.string().trim().min(min, message).max(max);

export const newReviewMeetingSchema = z.object({
  bodyId: z.uuid(),
  topic: trimmed(2, 80, '请填写会议议题'),
  startsAt: z.iso.datetime({ offset: true, message: '请填写会议时间' }),
  place: trimmed(2, 100, '请填写会议地点'),
});

/** 列入研判会议: an upcoming meeting, or a new one of a 研判会 of the leader's center; exactly one. */
export const reviewWarningBodySchema = z
  .object({
    meetingId: z.uuid().optional(),
    newMeeting: newReviewMeetingSchema.optional(),
  })
  .refine((b) => (b.meetingId ? 1 : 0) + (b.newMeeting ? 1 : 0) === 1, {
    message: '请选择一次研判会议，或新建一次',
    path: ['meetingId'],
  });
export type ReviewWarningBody = z.infer<typeof reviewWarningBodySchema>;
