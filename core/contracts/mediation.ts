import { z } from 'zod';

const text = (max: number) => z.string().trim().min(1).max(max);

export const writtenAgreementSchema = z.strictObject({
  form: z.literal('written'),
  parties: z
    .array(z.strictObject({ partyId: z.uuid(), particulars: text(300) }))
    .min(2, '调解协议须列明至少两方当事人'),
  facts: text(4000),
  issues: text(2000),
  responsibility: text(2000),
  terms: z.array(text(1000)).min(1, '请填写调解协议的内容').max(50),
  performance: z.strictObject({
    manner: text(1000),
    deadline: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '履行期限应为日期，如 2026-03-10'),
  }),
});

export const oralAgreementSchema = z.strictObject({
  form: z.literal('oral'),
  parties: z
    .array(z.strictObject({ partyId: z.uuid(), particulars: z.string().trim().max(300).default('') }))
    .min(2, '调解协议须列明至少两方当事人'),
  oralRecord: text(4000),
  /** 人民调解法 art. 28: the mediator records the oral agreement; here what they note of how it was reached. */
  mediatorNote: z
    .string({ error: '请填写调解员对口头协议的说明' })
    .trim()
    .min(1, '请填写调解员对口头协议的说明')
    .max(2000),
});

export const agreementBodySchema = z.discriminatedUnion('form', [
  writtenAgreementSchema,
  oralAgreementSchema,
]);
export type AgreementBody = z.infer<typeof agreementBodySchema>;

export const signBodySchema = z.strictObject({
  signer: z.enum(['party', 'mediator', 'org']),
  partyId: z.uuid().optional(),
  /** on_screen: drawn on the device; scan: an uploaded scan of the signed paper; seal: the org's e-seal. */
  method: z.enum(['on_screen', 'scan', 'seal']),
  attachmentId: z.uuid().optional(),
});
export type SignBody = z.infer<typeof signBodySchema>;

/** 人民调解法 art. 31–32: the org checks that the agreement is performed. */
export const performanceBodySchema = z.strictObject({
  performance: z.enum(['performed', 'partly', 'not_performed']),
  note: text(1000),
});
export type PerformanceBody = z.infer<typeof performanceBodySchema>;
export const performanceLabels = {
  performed: '已履行',
  partly: '部分履行',
  not_performed: '未履行',
} as const;

export const agreementViewSchema = z.object({
  id: z.string(),
  matterId: z.string(),
  form: z.enum(['written', 'oral']),
  status: z.enum(['draft', 'effective']),
  statusLabel: z.string(),
  content: z.object({
    parties: z.array(
      z.object({ partyId: z.string(), role: z.string(), name: z.string(), particulars: z.string() }),
    ),
    facts: z.string(),
    issues: z.string(),
    responsibility: z.string(),
    terms: z.array(z.string()),
    performance: z.object({ manner: z.string(), deadline: z.string() }),
    oralRecord: z.string().optional(),
    mediatorNote: z.string().optional(),
  }),
  copies: z.number().int(),
  signatures: z.array(
    z.object({
      signer: z.string(),
      label: z.string(),
      method: z.string(),
      signedAt: z.string(),
      attachmentId: z.string().nullable(),
    }),
  ),
  missing: z.array(z.object({ signer: z.string(), label: z.string() })),
  effectiveAt: z.string().nullable(),
  performance: z.object({ status: z.string(), label: z.string(), checkedAt: z.string() }).nullable(),
  performanceDue: z.string().nullable(),
  createdAt: z.string(),
});
export type AgreementView = z.infer<typeof agreementViewSchema>;

export const mediatorViewSchema = z.object({
  userId: z.string(),
  displayName: z.string(),
  org: z.object({ id: z.string(), name: z.string(), kind: z.string() }).nullable(),
  specialties: z.array(z.string()),
  courtRosters: z.array(z.string()),
  rosterNo: z.string().nullable(),
  intro: z.string().nullable(),
});
export type MediatorView = z.infer<typeof mediatorViewSchema>;

export const mediatorProfileBodySchema = z.strictObject({
  specialties: z.array(text(30)).max(20),
  courtRosters: z.array(text(60)).max(10),
  rosterNo: z.string().trim().max(40).optional(),
  intro: z.string().trim().max(500).optional(),
});
export type MediatorProfileBody = z.infer<typeof mediatorProfileBodySchema>;

/** 调解过程记录 (人民调解法 art. 20, 27; 在线调解规则 art. 22): who took part, where, and what both sides accept. */
export const sessionRecordSchema = z.strictObject({
  at: z.iso.datetime({ offset: true }),
  mode: z.enum(['in_person', 'video', 'phone']),
  place: z.string().trim().max(200).optional(),
  participants: z
    .array(
      z.strictObject({
        name: text(50),
        relation: z.enum(['relative', 'neighbour', 'colleague', 'expert', 'organisation', 'other']),
        /** 人民调解法 art. 20: others join only with the parties' consent. */
        partiesConsented: z.literal(true, '邀请其他人员参与调解须征得当事人同意'),
      }),
    )
    .max(30)
    .default([]),
  undisputedFacts: z.array(text(500)).max(50).default([]),
});
export type SessionRecord = z.infer<typeof sessionRecordSchema>;
