/**
 * The grid worker's kit (网格员工作台): home, reports (上报) and patrol/visit logs (巡查/走访). Every
 * write carries an id the phone made, so a report queued offline and sent twice is one matter, and a
 * log sent twice is one row.
 */
import { z } from 'zod';
import { consentMethods, fieldLogKinds } from '../domain/field/labels';
import { matterStatuses } from '../domain/matters/model';
import { matterSummarySchema, partyInputSchema, placeInputSchema } from './matters';

export {
  consentMethodLabels,
  consentMethods,
  type FieldLogKind,
  fieldLogKindLabels,
  fieldLogKinds,
} from '../domain/field/labels';

const clientIdSchema = z.uuid('记录编号应为手机生成的 UUID');

export const fieldReportBodySchema = z
  .object({
    clientId: clientIdSchema,
    /** When the worker pressed 上报 on the phone (it may reach the server hours later). */
    madeAt: z.iso.datetime({ offset: true }),
    categoryCode: z.string().min(3).max(20),
    title: z.string().trim().min(2, '请填写事件标题').max(80),
    description: z.string().trim().min(5, '请把事情经过写清楚（至少 5 个字）').max(5000),
    urgent: z.boolean().optional(),
    place: placeInputSchema,
    parties: z.array(partyInputSchema).min(1, '至少填写一位当事人').max(50),
    /** 就地化解: the worker solved it on the spot; how. */
    solvedOnSpot: z.string().trim().min(5, '请写明就地化解的做法（至少 5 个字）').max(2000).optional(),
    /**
     * The org the worker belonged to when the report was made on the phone. The server refuses it
     * when the worker has since been moved (docs/SECURITY.md G18: the server's word wins on jurisdiction).
     */
    madeInOrgId: z.uuid().optional(),
    /** Assisted intake for a resident without a smartphone: their consent, recorded. */
    assisted: z
      .object({
        consent: z.literal(true, '代为登记须征得本人同意'),
        method: z.enum(consentMethods),
      })
      .optional(),
  })
  .meta({ id: 'NewFieldReport' });

export const fieldReportResultSchema = z
  .object({
    clientId: z.uuid(),
    matter: z.object({
      id: z.uuid(),
      code: z.string(),
      title: z.string(),
      status: z.enum(matterStatuses),
    }),
    solvedOnSpot: z.boolean(),
    /** Set when the matter was registered but 就地化解 was refused (the server's word wins). */
    onSpotRefusal: z.string().nullable(),
  })
  .meta({ id: 'FieldReportResult' });

export const fieldLogBodySchema = z
  .object({
    id: clientIdSchema,
    kind: z.enum(fieldLogKinds),
    happenedAt: z.iso.datetime({ offset: true }),
    lng: z.number().min(-180).max(180).optional(),
    lat: z.number().min(-90).max(90).optional(),
    address: z.string().trim().max(200).optional(),
    note: z.string().trim().min(2, '请填写记录内容（至少 2 个字）').max(2000),
    /** A note about a matter the worker holds. */
    matterId: z.uuid().optional(),
    /** The org the worker belonged to when the log was written (see NewFieldReport.madeInOrgId). */
    madeInOrgId: z.uuid().optional(),
  })
  .meta({ id: 'NewFieldLog' });

export const fieldLogSchema = z
  .object({
    id: z.uuid(),
    kind: z.enum(fieldLogKinds),
    happenedAt: z.iso.datetime(),
    receivedAt: z.iso.datetime(),
    lng: z.number().nullable(),
    lat: z.number().nullable(),
    address: z.string().nullable(),
    grid: z.object({ id: z.uuid(), name: z.string() }).nullable(),
    note: z.string(),
    matterId: z.uuid().nullable(),
  })
  .meta({ id: 'FieldLog' });

export const fieldLogListQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const fieldHomeSchema = z
  .object({
    worker: z.object({
      userId: z.uuid(),
      displayName: z.string(),
      org: z.object({ id: z.uuid(), name: z.string() }),
    }),
    grids: z.array(z.object({ id: z.uuid(), code: z.string(), name: z.string() })),
    /** Open matters of the worker's org, the nearest deadline first. */
    tasks: z.array(matterSummarySchema),
    today: z.object({ patrols: z.number().int(), visits: z.number().int() }),
    serverTime: z.iso.datetime(),
  })
  .meta({ id: 'FieldHome' });

export type FieldReportBody = z.infer<typeof fieldReportBodySchema>;
export type FieldReportResult = z.infer<typeof fieldReportResultSchema>;
export type FieldLogBody = z.infer<typeof fieldLogBodySchema>;
export type FieldLog = z.infer<typeof fieldLogSchema>;
export type FieldHome = z.infer<typeof fieldHomeSchema>;
