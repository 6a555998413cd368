/**
 * The messages exchanged with the court's mediation platform (docs/COURT-API.md). Every schema is
 * strict: a field not agreed with the court makes the message invalid, so nothing else can leave
 * (the outbox checks each payload against these before it is stored and again before it is sent).
 */
import { z } from 'zod';
import { terminationReasons } from '../domain/matters/model';

const text = (max: number) => z.string().trim().min(1).max(max);
const instant = z.iso.datetime({ offset: true });

export const courtPartySchema = z.strictObject({
  role: z.enum(['applicant', 'respondent', 'third_party']),
  name: text(100),
  idType: z.literal('resident_id'),
  idNumber: z.string().regex(/^\d{17}[\dX]$/, '公民身份号码应为 18 位'),
  /** Checked by the org against the ID document (在线调解规则 art. 17). */
  identityVerified: z.literal(true),
  phone: z.string().regex(/^1[3-9]\d{9}$/),
  serviceAddress: text(200),
  electronicServiceAddress: text(200).optional(),
  /** The party signed the 送达地址确认书 (在线调解规则 art. 17). */
  serviceAddressConfirmed: z.literal(true),
});

const orgRef = z.strictObject({ code: text(40), name: text(100) });
const mediatorRef = z.strictObject({ name: text(50), rosterNo: text(40).optional() });

export const litigationReferralSchema = z.strictObject({
  messageType: z.literal('litigation_referral'),
  messageId: z.uuid(),
  countyCode: z.string().regex(/^\d{6}$/),
  matterCode: text(40),
  mediationOrg: orgRef,
  mediator: mediatorRef.nullable(),
  disputeType: z.strictObject({ code: text(20), name: text(50) }),
  summary: text(2000),
  parties: z.array(courtPartySchema).min(2).max(20),
  claims: z.array(text(500)).min(1).max(20),
  evidence: z.array(z.strictObject({ name: text(200), sha256: z.string().regex(/^[0-9a-f]{64}$/) })).max(100),
  mediationRecord: z.strictObject({
    startedAt: instant.nullable(),
    endedAt: instant,
    sessions: z.number().int().min(0),
  }),
  /** 在线调解规则 art. 21–22: the failure report and the confirmed undisputed facts. */
  failureReport: z.strictObject({
    reasonCode: z.enum(terminationReasons),
    reason: text(1000),
    costRaisingConduct: text(1000).optional(),
    notesForCourt: text(1000).optional(),
    undisputedFacts: z.array(text(500)).max(50),
  }),
});
export type LitigationReferral = z.infer<typeof litigationReferralSchema>;

export const confirmationApplicationSchema = z.strictObject({
  messageType: z.literal('confirmation_application'),
  messageId: z.uuid(),
  countyCode: z.string().regex(/^\d{6}$/),
  matterCode: text(40),
  mediationOrg: orgRef,
  mediator: mediatorRef.nullable(),
  parties: z.array(courtPartySchema).min(2).max(20),
  /** 人民调解法 art. 33: both parties apply jointly, within 30 days of the agreement taking effect. */
  jointApplication: z.literal(true),
  agreement: z.strictObject({
    effectiveAt: instant,
    terms: z.array(text(1000)).min(1).max(50),
    performance: text(1000),
  }),
});
export type ConfirmationApplication = z.infer<typeof confirmationApplicationSchema>;

export const mediationResultSchema = z.strictObject({
  messageType: z.literal('mediation_result'),
  messageId: z.uuid(),
  countyCode: z.string().regex(/^\d{6}$/),
  courtCaseNo: text(60),
  matterCode: text(40),
  outcome: z.enum(['agreement', 'failed']),
  reasonCode: z.enum(terminationReasons),
  reason: text(1000),
  concludedAt: instant,
});
export type MediationResult = z.infer<typeof mediationResultSchema>;

export const outboundSchemas = {
  litigation_referral: litigationReferralSchema,
  confirmation_application: confirmationApplicationSchema,
  mediation_result: mediationResultSchema,
} as const;
export type OutboundKind = keyof typeof outboundSchemas;
/** The court platform's path for each kind; the host is configuration, never data. */
export const outboundPaths: Record<OutboundKind, string> = {
  litigation_referral: '/api/v1/litigation-referrals',
  confirmation_application: '/api/v1/confirmation-applications',
  mediation_result: '/api/v1/mediation-results',
};

// Inbound: what the court sends us.

export const mediationRequestSchema = z.strictObject({
  messageType: z.literal('mediation_request'),
  courtName: text(100),
  courtCaseNo: text(60),
  /** 委托: entrusted after filing (15 or 7 days, +30 by consent); 委派: delegated before filing (30 days). */
  type: z.enum(['entrusted', 'delegated']),
  procedure: z.enum(['ordinary', 'simplified']).optional(),
  countyCode: z.string().regex(/^\d{6}$/),
  /** The org here (its division code or id) the court chose from its roster. */
  orgCode: text(40),
  disputeType: text(50),
  summary: text(2000),
  parties: z
    .array(
      z.strictObject({
        role: z.enum(['applicant', 'respondent', 'third_party']),
        name: text(100),
        phone: z.string().regex(/^1[3-9]\d{9}$/),
      }),
    )
    .min(2)
    .max(20),
});
export type MediationRequest = z.infer<typeof mediationRequestSchema>;

export const confirmationRulingSchema = z.strictObject({
  messageType: z.literal('confirmation_ruling'),
  countyCode: z.string().regex(/^\d{6}$/),
  applicationId: z.uuid(),
  courtName: text(100),
  courtCaseNo: text(60),
  result: z.enum(['confirmed', 'rejected']),
  reason: text(1000).optional(),
  ruledAt: instant,
});
export type ConfirmationRuling = z.infer<typeof confirmationRulingSchema>;

export const caseRegistrationSchema = z.strictObject({
  messageType: z.literal('case_registration'),
  countyCode: z.string().regex(/^\d{6}$/),
  referralId: z.uuid(),
  courtName: text(100),
  courtCaseNo: text(60),
  registeredAt: instant,
});
export type CaseRegistration = z.infer<typeof caseRegistrationSchema>;

export const inboundAckSchema = z.object({
  received: z.literal(true),
  reference: z.string(),
  duplicate: z.boolean(),
});

// Staff-facing.

export const referralInputSchema = z.strictObject({
  claims: z.array(text(500)).min(1).max(20),
  undisputedFacts: z.array(text(500)).max(50).default([]),
  reason: text(1000),
  costRaisingConduct: text(1000).optional(),
  notesForCourt: text(1000).optional(),
  parties: z
    .array(
      z.strictObject({
        partyId: z.uuid(),
        serviceAddress: text(200),
        electronicServiceAddress: text(200).optional(),
        serviceAddressConfirmed: z.literal(true, '当事人须签署送达地址确认书'),
        identityVerified: z.literal(true, '须核验当事人身份证件'),
      }),
    )
    .min(1),
});
export type ReferralInput = z.infer<typeof referralInputSchema>;

export const confirmationInputSchema = z.strictObject({
  jointApplication: z.literal(true, '司法确认须由双方当事人共同申请'),
  terms: z.array(text(1000)).min(1).max(50),
  performance: text(1000),
  parties: referralInputSchema.shape.parties,
});
export type ConfirmationInput = z.infer<typeof confirmationInputSchema>;

export const courtCaseViewSchema = z.object({
  id: z.string(),
  kind: z.string(),
  kindLabel: z.string(),
  status: z.string(),
  statusLabel: z.string(),
  courtName: z.string().nullable(),
  courtCaseNo: z.string().nullable(),
  answer: z.unknown().nullable(),
  windowDue: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  delivery: z
    .object({
      status: z.string(),
      attempts: z.number(),
      lastError: z.string().nullable(),
      deliveredAt: z.string().nullable(),
    })
    .nullable(),
});
export type CourtCaseView = z.infer<typeof courtCaseViewSchema>;
