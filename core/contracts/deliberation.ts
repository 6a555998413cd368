import { z } from 'zod';
import {
  bodyKinds,
  decisionMethods,
  meetingStatuses,
  outcomes,
  positions,
  seatings,
} from '../domain/deliberation/model';

const phoneSchema = z.string().regex(/^1[3-9]\d{9}$/, '请输入 11 位手机号码');
const dateSchema = z.iso.date('请按 YYYY-MM-DD 填写日期');
const text = (min: number, max: number, msg: string) => z.string().trim().min(min, msg).max(max);

export const memberInputSchema = z.object({
  name: text(1, 40, '请填写成员姓名'),
  phone: phoneSchema.optional(),
  /** The member's account, if they have one (they then see unpublished minutes). */
  userId: z.uuid().optional(),
  position: z.enum(positions),
  seatedBy: z.enum(seatings),
  termStart: dateSchema,
  termEnd: dateSchema,
});

export const createBodySchema = z.object({
  orgId: z.uuid(),
  kind: z.enum(bodyKinds),
  name: text(2, 60, '请填写组织名称'),
  termStart: dateSchema,
  termEnd: dateSchema,
  members: z.array(memberInputSchema).max(200).default([]),
});
export type CreateBodyBody = z.infer<typeof createBodySchema>;

const orgNameSchema = z.object({ id: z.uuid(), name: z.string() });

export const memberViewSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    phone: z.string().nullable(),
    hasAccount: z.boolean(),
    position: z.enum(positions),
    seatedBy: z.enum(seatings),
    termStart: z.string(),
    termEnd: z.string(),
  })
  .meta({ id: 'DeliberationMember' });

export const bodySummarySchema = z
  .object({
    id: z.uuid(),
    kind: z.enum(bodyKinds),
    kindLabel: z.string(),
    name: z.string(),
    org: orgNameSchema,
    termStart: z.string(),
    termEnd: z.string(),
    memberCount: z.number().int(),
  })
  .meta({ id: 'DeliberationBodySummary' });

export const bodyDetailSchema = bodySummarySchema
  .extend({ members: z.array(memberViewSchema), mayManage: z.boolean() })
  .meta({ id: 'DeliberationBody' });

export const bodyListQuerySchema = z.object({
  orgId: z.uuid().optional(),
  kind: z.enum(bodyKinds).optional(),
});

export const createMeetingSchema = z.object({
  bodyId: z.uuid(),
  topic: text(2, 80, '请填写会议议题'),
  startsAt: z.iso.datetime({ offset: true, message: '请填写会议时间' }),
  place: text(2, 100, '请填写会议地点'),
  items: z
    .array(
      z.object({
        title: text(2, 80, '请填写议程事项标题'),
        /** One matter, or several related ones (a cluster) discussed together. */
        matterIds: z.array(z.uuid()).min(1, '每个议程事项至少关联一个事项').max(50),
      }),
    )
    .min(1, '至少安排一个议程事项')
    .max(20),
  /** Send invitations to the members now (in-app and SMS through the outbox). */
  invite: z.boolean().default(true),
});
export type CreateMeetingBody = z.infer<typeof createMeetingSchema>;

export const speakerInputSchema = z.object({
  name: text(1, 40, '请填写发言人姓名'),
  phone: phoneSchema.optional(),
  subject: text(2, 200, '请填写想发言的内容'),
});

export const holdMeetingSchema = z.object({
  presentMemberIds: z.array(z.uuid()).max(200),
  countedInRoom: z.number().int().min(0, '人数不能为负').max(100000),
  minutes: text(10, 20000, '请填写会议记录（至少 10 个字）'),
});

export const taskInputSchema = z.object({
  title: text(2, 80, '请填写任务内容'),
  description: text(5, 2000, '请把任务写清楚（至少 5 个字）'),
  ownerOrgId: z.uuid(),
  dueOn: dateSchema,
});

export const decideItemSchema = z.object({
  method: z.enum(decisionMethods),
  votesFor: z.number().int().min(0).max(100000).optional(),
  votesAgainst: z.number().int().min(0).max(100000).optional(),
  votesAbstain: z.number().int().min(0).max(100000).optional(),
  /** Paper ballots counted and entered by the clerk (method ballot). */
  paperBallots: z.boolean().optional(),
  outcome: z.enum(outcomes),
  reasoning: text(1, 5000, '请写明决定的理由'),
  dissent: z.string().trim().max(5000).optional(),
  tasks: z.array(taskInputSchema).max(20).default([]),
});
export type DecideItemBody = z.infer<typeof decideItemSchema>;

export const taskViewSchema = z
  .object({
    id: z.uuid(),
    title: z.string(),
    owner: orgNameSchema,
    dueOn: z.string(),
    matterId: z.uuid(),
    matterCode: z.string(),
    matterStatus: z.string(),
    done: z.boolean(),
    /** Past its agreed date and not done. */
    overdue: z.boolean(),
  })
  .meta({ id: 'DeliberationTask' });

export const itemViewSchema = z
  .object({
    id: z.uuid(),
    seq: z.number().int(),
    title: z.string(),
    /** What the meeting is asked to weigh (a risk warning's explanation), when the item came with it. */
    background: z.string().nullable(),
    matters: z.array(z.object({ id: z.uuid(), code: z.string(), title: z.string(), status: z.string() })),
    method: z.enum(decisionMethods).nullable(),
    votesFor: z.number().int().nullable(),
    votesAgainst: z.number().int().nullable(),
    votesAbstain: z.number().int().nullable(),
    paperBallots: z.boolean(),
    outcome: z.enum(outcomes).nullable(),
    reasoning: z.string().nullable(),
    dissent: z.string().nullable(),
    decidedAt: z.iso.datetime().nullable(),
    tasks: z.array(taskViewSchema),
  })
  .meta({ id: 'DeliberationItem' });

export const meetingSummarySchema = z
  .object({
    id: z.uuid(),
    body: z.object({ id: z.uuid(), name: z.string(), kindLabel: z.string() }),
    org: orgNameSchema,
    topic: z.string(),
    startsAt: z.iso.datetime(),
    place: z.string(),
    status: z.enum(meetingStatuses),
    statusLabel: z.string(),
  })
  .meta({ id: 'MeetingSummary' });

export const meetingDetailSchema = meetingSummarySchema
  .extend({
    items: z.array(itemViewSchema),
    members: z.array(memberViewSchema),
    presentMemberIds: z.array(z.uuid()),
    countedInRoom: z.number().int(),
    minutes: z.string().nullable(),
    speakers: z.array(
      z.object({ id: z.uuid(), name: z.string(), phone: z.string().nullable(), subject: z.string() }),
    ),
    invitations: z.array(
      z.object({
        channel: z.string(),
        status: z.string(),
        attempts: z.number().int(),
        recipient: z.string(),
      }),
    ),
    heldAt: z.iso.datetime().nullable(),
    publishedAt: z.iso.datetime().nullable(),
    mayManage: z.boolean(),
    /** Orgs a decision may hand a task to: the body's org and those above it. */
    taskOwners: z.array(orgNameSchema),
  })
  .meta({ id: 'Meeting' });

export const meetingListQuerySchema = z.object({
  bodyId: z.uuid().optional(),
  status: z.enum(meetingStatuses).optional(),
});

/** 村务公开: what residents see. No names, phones or ID numbers, only decisions and progress. */
export const publicDecisionSchema = z
  .object({
    meetingId: z.uuid(),
    bodyName: z.string(),
    topic: z.string(),
    heldOn: z.string(),
    publishedAt: z.iso.datetime(),
    attendance: z.object({
      members: z.number().int(),
      seats: z.number().int(),
      countedInRoom: z.number().int(),
    }),
    items: z.array(
      z.object({
        title: z.string(),
        method: z.string(),
        votesFor: z.number().int().nullable(),
        votesAgainst: z.number().int().nullable(),
        votesAbstain: z.number().int().nullable(),
        outcome: z.string(),
        reasoning: z.string(),
        tasks: z.array(
          z.object({
            title: z.string(),
            ownerName: z.string(),
            dueOn: z.string(),
            progress: z.string(),
            done: z.boolean(),
            overdue: z.boolean(),
          }),
        ),
      }),
    ),
  })
  .meta({ id: 'PublicDecision' });

export const publicDecisionsQuerySchema = z.object({ orgId: z.uuid() });

export const opinionInputSchema = z.object({
  matterId: z.uuid(),
  text: text(10, 5000, '请填写评判意见（至少 10 个字）'),
});
export const serviceAssignInputSchema = z.object({
  matterId: z.uuid(),
  memberId: z.uuid(),
  text: text(2, 500, '请写明服务内容'),
});

export const contributionViewSchema = z
  .object({
    id: z.uuid(),
    kind: z.enum(['opinion', 'service']),
    body: z.object({ id: z.uuid(), name: z.string(), kindLabel: z.string() }),
    matterId: z.uuid(),
    memberName: z.string().nullable(),
    text: z.string(),
    status: z.string(),
    createdAt: z.iso.datetime(),
    doneAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'DeliberationContribution' });

export const matterLinksSchema = z
  .object({
    agendaItems: z.array(
      z.object({ meetingId: z.uuid(), topic: z.string(), itemTitle: z.string(), status: z.string() }),
    ),
    fromDecision: z
      .object({ meetingId: z.uuid(), topic: z.string(), itemTitle: z.string(), dueOn: z.string() })
      .nullable(),
    contributions: z.array(contributionViewSchema),
  })
  .meta({ id: 'MatterDeliberationLinks' });

export type BodyDetail = z.infer<typeof bodyDetailSchema>;
export type BodySummary = z.infer<typeof bodySummarySchema>;
export type MeetingDetail = z.infer<typeof meetingDetailSchema>;
export type MeetingSummary = z.infer<typeof meetingSummarySchema>;
export type PublicDecision = z.infer<typeof publicDecisionSchema>;
export type ContributionView = z.infer<typeof contributionViewSchema>;
export type MatterLinks = z.infer<typeof matterLinksSchema>;
