/**
 * The county's editable catalog (事项类别 and 服务事项目录) and notice templates (通知模板), versioned like
 * the routing rules. The server checks the cross-item rules (codes unique, links that exist) in
 * core/domain/catalog/county-catalog.ts; these schemas check each field.
 */
import { z } from 'zod';
import { categoryGroups, evidenceKinds } from '../domain/catalog/categories';
import { matterKinds, riskGrades } from '../domain/matters/model';
import { noticeTemplateCodes } from '../domain/notices/notice-templates';

const levelSchema = z.enum(['village', 'town', 'district']);
const text = (max: number, what: string) =>
  z.string().trim().min(1, `请填写${what}`).max(max, `${what}不能超过 ${max} 个字`);

/** New codes follow the shipped pattern (MED-18, GRID-07, SVC-20…); old ones are kept as they are. */
const categoryCodeSchema = z
  .string()
  .trim()
  .regex(/^(MED|PET|GRID)-\d{2}(-\d{2})?$/, '类别编码格式如 MED-18、MED-01-05、GRID-07');
const serviceCodeSchema = z
  .string()
  .trim()
  .regex(/^SVC-\d{2,3}$/, '服务事项编码格式如 SVC-20');

const channelTargetSchema = z.object({
  route: z.enum(['litigation', 'arbitration', 'party_appeal', 'administrative', 'legal_duty']),
  clause: z.string(),
  name: z.string(),
  procedures: z.array(z.string()),
  handlerHint: z.string(),
});

export const categorySchema = z
  .object({
    code: categoryCodeSchema,
    name: text(30, '类别名称'),
    group: z.enum(categoryGroups),
    parentCode: categoryCodeSchema.optional(),
    kinds: z.array(z.enum(matterKinds)).min(1, '至少选择一种适用的事项类型'),
    riskHint: z.enum(riskGrades),
    labourDispute: z.boolean(),
    confirmable: z.boolean(),
    confirmableNote: z.string().trim().max(500).optional(),
    // The petition-only fields are kept as shipped (信访工作条例 art. 30, 31); the console does not edit them.
    channelTo: z.array(channelTargetSchema).optional(),
    protectPetitioner: z.boolean().optional(),
    becomes: z.enum(matterKinds).optional(),
    /** Besides photos, what residents may attach online (a short video, a PDF of papers). */
    evidence: z.array(z.enum(evidenceKinds)).max(2).optional(),
    source: text(200, '来源或依据'),
    retired: z.boolean().optional(),
  })
  .meta({ id: 'Category' });

export const serviceItemSchema = z
  .object({
    code: serviceCodeSchema,
    name: text(40, '服务事项名称'),
    description: text(500, '事项说明'),
    kind: z.enum(matterKinds),
    categoryCode: categoryCodeSchema.optional(),
    level: levelSchema,
    handlingOrgHint: text(40, '承办单位'),
    materials: z
      .array(
        z.object({
          name: text(80, '材料名称'),
          required: z.boolean(),
          note: z.string().trim().max(200).optional(),
        }),
      )
      .max(30),
    legalBasis: z.array(z.object({ title: text(60, '法律法规名称'), article: text(30, '条款') })).max(20),
    timeLimit: z.object({
      amount: z.number().int().min(1, '办理时限至少为 1').max(365, '办理时限不能超过 365'),
      unit: z.enum(['calendar_day', 'working_day', 'month']),
      basis: z.string().trim().min(1).max(40),
      confidence: z.enum(['high', 'medium', 'low']),
      commitment: text(80, '到期前完成什么'),
      note: z.string().trim().max(500).optional(),
    }),
    public: z.boolean(),
    keywords: z.array(z.string().trim().min(1).max(20)).max(30),
    noticeNotes: z.array(z.string().trim().min(1).max(300)).max(10).optional(),
    demo: z.boolean().optional(),
    retired: z.boolean().optional(),
  })
  .meta({ id: 'ServiceItem' });

export const versionEntrySchema = z.object({
  version: z.number().int(),
  at: z.string(),
  by: z.string().nullable(),
});

export const countyCatalogSchema = z
  .object({
    version: z.number().int(),
    isDefault: z.boolean(),
    categories: z.array(categorySchema),
    services: z.array(serviceItemSchema),
    /** The latest versions first, with who saved them and when. */
    history: z.array(versionEntrySchema),
  })
  .meta({ id: 'CountyCatalog' });

export const saveCatalogBodySchema = z.object({
  baseVersion: z.number().int(),
  categories: z.array(categorySchema).min(1).max(500),
  services: z.array(serviceItemSchema).max(500),
});

/** What residents and the intake forms read: the county's catalog as offered today. */
export const publicCatalogSchema = z
  .object({
    countyCode: z.string(),
    version: z.number().int(),
    demo: z.boolean(),
    categories: z.array(categorySchema),
    services: z.array(serviceItemSchema),
  })
  .meta({ id: 'PublicCatalog' });

export const noticeTemplateSchema = z.object({
  code: z.enum(noticeTemplateCodes),
  title: text(20, '通知标题'),
  text: text(300, '通知内容'),
});

export const noticeTemplatesSchema = z
  .object({
    version: z.number().int(),
    isDefault: z.boolean(),
    templates: z.array(
      noticeTemplateSchema.extend({
        label: z.string(),
        audience: z.string(),
        placeholders: z.array(z.object({ name: z.string(), label: z.string(), required: z.boolean() })),
        customised: z.boolean(),
      }),
    ),
    history: z.array(versionEntrySchema),
  })
  .meta({ id: 'NoticeTemplates' });

export const saveNoticeTemplatesBodySchema = z.object({
  baseVersion: z.number().int(),
  templates: z.array(noticeTemplateSchema).min(1).max(noticeTemplateCodes.length),
});

export const previewNoticeTemplateBodySchema = noticeTemplateSchema;
export const noticePreviewSchema = z
  .object({ ok: z.boolean(), title: z.string(), text: z.string(), issues: z.array(z.string()) })
  .meta({ id: 'NoticePreview' });

export type CategoryInput = z.infer<typeof categorySchema>;
export type ServiceItemInput = z.infer<typeof serviceItemSchema>;
export type CountyCatalog = z.infer<typeof countyCatalogSchema>;
export type SaveCatalogBody = z.infer<typeof saveCatalogBodySchema>;
export type PublicCatalog = z.infer<typeof publicCatalogSchema>;
export type NoticeTemplates = z.infer<typeof noticeTemplatesSchema>;
export type SaveNoticeTemplatesBody = z.infer<typeof saveNoticeTemplatesBodySchema>;
export type NoticeTemplateInput = z.infer<typeof noticeTemplateSchema>;
export type NoticePreview = z.infer<typeof noticePreviewSchema>;
