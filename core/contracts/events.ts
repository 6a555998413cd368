import { z } from 'zod';
import { pageQuerySchema } from './common';

export const eventSchema = z
  .object({
    id: z.string(),
    countyCode: z.string(),
    at: z.iso.datetime(),
    actorId: z.uuid().nullable(),
    actorName: z.string().nullable(),
    actorRole: z.string().nullable(),
    actorOrgId: z.uuid().nullable(),
    action: z.string(),
    objectType: z.string(),
    objectId: z.string().nullable(),
    result: z.enum(['ok', 'denied', 'failed']),
    before: z.unknown().nullable(),
    after: z.unknown().nullable(),
    reason: z.string().nullable(),
    requestId: z.string().nullable(),
    ip: z.string().nullable(),
    sealed: z.boolean(),
  })
  .meta({ id: 'Event' });

export const eventListQuerySchema = pageQuerySchema.extend({
  action: z.string().max(64).optional(),
  objectType: z.string().max(32).optional(),
  objectId: z.string().max(64).optional(),
  actorId: z.uuid().optional(),
});

export const chainVerifySchema = z
  .object({
    ok: z.boolean(),
    checked: z.number().int(),
    unsealed: z.number().int(),
    firstBroken: z
      .object({
        countyCode: z.string(),
        chainNo: z.number().int(),
        eventId: z.string().nullable(),
        problem: z.string(),
      })
      .nullable(),
  })
  .meta({ id: 'ChainVerify' });

export type EventView = z.infer<typeof eventSchema>;
export type ChainVerify = z.infer<typeof chainVerifySchema>;
