import { z } from 'zod';
import { coordSystems } from '../domain/geo/gcj02';
import { matterActions } from '../domain/matters/commands';
import { factsVerdicts } from '../domain/matters/finality';
import {
  channels,
  matterKinds,
  matterResolvedAnswers,
  matterStatuses,
  petitionEndings,
  riskGrades,
} from '../domain/matters/model';
import { pageQuerySchema } from './common';
import { sessionRecordSchema } from './mediation';
import { orgRefSchema } from './orgs';

const phoneSchema = z.string().regex(/^1[3-9]\d{9}$/, '请输入 11 位手机号码');
/** 18-digit resident ID (GB 11643); the check digit is verified by the server. */
const idNumberSchema = z.string().regex(/^\d{17}[\dXx]$/, '请输入 18 位身份证号码');

export const partyInputSchema = z.object({
  role: z.enum(['applicant', 'respondent', 'other']),
  name: z.string().trim().min(1, '请填写姓名或名称').max(60),
  phone: phoneSchema.optional(),
  idNumber: idNumberSchema.optional(),
  address: z.string().trim().max(200).optional(),
  representative: z.boolean().optional(),
});

/**
 * Staff correcting a party after intake (a name misheard, a phone added later). Only the fields sent
 * change; `null` clears an optional one.
 */
export const partyCorrectionSchema = z
  .object({
    role: z.enum(['applicant', 'respondent', 'other']).optional(),
    name: z.string().trim().min(1, '请填写姓名或名称').max(60).optional(),
    phone: phoneSchema.nullable().optional(),
    idNumber: idNumberSchema.nullable().optional(),
    address: z.string().trim().max(200).nullable().optional(),
    representative: z.boolean().optional(),
  })
  .refine((b) => Object.values(b).some((v) => v !== undefined), '请填写要更正的内容');

export const placeInputSchema = z.object({
  address: z.string().trim().max(200).optional(),
  lng: z.number().min(-180).max(180).optional(),
  lat: z.number().min(-90).max(90).optional(),
  /**
   * The datum of lng/lat: WGS-84 (GPS, the default) or GCJ-02 (what phones' AMap/Tencent SDKs give);
   * a GCJ-02 point is converted to WGS-84 on intake and the matter records that it was.
   */
  coordSystem: z.enum(coordSystems).optional(),
  /** When there is no point: the village the matter is about. */
  villageId: z.uuid().optional(),
});

export const intakeBodySchema = z.object({
  kind: z.enum(matterKinds),
  channel: z.enum(channels),
  categoryCode: z.string().min(3).max(20),
  serviceCode: z.string().max(20).optional(),
  title: z.string().trim().min(2, '请填写事项标题').max(80),
  description: z.string().trim().min(5, '请把事情经过写清楚（至少 5 个字）').max(5000),
  riskGrade: z.enum(riskGrades).optional(),
  urgent: z.boolean().optional(),
  place: placeInputSchema,
  parties: z.array(partyInputSchema).min(1, '至少填写一位当事人').max(200),
  /** Headcount when more people came than are listed (集体访). */
  applicantCount: z.number().int().min(1).max(10000).optional(),
  /** The org the petition complains about: it never sees the petitioner (信访工作条例 art. 46(5)). */
  complainedOrgId: z.uuid().optional(),
  /**
   * 收到之日, when earlier than registration (信访工作条例 art. 22–23 count from it): staff only, with its
   * evidence (postmark, transfer slip).
   */
  receivedAt: z.iso.datetime().optional(),
  receiptEvidence: z.string().trim().min(2, '请写明收到日期的依据（如邮戳、转送单）').max(200).optional(),
});

export const deadlineViewSchema = z
  .object({
    id: z.uuid(),
    basis: z.string(),
    label: z.string(),
    citation: z.string(),
    org: z.object({ id: z.uuid(), name: z.string() }),
    startedAt: z.iso.datetime(),
    dueAt: z.iso.datetime().nullable(),
    status: z.enum(['running', 'paused', 'met', 'missed', 'stopped']),
    state: z.enum(['running', 'due_soon', 'overdue', 'paused', 'done']),
    remaining: z.string(),
    explanation: z.string(),
    /** Set while the date is provisional (暂定): why, in the words the explanation uses. */
    provisionalNote: z.string().nullable(),
  })
  .meta({ id: 'Deadline' });

export const matterSummarySchema = z
  .object({
    id: z.uuid(),
    code: z.string(),
    kind: z.enum(matterKinds),
    channel: z.enum(channels),
    categoryCode: z.string(),
    categoryName: z.string(),
    title: z.string(),
    status: z.enum(matterStatuses),
    riskGrade: z.enum(riskGrades),
    urgent: z.boolean(),
    collective: z.boolean(),
    owner: orgRefSchema,
    pendingOrg: orgRefSchema.nullable(),
    town: z.string().nullable(),
    village: z.string().nullable(),
    nextDue: deadlineViewSchema.nullable(),
    supervised: z.boolean(),
    createdAt: z.iso.datetime(),
    version: z.number().int(),
  })
  .meta({ id: 'MatterSummary' });

export const partyViewSchema = z
  .object({
    id: z.uuid(),
    role: z.enum(['applicant', 'respondent', 'other']),
    name: z.string(),
    phone: z.string().nullable(),
    idNumber: z.string().nullable(),
    address: z.string().nullable(),
    representative: z.boolean(),
    masked: z.boolean(),
  })
  .meta({ id: 'Party' });

export const timelineEntrySchema = z.object({
  at: z.iso.datetime(),
  action: z.string(),
  label: z.string(),
  /** Who took the step, or 系统 for a step the platform took by itself (a deadline, a sweep). */
  actorName: z.string(),
  /** The org the step was taken by or for. */
  org: z.string().nullable(),
  from: z.string().nullable(),
  to: z.string().nullable(),
  reason: z.string().nullable(),
  /** What the step recorded, in words (the follow-up's 事结 and 心结); null for most steps. */
  detail: z.string().nullable(),
});

export const allowedActionSchema = z.object({
  action: z.enum(matterActions),
  label: z.string(),
  needsReason: z.boolean(),
});

/** How a petition ended other than by an opinion, and the document that ends it (null id: not on file). */
export const petitionEndingViewSchema = z.object({
  kind: z.enum(petitionEndings),
  label: z.string(),
  words: z.string(),
  documentTitle: z.string(),
  documentKind: z.enum(['agreement', 'notice']),
  documentId: z.uuid().nullable(),
});
export type PetitionEndingView = z.infer<typeof petitionEndingViewSchema>;

export const matterDetailSchema = matterSummarySchema
  .extend({
    description: z.string(),
    address: z.string().nullable(),
    lng: z.number().nullable(),
    lat: z.number().nullable(),
    /** 'gcj02': lng/lat were given in GCJ-02 and are shown converted to WGS-84. */
    coordConvertedFrom: z.enum(['gcj02']).nullable(),
    grid: z.string().nullable(),
    parties: z.array(partyViewSchema),
    identityProtected: z.boolean(),
    /** Whether this reader may ask for the parties in full (audited): named roles of the owning org. */
    viewerMayUnmask: z.boolean(),
    applicantCount: z.number().int(),
    routing: z.object({ ruleId: z.string().nullable(), reason: z.string().nullable() }),
    deadlines: z.array(deadlineViewSchema),
    timeline: z.array(timelineEntrySchema),
    allowedActions: z.array(allowedActionSchema),
    /**
     * The recommended next step (core/domain/matters/next-steps.ts): `action` when this viewer can take
     * it (the primary button), else `waiting` says why the expected step is not available now.
     */
    nextStep: z.object({
      action: z.enum(matterActions).nullable(),
      waiting: z.object({ label: z.string(), reason: z.string() }).nullable(),
    }),
    notices: z.array(
      z.object({ id: z.uuid(), kind: z.string(), title: z.string(), servedAt: z.iso.datetime() }),
    ),
    coHandlers: z.array(z.object({ org: orgRefSchema, status: z.enum(['working', 'reported', 'released']) })),
    petitionStage: z.string().nullable(),
    /** 收到之日 and registration apart (信访工作条例 art. 22–23 count from receipt), with its evidence. */
    receipt: z.object({
      receivedAt: z.iso.datetime(),
      registeredAt: z.iso.datetime(),
      evidence: z.string().nullable(),
    }),
    /** A 复查/复核 request handed to a body outside this install (the city), awaiting its answer. */
    externalBody: z
      .object({ name: z.string(), for: z.enum(['review', 'reexam']), sentAt: z.iso.datetime() })
      .nullable(),
    /** A petition that ended by a mediation agreement or by the petitioner's withdrawal (core/domain/matters/ending.ts). */
    ending: petitionEndingViewSchema.nullable(),
    reworkCount: z.number().int(),
    archiveNo: z.string().nullable(),
  })
  .meta({ id: 'MatterDetail' });

export const intakeResultSchema = z
  .object({
    matter: matterDetailSchema,
    /** Shown once to the resident, never stored in clear: with the code and their phone it opens tracking. */
    trackingSecret: z.string().nullable(),
    duplicates: z.array(
      z.object({
        id: z.uuid(),
        code: z.string(),
        title: z.string(),
        status: z.string(),
        reasons: z.array(z.string()),
      }),
    ),
  })
  .meta({ id: 'IntakeResult' });

export const attachmentViewSchema = z
  .object({
    id: z.uuid(),
    fileName: z.string(),
    mime: z.string(),
    size: z.number().int(),
    createdAt: z.iso.datetime(),
    /** 'resident': sent with the code and tracking secret; 'staff': by a signed-in account. */
    origin: z.enum(['staff', 'resident']),
    /** Who sent it, in words (a staff member's name, or 群众提交). */
    uploader: z.string().nullable(),
    /** An image: GET …/thumbnail gives a small JPEG to show inline. */
    thumbnail: z.boolean(),
  })
  .meta({ id: 'Attachment' });

export const matterQueues = [
  'all',
  'mine',
  'org',
  'incoming',
  'due_today',
  'due_soon',
  'overdue',
  'supervised',
  'awaiting_rating',
  'awaiting_visit',
  'awaiting_seal',
] as const;

/** How many matters each queue holds for the viewer (the tabs' and the workbench home's counts). */
export const queueCountsSchema = z.record(z.enum(matterQueues), z.number().int()).meta({ id: 'QueueCounts' });

export const matterListQuerySchema = pageQuerySchema.extend({
  queue: z.enum(matterQueues).default('all'),
  q: z.string().trim().max(50).optional(),
  kind: z.enum(matterKinds).optional(),
  status: z.enum(matterStatuses).optional(),
  /** One grid's matters (the dashboard's density map opens them); still only those the viewer sees. */
  gridId: z.uuid().optional(),
});

/** One lifecycle command; org-valued inputs are given by id and resolved by the server. */
export const actionBodySchema = z
  .object({
    action: z.enum(matterActions),
    reason: z.string().trim().max(2000).optional(),
    /** The version the person saw: a stale one answers 409 naming who changed the matter meanwhile. */
    expectedVersion: z.number().int().optional(),
    toOrgId: z.uuid().optional(),
    orgId: z.uuid().optional(),
    /**
     * The clerk has read the warning that the receiving org is the one the matter complains about
     * (信访工作条例 art. 46(5)) and sends it there all the same.
     */
    confirmComplainedOrg: z.boolean().optional(),
    transferKind: z.enum(['dispatch_down', 'escalate_up', 'to_department']).optional(),
    route: z.string().max(30).optional(),
    intoCode: z.string().max(30).optional(),
    toKind: z.enum(['petition', 'dispute', 'consultation', 'request']).optional(),
    upheld: z.boolean().optional(),
    days: z.number().int().min(1).max(90).optional(),
    outcome: z.enum(['support', 'explain', 'not_support']).optional(),
    legalBasis: z.string().trim().max(500).optional(),
    initiative: z.enum(['application', 'own_initiative']).optional(),
    consentRenewed: z.boolean().optional(),
    /** 访调: the petitioner's consent to mediation, how and on which day (信访工作条例 art. 33). */
    consent: z
      .object({ channel: z.enum(['walk_in', 'letter', 'phone', 'online']), on: z.iso.date() })
      .optional(),
    mediatorId: z.string().max(64).optional(),
    chosenBy: z.enum(['org', 'parties']).optional(),
    conflictOfInterest: z.boolean().optional(),
    allPartiesConsent: z.boolean().optional(),
    form: z.enum(['written', 'oral']).optional(),
    terminationReason: z.string().max(40).optional(),
    rating: z.enum(['satisfied', 'basically_satisfied', 'unsatisfied']).optional(),
    substantive: z.boolean().optional(),
    /**
     * How the resident said it when staff record it for him: a rating (phone, visit) or a petition's
     * withdrawal (walk_in, letter, phone); the lifecycle checks which fit the action.
     */
    channel: z.enum(['phone', 'visit', 'walk_in', 'letter']).optional(),
    /** 事心双结 at the follow-up visit: is the matter solved in the resident's view, is his grievance settled. */
    matterResolved: z.enum(matterResolvedAnswers).optional(),
    heartResolved: z.boolean().optional(),
    /** What shows a withdrawal staff record for the petitioner (his signed request, the call's record). */
    evidence: z.string().trim().max(500).optional(),
    archiveNo: z.string().trim().max(60).optional(),
    session: sessionRecordSchema.optional(),
    /** Accepting or refusing the petition of someone with a final one: same facts, or new (art. 36(3)). */
    factsCheck: z
      .object({
        verdict: z.enum(factsVerdicts),
        reason: z.string().trim().min(2, '请写明判断的理由').max(500),
      })
      .optional(),
  })
  .meta({ id: 'MatterAction' });

export const supervisionBodySchema = z.object({
  reason: z.enum(['not_accepted_when_due', 'not_handled_when_due', 'unlawful', 'overdue']),
  note: z.string().trim().min(2).max(1000),
});

export type IntakeBody = z.infer<typeof intakeBodySchema>;
export type AttachmentView = z.infer<typeof attachmentViewSchema>;
export type PartyInput = z.infer<typeof partyInputSchema>;
export type PartyCorrection = z.infer<typeof partyCorrectionSchema>;
export type MatterSummary = z.infer<typeof matterSummarySchema>;
export type MatterDetail = z.infer<typeof matterDetailSchema>;
export type ActionBody = z.infer<typeof actionBodySchema>;
export type DeadlineView = z.infer<typeof deadlineViewSchema>;

/**
 * Search by a party's phone or ID number (docs/SECURITY.md G6): sent in the body, never in a URL, and
 * matched through the keyed hash, never the stored value.
 */
export const identityTermPattern = /^(1[3-9]\d{9}|\d{17}[\dX])$/;

/** A search box's text as an identity term (spaces and dashes dropped, x upper-cased), or null. */
export function identityTermOf(text: string): string | null {
  const t = text.trim().replace(/[\s-]/g, '').toUpperCase();
  return identityTermPattern.test(t) ? t : null;
}

export const identitySearchBodySchema = z.object({
  term: z
    .string()
    .trim()
    .transform((v) => v.replace(/[\s-]/g, '').toUpperCase())
    .pipe(z.string().regex(identityTermPattern, '请输入 11 位手机号码或 18 位身份证号码')),
});
export type IdentitySearchBody = z.infer<typeof identitySearchBodySchema>;
