import { z } from 'zod';

export const idSchema = z.uuid();
export const countyCodeSchema = z.string().regex(/^\d{6}$/, '县级区划代码应为 6 位数字');

export const pageQuerySchema = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  });
}

export const idParamsSchema = z.object({ id: idSchema });

export const okSchema = z.object({ ok: z.literal(true) });
