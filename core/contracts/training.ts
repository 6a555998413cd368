/**
 * 日常培训: courses with their materials and short test, sessions with attendance, the worker's test
 * and who is due for which course. Rules: core/domain/training, docs/WORKFORCE.md "Training".
 */
import { z } from 'zod';
import { courseKinds, dueRuleBounds } from '../domain/training/course';

const ref = z.object({ id: z.uuid(), name: z.string() });

export const materialSchema = z.object({
  title: z.string().trim().min(1, '请填写材料名称').max(100),
  url: z
    .string()
    .trim()
    .max(500)
    .regex(/^https?:\/\/\S+$/, '材料链接应以 http:// 或 https:// 开头'),
});

export const questionInputSchema = z.object({
  prompt: z.string().trim().min(2, '请填写题目').max(300),
  options: z.array(z.string().trim().min(1, '选项不能为空').max(100)).min(2, '每道题至少两个选项').max(6),
  correct: z.array(z.number().int().min(0)).min(1, '请选出正确选项').max(6),
});

export const newCourseSchema = z
  .object({
    title: z.string().trim().min(2, '请填写课程名称').max(100),
    kind: z.enum(courseKinds),
    summary: z.string().trim().max(1000).default(''),
    materials: z.array(materialSchema).max(20).default([]),
    questions: z.array(questionInputSchema).max(20).default([]),
    passMark: z.number().int().min(0).max(100).default(60),
    withinDays: z.number().int().min(dueRuleBounds.withinDays.min).max(dueRuleBounds.withinDays.max),
    everyMonths: z
      .number()
      .int()
      .min(dueRuleBounds.everyMonths.min)
      .max(dueRuleBounds.everyMonths.max)
      .nullable(),
  })
  .meta({ id: 'NewTrainingCourse' });
export type NewCourse = z.infer<typeof newCourseSchema>;

export const courseSchema = z
  .object({
    id: z.uuid(),
    title: z.string(),
    kind: z.enum(courseKinds),
    summary: z.string(),
    materials: z.array(materialSchema),
    /** How many questions the test has; the questions and answers stay on the server. */
    questionCount: z.number().int(),
    passMark: z.number().int(),
    withinDays: z.number().int(),
    everyMonths: z.number().int().nullable(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'TrainingCourse' });
export type Course = z.infer<typeof courseSchema>;

export const newSessionSchema = z
  .object({
    courseId: z.uuid('请选择课程'),
    orgId: z.uuid('请选择举办单位'),
    heldAt: z.iso.datetime({ offset: true, message: '请填写培训时间' }),
    place: z.string().trim().min(2, '请填写培训地点').max(200),
    trainer: z.string().trim().min(2, '请填写授课人').max(100),
  })
  .meta({ id: 'NewTrainingSession' });
export type NewSession = z.infer<typeof newSessionSchema>;

export const sessionsQuerySchema = z.object({ orgId: z.uuid().optional() });

export const sessionSchema = z
  .object({
    id: z.uuid(),
    course: ref,
    org: ref,
    heldAt: z.iso.datetime(),
    place: z.string(),
    trainer: z.string(),
    present: z.number().int(),
    absent: z.number().int(),
  })
  .meta({ id: 'TrainingSession' });
export type Session = z.infer<typeof sessionSchema>;

export const rollLineSchema = z.object({
  userId: z.uuid(),
  displayName: z.string(),
  org: ref,
  /** null: not recorded yet. */
  present: z.boolean().nullable(),
});

export const sessionDetailSchema = sessionSchema
  .extend({ roll: z.array(rollLineSchema) })
  .meta({ id: 'TrainingSessionDetail' });
export type SessionDetail = z.infer<typeof sessionDetailSchema>;

export const attendanceBodySchema = z
  .object({
    entries: z
      .array(z.object({ userId: z.uuid(), present: z.boolean() }))
      .min(1, '请至少登记一名网格员')
      .max(500),
  })
  .meta({ id: 'TrainingAttendance' });
export type AttendanceBody = z.infer<typeof attendanceBodySchema>;

export const dueQuerySchema = z.object({ orgId: z.uuid().optional() });

export const dueLineSchema = z
  .object({
    worker: ref,
    org: ref,
    course: z.object({ id: z.uuid(), name: z.string(), kind: z.enum(courseKinds) }),
    since: z.iso.datetime(),
    by: z.iso.datetime(),
    overdue: z.boolean(),
  })
  .meta({ id: 'TrainingDue' });
export type DueLine = z.infer<typeof dueLineSchema>;

export const myCourseSchema = courseSchema
  .pick({
    id: true,
    title: true,
    kind: true,
    summary: true,
    materials: true,
    questionCount: true,
    passMark: true,
  })
  .extend({
    due: z.object({ since: z.iso.datetime(), by: z.iso.datetime(), overdue: z.boolean() }).nullable(),
    completedAt: z.iso.datetime().nullable(),
    lastAttempt: z
      .object({ score: z.number().int(), passed: z.boolean(), takenAt: z.iso.datetime() })
      .nullable(),
  });

export const myTrainingSchema = z.object({ courses: z.array(myCourseSchema) }).meta({ id: 'MyTraining' });
export type MyTraining = z.infer<typeof myTrainingSchema>;

export const testViewSchema = z
  .object({
    courseId: z.uuid(),
    title: z.string(),
    passMark: z.number().int(),
    questions: z.array(
      z.object({ id: z.string(), prompt: z.string(), options: z.array(z.string()), multiple: z.boolean() }),
    ),
  })
  .meta({ id: 'TrainingTest' });
export type TestView = z.infer<typeof testViewSchema>;

export const attemptBodySchema = z
  .object({ answers: z.record(z.string().max(40), z.array(z.number().int().min(0)).max(6)) })
  .meta({ id: 'TrainingAnswers' });
export type AttemptBody = z.infer<typeof attemptBodySchema>;

export const attemptResultSchema = z
  .object({
    score: z.number().int(),
    passed: z.boolean(),
    right: z.number().int(),
    total: z.number().int(),
    passMark: z.number().int(),
    /** Prompts of the questions answered wrongly: what to read again. */
    wrong: z.array(z.string()),
  })
  .meta({ id: 'TrainingResult' });
export type AttemptResult = z.infer<typeof attemptResultSchema>;
