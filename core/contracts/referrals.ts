/** 转介服务 (core/domain/referrals): referrals from a matter to legal aid, counselling, relief, help and mediation. */
import { z } from 'zod';
import { outcomeCodes, serviceKinds } from '../domain/referrals/model';
import { referralActions, referralStatuses } from '../domain/referrals/referral.transitions';
import { pageOf, pageQuerySchema } from './common';
import { orgRefSchema } from './orgs';

const trimmed = (min: number, max: number, message: string) => z.string().trim().min(min, message).max(max);

export const newReferralSchema = z.object({
  kind: z.enum(serviceKinds, { message: '请选择服务类别' }),
  providerOrgId: z.uuid({ message: '请选择服务机构' }),
  /** The party referred (a party of the matter); null when the referral is for the matter as a whole. */
  partyId: z.uuid().nullable().default(null),
  eligibilityBasis: trimmed(1, 40, '请选择申请依据'),
  eligibilityNote: z.string().trim().max(500).default(''),
  reason: trimmed(4, 500, '请写明转介理由（至少 4 个字）'),
});
export type NewReferral = z.infer<typeof newReferralSchema>;

export const referralActionBodySchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('accept') }),
  z.object({ action: z.literal('decline'), reason: trimmed(4, 500, '请写明不予受理的理由（至少 4 个字）') }),
  z.object({ action: z.literal('assign'), assignee: trimmed(2, 60, '请填写承办律师或援助人员') }),
  z.object({
    action: z.literal('schedule'),
    appointmentAt: z.iso.datetime({ offset: true, message: '请选择预约时间' }),
  }),
  z.object({
    action: z.literal('record_session'),
    heldAt: z.iso.datetime({ offset: true, message: '请选择面谈时间' }),
    attended: z.boolean(),
    /** Confidential: read only inside the provider org. */
    note: z.string().trim().max(2000).default(''),
  }),
  z.object({
    action: z.literal('conclude'),
    outcome: z.enum(outcomeCodes, { message: '请选择办理结果' }),
    note: trimmed(4, 1000, '请写明办理结果（至少 4 个字）'),
    /** 司法救助、困难帮扶: the amount granted, in yuan. */
    amountYuan: z.number().int().min(0).max(10_000_000).nullable().default(null),
    aidInKind: z.string().trim().max(200).nullable().default(null),
  }),
  z.object({ action: z.literal('withdraw'), reason: trimmed(4, 500, '请写明撤回理由（至少 4 个字）') }),
]);
export type ReferralActionBody = z.infer<typeof referralActionBodySchema>;

export const referralSessionSchema = z.object({
  heldAt: z.iso.datetime(),
  attended: z.boolean(),
  /** null unless the viewer is in the provider org: the content of counselling is confidential. */
  note: z.string().nullable(),
});

export const referralViewSchema = z
  .object({
    id: z.uuid(),
    matterId: z.uuid(),
    matterCode: z.string(),
    partyId: z.uuid().nullable(),
    kind: z.enum(serviceKinds),
    kindLabel: z.string(),
    referrer: orgRefSchema,
    provider: orgRefSchema,
    status: z.enum(referralStatuses),
    statusLabel: z.string(),
    eligibilityBasis: z.string(),
    eligibilityLabel: z.string(),
    eligibilityNote: z.string(),
    reason: z.string(),
    dueAt: z.iso.datetime(),
    /** Open past its due instant (the county's local policy for this service). */
    overdue: z.boolean(),
    ruleLabel: z.string(),
    assignee: z.string().nullable(),
    appointmentAt: z.iso.datetime().nullable(),
    sessions: z.array(referralSessionSchema),
    outcome: z.enum(outcomeCodes).nullable(),
    outcomeLabel: z.string().nullable(),
    outcomeNote: z.string().nullable(),
    /** Personal data: null unless the viewer is in the provider org or the org that owns the matter. */
    amountYuan: z.number().int().nullable(),
    aidInKind: z.string().nullable(),
    amountHidden: z.boolean(),
    notesHidden: z.boolean(),
    concludedAt: z.iso.datetime().nullable(),
    createdAt: z.iso.datetime(),
    allowedActions: z.array(z.enum(referralActions)),
  })
  .meta({ id: 'Referral' });
export type ReferralView = z.infer<typeof referralViewSchema>;

export const matterReferralsSchema = z.object({
  items: z.array(referralViewSchema),
  /** The viewer may refer this matter's parties (referral.create, and the matter is his org's). */
  mayRefer: z.boolean(),
});

export const providerOptionsQuerySchema = z.object({ kind: z.enum(serviceKinds) });
export const providerOptionsSchema = z.object({
  items: z.array(orgRefSchema),
  eligibility: z.array(z.object({ basis: z.string(), label: z.string() })),
  outcomes: z.array(z.object({ code: z.enum(outcomeCodes), label: z.string() })),
});

export const referralQueueQuerySchema = pageQuerySchema.extend({
  status: z.enum(['open', 'closed', 'all']).default('open'),
});
export type ReferralQueueQuery = z.infer<typeof referralQueueQuerySchema>;
export const referralPageSchema = pageOf(referralViewSchema);

/** The county's designation of providers per service (config document 'referral_providers'). */
const providersByService = z.object(
  Object.fromEntries(serviceKinds.map((k) => [k, z.array(z.uuid()).max(50)])) as Record<
    (typeof serviceKinds)[number],
    z.ZodArray<z.ZodUUID>
  >,
);
export const serviceProvidersViewSchema = z
  .object({
    version: z.number().int(),
    isDefault: z.boolean(),
    providers: providersByService,
    /** Per service, the orgs that may be chosen (active, of a kind the service allows). */
    candidates: z.object(
      Object.fromEntries(serviceKinds.map((k) => [k, z.array(orgRefSchema)])) as Record<
        (typeof serviceKinds)[number],
        z.ZodArray<typeof orgRefSchema>
      >,
    ),
  })
  .meta({ id: 'ServiceProviders' });
export type ServiceProvidersView = z.infer<typeof serviceProvidersViewSchema>;
export const saveServiceProvidersBodySchema = z.object({
  baseVersion: z.number().int().min(0),
  providers: providersByService,
});
export type SaveServiceProvidersBody = z.infer<typeof saveServiceProvidersBodySchema>;
