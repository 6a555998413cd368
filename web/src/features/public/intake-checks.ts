/**
 * The resident's form checks each field exactly as the server will, with the contracts' own schemas.
 * Loaded on the first submission, not with the page: zod is about 22 KB compressed, and the form must
 * be usable on 3G before it arrives (the server checks again anyway).
 */
import { type ZodType, z } from 'zod';
import zhCN from 'zod/v4/locales/zh-CN.js';
import { intakeBodySchema, partyInputSchema } from '../../../../core/contracts/matters';

// Messages written in the contracts are Chinese already; this covers zod's generic ones (too long…).
z.config(zhCN());

const phone = partyInputSchema.shape.phone.unwrap();

export const fieldSchemas = {
  title: intakeBodySchema.shape.title,
  description: intakeBodySchema.shape.description,
  address: intakeBodySchema.shape.place.shape.address.unwrap(),
  name: partyInputSchema.shape.name,
  phone,
  otherName: partyInputSchema.shape.name,
  otherPhone: phone,
  otherAddress: partyInputSchema.shape.address.unwrap(),
} satisfies Record<string, ZodType>;

/** The first problem with a filled-in value, in words; null when it passes. Empty values pass. */
export function problemOf(schema: ZodType, value: unknown): string | null {
  if (value === undefined || value === null || value === '') return null;
  const r = schema.safeParse(value);
  return r.success ? null : (r.error.issues[0]?.message ?? '格式不正确');
}
