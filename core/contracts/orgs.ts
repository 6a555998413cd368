import { z } from 'zod';
import { orgKinds } from '../domain/orgs';

export const orgKindSchema = z.enum(orgKinds);
export const levelSchema = z.enum(['district', 'town', 'village']);

export const orgRefSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    kind: orgKindSchema,
    level: levelSchema,
    divisionCode: z.string().nullable(),
  })
  .meta({ id: 'OrgRef' });

export const orgSummarySchema = orgRefSchema
  .extend({
    parentId: z.uuid().nullable(),
    countyCode: z.string(),
    centerName: z.string().nullable(),
    /** How residents reach it: printed on a 转送（交办）告知书 that sends a matter there. */
    contact: z.string().nullable(),
    /** Names from the county root down to the parent, for search results. */
    pathNames: z.array(z.string()),
    synthetic: z.boolean(),
    active: z.boolean(),
  })
  .meta({ id: 'OrgSummary' });

export const orgDetailSchema = orgSummarySchema
  .extend({
    ancestors: z.array(orgRefSchema),
    childCount: z.number().int(),
    userCount: z.number().int(),
    gridCount: z.number().int(),
  })
  .meta({ id: 'OrgDetail' });

export interface OrgTreeNode {
  id: string;
  name: string;
  kind: z.infer<typeof orgKindSchema>;
  divisionCode: string | null;
  children: OrgTreeNode[];
}

export const orgTreeNodeSchema: z.ZodType<OrgTreeNode> = z
  .object({
    id: z.uuid(),
    name: z.string(),
    kind: orgKindSchema,
    divisionCode: z.string().nullable(),
    get children() {
      return z.array(orgTreeNodeSchema);
    },
  })
  .meta({ id: 'OrgTreeNode' });

export const orgListQuerySchema = z.object({
  q: z.string().trim().max(50).optional(),
  parentId: z.uuid().optional(),
  kind: orgKindSchema.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

export const createOrgBodySchema = z.object({
  parentId: z.uuid(),
  name: z.string().trim().min(2, '名称至少 2 个字').max(60),
  kind: z.enum([
    'department',
    'unit',
    'mediation_committee',
    'mediation_room',
    'social_org',
    'service_center',
  ]),
});

export const updateOrgBodySchema = z
  .object({
    name: z.string().trim().min(2).max(60).optional(),
    centerName: z.string().trim().min(2).max(60).optional(),
    contact: z.string().trim().min(2, '请填写联系电话或地址').max(100).optional(),
    active: z.boolean().optional(),
  })
  .refine((b) => Object.keys(b).length > 0, '没有要修改的内容');

export type OrgRef = z.infer<typeof orgRefSchema>;
export type OrgSummary = z.infer<typeof orgSummarySchema>;
export type OrgDetail = z.infer<typeof orgDetailSchema>;
export type CreateOrgBody = z.infer<typeof createOrgBodySchema>;
export type UpdateOrgBody = z.infer<typeof updateOrgBodySchema>;
