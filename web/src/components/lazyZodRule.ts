import type { FormRule } from 'antd';
import type { ZodType } from 'zod';

/**
 * zodRule with the schema (and zod itself, ~22 KB compressed) loaded on the first check instead of
 * with the page: the residents' form must be usable on 3G before zod arrives, and still checks
 * exactly what the server will check. Empty values pass, as with zodRule.
 */
export function lazyZodRule(load: () => Promise<ZodType>): FormRule {
  return {
    validator: async (rule, value: unknown) => {
      if (value === undefined || value === null || value === '') return;
      const [schema, { zodRule }] = await Promise.all([load(), import('./zodRule')]);
      const check = zodRule(schema);
      if (typeof check === 'object' && check.validator) await check.validator(rule, value, () => {});
    },
  };
}
