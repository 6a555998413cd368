/**
 * Reading an application/x-www-form-urlencoded Open311 body. The spec sends single values as
 * `attribute[code]=v` and multi-value lists as repeated `attribute[code][]=v`; every other field is a
 * plain name. Repeating a plain field is an error we report rather than silently keeping one value.
 */

export interface Open311Form {
  /** Plain fields, each given once. */
  fields: Record<string, string>;
  /** attribute[code] → its values (one for `attribute[code]`, one or more for `attribute[code][]`). */
  attributes: Record<string, string[]>;
  /** Plain fields that came more than once, or attributes given both ways. */
  repeated: string[];
}

const attributeKey = /^attribute\[([^[\]]{1,64})\](\[\])?$/;

export function readOpen311Form(entries: Iterable<[string, string]>): Open311Form {
  const fields: Record<string, string> = {};
  const attributes: Record<string, string[]> = {};
  const listStyle: Record<string, boolean> = {};
  const repeated = new Set<string>();
  for (const [key, value] of entries) {
    const m = attributeKey.exec(key);
    if (m) {
      const code = m[1]!;
      const asList = m[2] === '[]';
      if (code in listStyle && (listStyle[code] !== asList || !asList)) repeated.add(key);
      listStyle[code] = asList;
      attributes[code] = [...(attributes[code] ?? []), value];
      continue;
    }
    if (Object.hasOwn(fields, key)) repeated.add(key);
    fields[key] = value;
  }
  return { fields, attributes, repeated: [...repeated] };
}
