/**
 * Open311 GeoReport v2 (docs/OPEN311.md) and the administration of its API keys. Field names are the
 * spec's (snake_case) so existing clients work unchanged; the key administration is ours (camelCase).
 */
import { z } from 'zod';
import { coordSystems } from '../domain/geo/gcj02';
import { extendedStatuses } from '../domain/open311/statuses';

const formatSchema = z.enum(['json', 'xml'], { message: '格式只能是 json 或 xml' });
export const open311FormatParams = z.object({ format: formatSchema });

/** 6-digit county code, or the 12-digit 统计用区划代码 of the county (ending in six zeros). */
const jurisdictionSchema = z
  .string()
  .trim()
  .regex(/^\d{6}(000000)?$/, 'jurisdiction_id 应为 6 位县级区划代码（或以 000000 结尾的 12 位代码）');
const apiKeySchema = z.string().trim().min(1, '请提供 api_key').max(100, 'api_key 过长');
const dateTimeSchema = z.iso.datetime({
  offset: true,
  message: '时间应为带时区的 ISO 8601 格式，如 2026-03-02T09:05:00+08:00',
});
const coordinate = z
  .string()
  .trim()
  .regex(/^-?\d{1,3}(\.\d{1,15})?$/, '坐标应为十进制度数');

export const open311ErrorSchema = z
  .array(
    z.object({
      code: z.number().int(),
      description: z.string(),
      /** Ours: a precise machine code beside the HTTP status the spec puts in `code`. */
      error_code: z.string(),
    }),
  )
  .meta({ id: 'Open311Errors' });

export const open311DiscoverySchema = z.object({
  changeset: z.string(),
  contact: z.string(),
  key_service: z.string(),
  endpoints: z.array(
    z.object({
      specification: z.string(),
      url: z.string(),
      changeset: z.string(),
      type: z.enum(['production', 'test']),
      formats: z.array(z.string()),
    }),
  ),
});

export const open311JurisdictionQuery = z.object({ jurisdiction_id: jurisdictionSchema.optional() });

export const open311ServiceSchema = z
  .object({
    service_code: z.string(),
    service_name: z.string(),
    description: z.string(),
    metadata: z.boolean(),
    type: z.enum(['realtime', 'batch', 'blackbox']),
    keywords: z.string(),
    group: z.string(),
    groups: z.array(z.string()),
  })
  .meta({ id: 'Open311Service' });

export const open311ServiceDefinitionSchema = z
  .object({
    service_code: z.string(),
    attributes: z.array(
      z.object({
        variable: z.boolean(),
        code: z.string(),
        datatype: z.enum(['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist']),
        required: z.boolean(),
        datatype_description: z.string(),
        order: z.number().int(),
        description: z.string(),
        values: z.array(z.object({ key: z.string(), name: z.string() })),
      }),
    ),
  })
  .meta({ id: 'Open311ServiceDefinition' });

const attributeValue = z.union([
  z.string().max(200, '属性值不能超过 200 个字'),
  z.array(z.string().max(200, '属性值不能超过 200 个字')).max(30, '一个属性最多 30 个值'),
]);

/** POST requests: form fields as the spec names them; `attribute[code]` / `attribute[code][]` beside. */
export const open311PostRequestBody = z
  .object({
    api_key: apiKeySchema,
    jurisdiction_id: jurisdictionSchema.optional(),
    service_code: z.string().trim().min(1, '请提供 service_code').max(40, 'service_code 过长'),
    // Form bodies carry text; JSON clients may send numbers.
    lat: z.union([coordinate, z.number()]).optional(),
    long: z.union([coordinate, z.number()]).optional(),
    /**
     * Extension: the datum of lat/long. `wgs84` (GPS; the default, as GeoReport v2 assumes) or `gcj02`
     * (what AMap's and Tencent's SDKs give), converted to WGS-84 on intake.
     */
    coord_system: z.enum(coordSystems, { error: 'coord_system 应为 wgs84 或 gcj02' }).optional().meta({
      description: '坐标系：wgs84（默认）或 gcj02（高德、腾讯地图 SDK 给出的坐标，入库前换算为 WGS-84）',
    }),
    address_string: z.string().trim().max(200, '地址不能超过 200 个字').optional(),
    address_id: z
      .string()
      .trim()
      .regex(/^\d{12}$/, 'address_id 应为 12 位村（社区）区划代码')
      .optional(),
    email: z.string().trim().max(254, '电子邮箱过长').optional(),
    device_id: z.string().trim().max(100, 'device_id 过长').optional(),
    account_id: z.string().trim().max(100, 'account_id 过长').optional(),
    first_name: z.string().trim().max(30, '名字不能超过 30 个字').optional(),
    last_name: z.string().trim().max(30, '姓不能超过 30 个字').optional(),
    phone: z
      .string()
      .trim()
      .regex(/^1[3-9]\d{9}$/, 'phone 应为 11 位手机号码（用于查询办理进度）'),
    description: z
      .string()
      .trim()
      .min(5, '请在 description 中把事情经过写清楚（至少 5 个字）')
      .max(5000, 'description 不能超过 5000 个字'),
    media_url: z
      .string()
      .trim()
      .max(2000, 'media_url 过长')
      .regex(/^https?:\/\/\S+$/, 'media_url 应为 http(s) 链接')
      .optional(),
  })
  .catchall(attributeValue);
export type Open311PostRequestBody = z.infer<typeof open311PostRequestBody>;

export const open311PostRequestResponse = z.array(
  z.object({
    service_request_id: z.string(),
    /** Also given for a realtime service, so a client that stores tokens can resolve them later. */
    token: z.string(),
    service_notice: z.string(),
    account_id: z.string().nullable(),
    expected_datetime: z.string().nullable(),
    /** Ours: the tracking secret the resident needs (with the phone) at /public/track; given once. */
    tracking_secret: z.string(),
  }),
);

export const open311RequestSchema = z
  .object({
    service_request_id: z.string(),
    status: z.enum(['open', 'closed']),
    status_notes: z.string().nullable(),
    service_name: z.string(),
    service_code: z.string(),
    description: z.string().nullable(),
    agency_responsible: z.string(),
    service_notice: z.string().nullable(),
    requested_datetime: z.string(),
    updated_datetime: z.string(),
    expected_datetime: z.string().nullable(),
    address: z.string().nullable(),
    address_id: z.string().nullable(),
    zipcode: z.string().nullable(),
    lat: z.number().nullable(),
    long: z.number().nullable(),
    media_url: z.string().nullable(),
    /** FMS extended status and our own status code (external_status_code in updates). */
    extended_status: z.enum(extendedStatuses),
  })
  .meta({ id: 'Open311Request' });

export const open311RequestsQuery = z.object({
  jurisdiction_id: jurisdictionSchema.optional(),
  api_key: apiKeySchema.optional(),
  service_request_id: z.string().trim().max(2000, 'service_request_id 列表过长').optional(),
  service_code: z.string().trim().max(40).optional(),
  start_date: dateTimeSchema.optional(),
  end_date: dateTimeSchema.optional(),
  status: z
    .string()
    .trim()
    .regex(/^(open|closed)(,(open|closed))*$/, 'status 只能是 open、closed 或二者以逗号分隔')
    .optional(),
});

export const open311RequestIdParams = z.object({
  id: z.string().trim().max(40),
  format: formatSchema,
});
export const open311TokenParams = open311RequestIdParams;
export const open311TokenResponse = z.array(z.object({ service_request_id: z.string(), token: z.string() }));

export const open311UpdatesQuery = z.object({
  api_key: apiKeySchema,
  jurisdiction_id: jurisdictionSchema.optional(),
  start_date: dateTimeSchema.optional(),
  end_date: dateTimeSchema.optional(),
});

export const open311UpdateSchema = z
  .object({
    update_id: z.string(),
    service_request_id: z.string(),
    status: z.enum(extendedStatuses),
    updated_datetime: z.string(),
    description: z.string(),
    media_url: z.string(),
    external_status_code: z.string(),
  })
  .meta({ id: 'Open311Update' });

export const open311UpdatesResponse = z.object({ service_requests_updates: z.array(open311UpdateSchema) });

export const open311PostUpdateBody = z.object({
  api_key: apiKeySchema,
  jurisdiction_id: jurisdictionSchema.optional(),
  service_request_id: z.string().trim().min(1, '请提供 service_request_id').max(40),
  update_id: z.string().trim().min(1, '请提供 update_id').max(100, 'update_id 过长'),
  updated_datetime: dateTimeSchema,
  status: z.string().trim().min(1, '请提供 status').max(40),
  description: z.string().trim().min(1, '请提供 description').max(2000, 'description 不能超过 2000 个字'),
  media_url: z
    .string()
    .trim()
    .max(2000)
    .regex(/^https?:\/\/\S+$/, 'media_url 应为 http(s) 链接')
    .optional(),
  external_status_code: z.string().trim().max(40).optional(),
  first_name: z.string().trim().max(30).optional(),
  last_name: z.string().trim().max(30).optional(),
  email: z.string().trim().max(254).optional(),
  phone: z.string().trim().max(20).optional(),
});
export type Open311PostUpdateBody = z.infer<typeof open311PostUpdateBody>;

export const open311PostUpdateResponse = z.array(z.object({ update_id: z.string() }));

// The administration of API keys (system administrator).

export const open311ClientSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    contact: z.string().nullable(),
    keyPrefix: z.string(),
    rateLimitPerMinute: z.number().int(),
    active: z.boolean(),
    createdAt: z.iso.datetime(),
    revokedAt: z.iso.datetime().nullable(),
    lastUsedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'Open311Client' });
export type Open311Client = z.infer<typeof open311ClientSchema>;

export const createOpen311ClientBody = z.object({
  name: z.string().trim().min(2, '请填写客户端名称（至少 2 个字）').max(60, '名称不能超过 60 个字'),
  contact: z.string().trim().max(100, '联系方式不能超过 100 个字').optional(),
  rateLimitPerMinute: z.number().int().min(1, '每分钟至少 1 次').max(600, '每分钟最多 600 次').default(60),
});
export type CreateOpen311ClientBody = z.input<typeof createOpen311ClientBody>;

export const createdOpen311ClientSchema = z.object({
  client: open311ClientSchema,
  /** Shown once: only its hash is kept. */
  apiKey: z.string(),
});
export type CreatedOpen311Client = z.infer<typeof createdOpen311ClientSchema>;
