/** The town center's 工作调度会, its joint tasks, and the 治未病 measures against a risk warning (issue 17). */
import { z } from 'zod';
import { jointTaskActions, jointTaskStatuses } from '../domain/dispatch/joint-task.transitions';
import { agendaSources, mechanisms, meetingKinds } from '../domain/dispatch/model';
import { pageOf, pageQuerySchema } from './common';
import { orgRefSchema } from './orgs';

const trimmed = (min: number, max: number, message: string) => z.string().trim().min(min, message).max(max);
const dateSchema = z.iso.date({ message: '请选择日期' });

export const participantSchema = z.object({
  /** null: an external participant named by hand (a unit the product does not hold). */
  org: orgRefSchema.nullable(),
  name: z.string(),
  /** Inside the convening center's own tree (its stations and offices) or from outside it. */
  inside: z.boolean(),
});

export const agendaItemSchema = z.object({
  seq: z.number().int(),
  source: z.enum(agendaSources),
  sourceLabel: z.string(),
  /** The matter, warning or joint task the item was drawn from. */
  refId: z.uuid(),
  title: z.string(),
  detail: z.string(),
  /** Its state when the agenda was drawn (a task's 已办结/推进中/逾期 …, a matter's status). */
  stateLabel: z.string(),
});
export type AgendaItem = z.infer<typeof agendaItemSchema>;

export const agendaDraftSchema = z.object({ items: z.array(agendaItemSchema) });

export const participantOptionsSchema = z.object({
  items: z.array(z.object({ org: orgRefSchema, inside: z.boolean() })),
});

export const newDispatchMeetingSchema = z.object({
  kind: z.enum(meetingKinds),
  topic: trimmed(2, 80, '请填写会议议题'),
  startsAt: z.iso.datetime({ offset: true, message: '请填写会议时间' }),
  place: trimmed(2, 100, '请填写会议地点'),
  participantOrgIds: z.array(z.uuid()).min(1, '请至少选择一个参会单位').max(60),
  externalParticipants: z
    .array(trimmed(2, 60, '请填写单位名称'))
    .max(20)
    .default([]),
});
export type NewDispatchMeeting = z.infer<typeof newDispatchMeetingSchema>;

export const progressEntrySchema = z.object({
  at: z.iso.datetime(),
  orgName: z.string(),
  userName: z.string(),
  note: z.string(),
});

export const jointTaskViewSchema = z
  .object({
    id: z.uuid(),
    meetingId: z.uuid(),
    meetingTopic: z.string(),
    convener: orgRefSchema,
    agendaSeq: z.number().int().nullable(),
    title: z.string(),
    mechanism: z.enum(mechanisms),
    mechanismLabel: z.string(),
    lead: orgRefSchema,
    coUnits: z.array(orgRefSchema),
    dueDate: z.string(),
    status: z.enum(jointTaskStatuses),
    statusLabel: z.string(),
    /** Open past its due date (the sweep has marked it); 督办 raised to the convening center. */
    overdue: z.boolean(),
    supervised: z.boolean(),
    progress: z.array(progressEntrySchema),
    result: z.string().nullable(),
    completedAt: z.iso.datetime().nullable(),
    allowedActions: z.array(z.enum(jointTaskActions)),
  })
  .meta({ id: 'JointTask' });
export type JointTaskView = z.infer<typeof jointTaskViewSchema>;

export const dispatchMeetingSummarySchema = z.object({
  id: z.uuid(),
  kind: z.enum(meetingKinds),
  kindLabel: z.string(),
  topic: z.string(),
  startsAt: z.iso.datetime(),
  place: z.string(),
  convener: orgRefSchema,
  taskCount: z.number().int(),
  openTaskCount: z.number().int(),
});
export const dispatchMeetingPageSchema = pageOf(dispatchMeetingSummarySchema);

export const dispatchMeetingViewSchema = dispatchMeetingSummarySchema
  .extend({
    participants: z.array(participantSchema),
    agenda: z.array(agendaItemSchema),
    tasks: z.array(jointTaskViewSchema),
    /** The viewer may record decisions (the convening center's leader or one above it). */
    mayDecide: z.boolean(),
  })
  .meta({ id: 'DispatchMeeting' });
export type DispatchMeetingView = z.infer<typeof dispatchMeetingViewSchema>;

export const newJointTaskSchema = z.object({
  title: trimmed(4, 200, '请写明任务内容（至少 4 个字）'),
  mechanism: z.enum(mechanisms, { message: '请选择工作机制' }),
  leadOrgId: z.uuid({ message: '请选择牵头单位' }),
  coOrgIds: z.array(z.uuid()).max(20).default([]),
  dueDate: dateSchema,
  /** The agenda item the decision answers, if any. */
  agendaSeq: z.number().int().min(1).nullable().default(null),
});
export type NewJointTask = z.infer<typeof newJointTaskSchema>;

export const jointTaskListQuerySchema = pageQuerySchema.extend({
  status: z.enum(['open', 'closed', 'all']).default('open'),
});
export type JointTaskListQuery = z.infer<typeof jointTaskListQuerySchema>;
export const jointTaskPageSchema = pageOf(jointTaskViewSchema);

export const taskProgressBodySchema = z.object({ note: trimmed(4, 1000, '请写明进展（至少 4 个字）') });
export const taskCompleteBodySchema = z.object({ result: trimmed(4, 1000, '请写明办理结果（至少 4 个字）') });
export const taskWithdrawBodySchema = z.object({ reason: trimmed(4, 500, '请写明撤销理由（至少 4 个字）') });

// ── 治未病 measures ─────────────────────────────────────────────────────────

export const newMeasureSchema = z.object({
  action: trimmed(4, 300, '请写明措施内容（至少 4 个字）'),
  responsibleOrgId: z.uuid({ message: '请选择责任单位' }),
  responsiblePerson: trimmed(2, 40, '请填写责任人'),
  /** The villages (communities) the measure is for; may be empty when it targets a group. */
  villageIds: z.array(z.uuid()).max(50).default([]),
  groups: z.string().trim().max(200).default(''),
  dueDate: dateSchema,
});
export type NewMeasure = z.infer<typeof newMeasureSchema>;

export const measureViewSchema = z.object({
  id: z.uuid(),
  warningId: z.uuid(),
  action: z.string(),
  responsible: orgRefSchema,
  responsiblePerson: z.string(),
  villages: z.array(orgRefSchema),
  groups: z.string(),
  dueDate: z.string(),
  status: z.enum(['open', 'done']),
  statusLabel: z.string(),
  overdue: z.boolean(),
  result: z.string().nullable(),
  doneAt: z.iso.datetime().nullable(),
  mayComplete: z.boolean(),
});
export type MeasureView = z.infer<typeof measureViewSchema>;

export const effectSchema = z.object({
  indicator: z.string(),
  windowDays: z.number().int(),
  before: z.number().int(),
  after: z.number().int().nullable(),
  afterComplete: z.boolean(),
  change: z.number().nullable(),
  summary: z.string(),
});

export const warningMeasuresSchema = z.object({
  measures: z.array(measureViewSchema),
  effect: effectSchema,
  /** The viewer may decide further measures (a leader over the warning). */
  mayAdd: z.boolean(),
});
export type WarningMeasures = z.infer<typeof warningMeasuresSchema>;

export const measureCompleteBodySchema = z.object({
  result: trimmed(4, 1000, '请写明落实情况（至少 4 个字）'),
});

export const measureEffectsSchema = z.object({
  items: z.array(
    z.object({
      warningId: z.uuid(),
      title: z.string(),
      targetOrg: orgRefSchema,
      measures: z.number().int(),
      done: z.number().int(),
      overdue: z.number().int(),
      effect: effectSchema,
    }),
  ),
});
