/**
 * The towns' own residents' entries (掌上四坝 …): the administrator's document and what a resident's
 * phone reads at `/t/<slug>`. Cross-entry rules (unique addresses, places of the county) are in
 * core/domain/portals/town-portal.ts; these schemas check each field.
 */
import { z } from 'zod';
import { MAX_NOTICES, MAX_PORTALS } from '../domain/portals/town-portal';
import { serviceItemSchema, versionEntrySchema } from './catalog';

const text = (max: number, what: string) =>
  z.string().trim().min(1, `请填写${what}`).max(max, `${what}不能超过 ${max} 个字`);

export const townPortalNoticeSchema = z.object({
  title: text(60, '通知标题'),
  body: text(2000, '通知内容'),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式如 2026-12-01'),
});

export const townPortalSchema = z
  .object({
    slug: text(20, '网址名'),
    divisionCode: z.string().regex(/^\d{9}(\d{3})?$/, '请选择镇（街道）或村（社区）'),
    title: text(20, '入口名称'),
    intro: z.string().trim().max(200, '简介不能超过 200 个字'),
    serviceCodes: z.array(z.string()).max(100),
    notices: z.array(townPortalNoticeSchema).max(MAX_NOTICES, `最多 ${MAX_NOTICES} 条通知`),
    active: z.boolean(),
  })
  .meta({ id: 'TownPortal' });

export const townPortalsSchema = z
  .object({
    version: z.number().int(),
    isDefault: z.boolean(),
    portals: z.array(
      townPortalSchema.extend({
        /** The place's name today, for the administrator's list. */
        placeName: z.string().nullable(),
      }),
    ),
    history: z.array(versionEntrySchema),
    /** The towns and villages an entry can belong to, towns first. */
    places: z.array(
      z.object({
        divisionCode: z.string(),
        name: z.string(),
        level: z.enum(['town', 'village']),
        town: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: 'TownPortals' });

export const saveTownPortalsBodySchema = z.object({
  baseVersion: z.number().int(),
  portals: z.array(townPortalSchema).max(MAX_PORTALS),
});

/** What a resident's phone reads: nothing personal, nothing internal. */
export const publicTownPortalSchema = z
  .object({
    countyCode: z.string(),
    slug: z.string(),
    title: z.string(),
    intro: z.string(),
    place: z.object({
      name: z.string(),
      /** 四坝镇综治中心 */
      centerName: z.string(),
      /** How residents reach the center (phone, address) as the org set it. */
      contact: z.string().nullable(),
    }),
    services: z.array(serviceItemSchema),
    notices: z.array(townPortalNoticeSchema),
  })
  .meta({ id: 'PublicTownPortal' });

export const townPortalParamsSchema = z.object({ slug: z.string().min(1).max(40) });

export type TownPortalsDoc = z.infer<typeof townPortalsSchema>;
export type SaveTownPortalsBody = z.infer<typeof saveTownPortalsBodySchema>;
export type PublicTownPortal = z.infer<typeof publicTownPortalSchema>;
export type TownPortalInput = z.infer<typeof townPortalSchema>;
