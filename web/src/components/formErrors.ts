import type { FormInstance } from 'antd';
import { ApiError } from '../api/client';

/**
 * Puts the field errors of a VALIDATION_FAILED answer on the form fields they name.
 * Returns true when every issue found its field, so nothing else needs to be shown.
 */
export function applyServerFieldErrors<T>(
  form: FormInstance<T>,
  fields: readonly string[],
  error: unknown,
): boolean {
  if (!(error instanceof ApiError)) return false;
  const issues = error.fieldIssues;
  if (issues.length === 0) return false;
  const known = issues.filter((i) => fields.includes(String(i.path[0])));
  const byField = new Map<string, string[]>();
  for (const i of known) {
    const name = String(i.path[0]);
    byField.set(name, [...(byField.get(name) ?? []), i.message]);
  }
  form.setFields([...byField].map(([name, errors]) => ({ name: name as never, errors })));
  return known.length === issues.length;
}
