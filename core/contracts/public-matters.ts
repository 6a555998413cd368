/**
 * The residents' side without an account (/api/public/matters*): the proof that opens a matter (its
 * code, the tracking secret and the applicant's phone), what tracking shows, and the requests for a
 * document or an upload. Nothing personal comes back: no names, phones or ID numbers.
 */
import { z } from 'zod';
import { matterCodePattern, normalizeMatterCode } from '../domain/matters/code';
import { petitionEndingViewSchema } from './matters';

export const trackingProofSchema = z.object({
  /** Typed in any form a resident might: with or without dashes, full-width digits (normalised here). */
  code: z
    .string()
    .trim()
    .max(40)
    .overwrite(normalizeMatterCode)
    .refine((c) => matterCodePattern.test(c), '事项编号格式如 620602-2026-000123'),
  /** Case, spaces and dashes do not matter (the server reads it as core/domain/matters/code does). */
  secret: z.string().trim().min(20, '查询码不完整，请核对').max(40),
  phone: z
    .string()
    .trim()
    .regex(/^1[3-9]\d{9}$/, '请输入 11 位手机号码'),
});
export type TrackingProof = z.infer<typeof trackingProofSchema>;

export const uploadKinds = ['image', 'video', 'pdf'] as const;
export type UploadKind = (typeof uploadKinds)[number];

export const residentDocumentSchema = z.object({
  id: z.uuid(),
  /** A served notice (受理告知书, 答复意见, 信访处理意见书 …) or the effective 调解协议书. */
  kind: z.enum(['notice', 'agreement']),
  title: z.string(),
  at: z.iso.datetime(),
});
export type ResidentDocument = z.infer<typeof residentDocumentSchema>;

export const trackingSchema = z
  .object({
    code: z.string(),
    title: z.string(),
    category: z.string(),
    status: z.string(),
    statusLabel: z.string(),
    holder: z.string(),
    deadlines: z.array(
      z
        .object({
          label: z.string(),
          dueAt: z.string().nullable(),
          remaining: z.string(),
          citation: z.string(),
        })
        .passthrough(),
    ),
    /** What happened, in words a resident uses ("已转至东大街街道综治中心"), oldest first. */
    timeline: z.array(z.object({ at: z.string(), label: z.string(), status: z.string().nullable() })),
    /** The latest written answer (答复意见, 处理意见 …): its words, as served. */
    answer: z
      .object({ title: z.string(), lines: z.array(z.string()), at: z.iso.datetime(), org: z.string() })
      .nullable(),
    /**
     * After a mediation agreement took effect: the 30 days the parties have to apply jointly to the
     * court for judicial confirmation (人民调解法 art. 33), so they know the last day.
     */
    confirmationWindow: z
      .object({
        agreedAt: z.string(),
        dueAt: z.string(),
        open: z.boolean(),
        citation: z.string(),
        /** Set when the last day falls in a year whose holiday arrangement is not published yet. */
        provisionalNote: z.string().nullable(),
      })
      .nullable(),
    /** Documents meant for the resident, to download with the same proof. */
    /** A petition that ended by a mediation agreement or by his withdrawal, in his words, and its document. */
    ending: petitionEndingViewSchema.nullable(),
    documents: z.array(residentDocumentSchema),
    /** What the resident sent (names only; staff see the files). */
    files: z.array(
      z.object({
        id: z.uuid(),
        fileName: z.string(),
        mime: z.string(),
        size: z.number(),
        createdAt: z.string(),
      }),
    ),
    /** Whether more may be sent now (the matter is still being worked) and what kinds. */
    uploads: z.object({
      open: z.boolean(),
      kinds: z.array(z.enum(uploadKinds)),
      remaining: z.number().int(),
    }),
    actions: z.array(z.object({ action: z.string(), label: z.string() })),
  })
  .meta({ id: 'Tracking' });
export type Tracking = z.infer<typeof trackingSchema>;

export const documentRequestSchema = trackingProofSchema.extend({
  kind: z.enum(['notice', 'agreement']),
  id: z.uuid(),
});

export const residentActSchema = trackingProofSchema.extend({
  action: z.enum(['rate', 'request_review', 'request_reexam', 'withdraw']),
  rating: z.enum(['satisfied', 'basically_satisfied', 'unsatisfied']).optional(),
  substantive: z.boolean().optional(),
  reason: z.string().trim().max(2000).optional(),
});
