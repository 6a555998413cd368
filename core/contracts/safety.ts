/** 社会治安联防 (shared patrol rosters) and 平安建设联创 (village targets) of a town (issue 17). */
import { z } from 'zod';
import { rosterPeriods, shiftOutcomes, shiftStatuses } from '../domain/safety/patrol-shift';
import { targetStatuses } from '../domain/safety/targets';
import { pageOf, pageQuerySchema } from './common';
import { orgRefSchema } from './orgs';

const trimmed = (min: number, max: number, message: string) => z.string().trim().min(min, message).max(max);
const dateSchema = z.iso.date({ message: '请选择日期' });
const timeSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, '时间格式应为 HH:MM');

export const newShiftSchema = z
  .object({
    date: dateSchema,
    from: timeSchema,
    to: timeSchema,
    /** Villages (communities) of the town the shift covers; may be empty when a route is named. */
    villageIds: z.array(z.uuid()).max(40).default([]),
    route: z.string().trim().max(200).default(''),
    unitOrgId: z.uuid({ message: '请选择巡逻单位' }),
    /** Named people on the shift (网格员, 平安志愿者 …). */
    members: z
      .array(trimmed(2, 40, '请填写人员姓名'))
      .max(30)
      .default([]),
  })
  .refine((s) => s.villageIds.length > 0 || s.route.length >= 2, {
    message: '请选择巡逻村（社区）或填写巡逻路线',
    path: ['route'],
  });

export const newRosterSchema = z.object({
  title: trimmed(2, 80, '请填写排班名称'),
  period: z.enum(rosterPeriods),
  startDate: dateSchema,
  /** The 调度会 decision (a 社会治安联防 joint task) the roster carries out, if any. */
  jointTaskId: z.uuid().nullable().default(null),
  shifts: z.array(newShiftSchema).min(1, '请至少安排一个班次').max(200),
});
export type NewRoster = z.infer<typeof newRosterSchema>;

export const shiftViewSchema = z
  .object({
    id: z.uuid(),
    rosterId: z.uuid(),
    rosterTitle: z.string(),
    rosterOrg: orgRefSchema,
    date: z.string(),
    startsAt: z.iso.datetime(),
    endsAt: z.iso.datetime(),
    villages: z.array(orgRefSchema),
    route: z.string(),
    unit: orgRefSchema,
    members: z.array(z.string()),
    status: z.enum(shiftStatuses),
    statusLabel: z.string(),
    note: z.string().nullable(),
    reportedAt: z.iso.datetime().nullable(),
    allowedOutcomes: z.array(z.enum(shiftOutcomes)),
  })
  .meta({ id: 'PatrolShift' });
export type ShiftView = z.infer<typeof shiftViewSchema>;

export const rosterSummarySchema = z.object({
  id: z.uuid(),
  org: orgRefSchema,
  title: z.string(),
  period: z.enum(rosterPeriods),
  periodLabel: z.string(),
  startDate: z.string(),
  endDate: z.string(),
  jointTask: z.object({ id: z.uuid(), title: z.string() }).nullable(),
  counts: z.record(z.enum(shiftStatuses), z.number().int()),
});
export const rosterPageSchema = pageOf(rosterSummarySchema);
export const rosterViewSchema = rosterSummarySchema
  .extend({ shifts: z.array(shiftViewSchema) })
  .meta({ id: 'PatrolRoster' });
export type RosterView = z.infer<typeof rosterViewSchema>;

export const shiftListQuerySchema = pageQuerySchema.extend({
  /** 'open': scheduled or unreported; 'today': starting today (China); 'all'. */
  scope: z.enum(['open', 'today', 'all']).default('open'),
});
export const shiftPageSchema = pageOf(shiftViewSchema);

export const shiftReportBodySchema = z.object({
  outcome: z.enum(shiftOutcomes),
  note: trimmed(2, 1000, '请写明巡逻情况（至少 2 个字）'),
});

// ── 平安建设 targets ─────────────────────────────────────────────────────────

export const targetYearQuerySchema = z.object({
  year: z.coerce.number().int().min(2020).max(2100).optional(),
});

export const attestationSchema = z.object({
  id: z.uuid(),
  state: z.enum(['attested', 'approved', 'rejected']),
  evidence: z.string(),
  attestedAt: z.iso.datetime(),
  reviewNote: z.string().nullable(),
});

export const targetResultSchema = z.object({
  code: z.string(),
  label: z.string(),
  computed: z.boolean(),
  status: z.enum(targetStatuses),
  statusLabel: z.string(),
  figure: z.string(),
  smallSample: z.boolean(),
  attestation: attestationSchema.nullable(),
  mayAttest: z.boolean(),
  mayReview: z.boolean(),
});

export const villageTargetsSchema = z.object({
  village: orgRefSchema,
  town: orgRefSchema.nullable(),
  status: z.enum(targetStatuses),
  statusLabel: z.string(),
  targets: z.array(targetResultSchema),
});
export type VillageTargets = z.infer<typeof villageTargetsSchema>;

export const safetyTargetsViewSchema = z
  .object({
    year: z.number().int(),
    villages: z.array(villageTargetsSchema),
    summary: z.record(z.enum(targetStatuses), z.number().int()),
  })
  .meta({ id: 'SafetyTargets' });
export type SafetyTargetsView = z.infer<typeof safetyTargetsViewSchema>;

export const targetParamsSchema = z.object({ id: z.uuid(), code: z.string().regex(/^[a-z_]{2,40}$/) });
export const attestBodySchema = z.object({
  year: z.number().int().min(2020).max(2100),
  evidence: trimmed(4, 2000, '请写明佐证情况（至少 4 个字）'),
});
export const reviewBodySchema = z.object({
  approve: z.boolean(),
  note: z.string().trim().max(500).default(''),
});

/** The workbench tile: the unit's open joint tasks and its own patrol shifts today. */
export const safetyTodaySchema = z.object({
  openJointTasks: z.number().int(),
  shiftsToday: z.number().int(),
  openShiftsToday: z.number().int(),
});
