import type { FormRule } from 'antd';
import { type ZodType, z } from 'zod';
import zhCN from 'zod/v4/locales/zh-CN.js';

// Messages written in the contracts are Chinese already; this covers zod's generic ones (too long…).
z.config(zhCN());

/**
 * An antd form rule from a contract schema, so the form checks exactly what the server will check.
 * Empty values pass: pair it with a `required` rule that carries its own message.
 */
export function zodRule(schema: ZodType): FormRule {
  return {
    validator: async (_rule, value: unknown) => {
      if (value === undefined || value === null || value === '') return;
      const r = schema.safeParse(value);
      if (!r.success) throw new Error(r.error.issues[0]?.message ?? '格式不正确');
    },
  };
}
