import { z } from 'zod';

export const inAppMessageSchema = z
  .object({
    id: z.uuid(),
    title: z.string(),
    body: z.string(),
    link: z.string().nullable(),
    read: z.boolean(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'InAppMessage' });
export type InAppMessage = z.infer<typeof inAppMessageSchema>;
