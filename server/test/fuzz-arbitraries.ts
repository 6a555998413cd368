/**
 * fast-check arbitraries made from the app's own OpenAPI document, for the fuzz test (fuzz.test.ts).
 * Three modes: `valid` follows the schema, so the request reaches the service and the database,
 * with free text that is awkward but storable (astral and right-to-left characters, SQL, markup,
 * full-width digits); `hostile` has the same shape with NUL and lone surrogates in the text;
 * `wild` also breaks the schema: missing and extra fields, numbers and nulls where strings are
 * expected, strings far past any limit.
 */
import fc from 'fast-check';

// biome-ignore lint/suspicious/noExplicitAny: a JSON Schema from the generated document
export type Schema = Record<string, any>;
export type Mode = 'valid' | 'hostile' | 'wild';

export interface OpenApiDoc {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

export interface Operation {
  parameters?: { in: 'path' | 'query' | 'header'; name: string; required?: boolean; schema: Schema }[];
  requestBody?: { content: Record<string, { schema: Schema }> };
  security?: unknown[];
}

/** Known values by field name, so some requests name things that exist (ids, codes). */
export type Pools = { uuid: string[]; byName: Record<string, string[]> };

/** Strings that have broken servers before; each must end in a 4xx or a normal answer, never a 5xx. */
export const NASTY = [
  'a\u0000b',
  '\u0000',
  'x\ud800y',
  '\udc00',
  '末尾\ud83d',
  '😀👨‍👩‍👧𠮷',
  '\u202e倒序\u202c',
  '\ufeff',
  '０１２３',
  "'; drop table matters; --",
  '<script>alert(1)</script>',
  '../../etc/passwd',
  '%00%ff',
  // A template placeholder, for the notice templates and anything that renders text.
  // biome-ignore lint/suspicious/noTemplateCurlyInString: the literal text is the point
  '${7*7}{{7*7}}',
  ' ',
  '',
  '\t\n\r',
  'null',
  'NaN',
  '-1',
  '1e309',
  '\\u0000',
];

const plainUnit = fc.constantFrom(...'凉州区邻里纠纷排水沟堵塞张王李abcXYZ019 -_.，。：（）'.split(''));
const plain = fc.string({ unit: plainUnit, maxLength: 24 });

/** NUL or a lone surrogate: what PostgreSQL (text, jsonb) cannot store. */
const unstorable = (s: string) =>
  s.includes('\u0000') || /[\ud800-\udfff]/.test(s.replace(/[\ud800-\udbff][\udc00-\udfff]/g, ''));

/** Free text: mostly plausible, often hostile. */
export const text = fc.oneof(
  { weight: 3, arbitrary: plain },
  { weight: 2, arbitrary: fc.constantFrom(...NASTY) },
  { weight: 2, arbitrary: fc.tuple(plain, fc.constantFrom(...NASTY), plain).map((p) => p.join('')) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 16 }) },
);

/** Awkward text that can be stored: the service and the database must cope with it. */
export const storableText = fc.oneof(
  { weight: 4, arbitrary: plain },
  { weight: 1, arbitrary: fc.constantFrom(...NASTY.filter((s) => !unstorable(s))) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 16 }) },
);

/** Far past any length limit (the body limit is 1 MiB). */
const longText = fc
  .tuple(fc.integer({ min: 5_000, max: 200_000 }), fc.constantFrom('x', '字', '\u0000', '😀'))
  .map(([n, c]) => c.repeat(Math.ceil(n / c.length)));

/** Any JSON value: what a broken client sends where something else was expected. */
export const wildValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, true, false, 0, -1, 1e308, -0, 2 ** 53 + 1, 3.5, [], {}, ''),
  fc.integer(),
  fc.double({ noNaN: true }),
  text,
  longText,
  fc.array(text, { maxLength: 3 }),
  fc.dictionary(text, text, { maxKeys: 3 }),
);

function fitLength(s: string, min = 0, max = Number.POSITIVE_INFINITY): string {
  let out = s;
  // Most fields are trimmed before their length is checked.
  while (out.trim().length < min) out += '测';
  return out.length > max ? out.slice(0, max) : out;
}

const isoDate = fc
  .date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString());

export class SchemaArbitraries {
  constructor(
    private readonly doc: OpenApiDoc,
    private readonly pools: Pools,
  ) {}

  deref(s: Schema | undefined): Schema {
    let out = s ?? {};
    for (let i = 0; out.$ref && i < 10; i++)
      out = this.doc.components.schemas[String(out.$ref).split('/').pop()!] ?? {};
    return out;
  }

  /** A value for `schema`; `name` is the field's name, for the pools. */
  value(schema: Schema | undefined, mode: Mode, name = '', depth = 0): fc.Arbitrary<unknown> {
    const shaped = this.shaped(this.deref(schema), mode, name, depth);
    if (mode !== 'wild') return shaped;
    return fc.oneof({ weight: 5, arbitrary: shaped }, { weight: 1, arbitrary: wildValue });
  }

  private shaped(s: Schema, mode: Mode, name: string, depth: number): fc.Arbitrary<unknown> {
    if (depth > 8) return fc.constant(null);
    if ('const' in s) return fc.constant(s.const);
    if (Array.isArray(s.enum)) return fc.constantFrom(...(s.enum as unknown[]));
    const branches = (s.oneOf ?? s.anyOf) as Schema[] | undefined;
    if (branches?.length) return fc.oneof(...branches.map((b) => this.value(b, mode, name, depth + 1)));
    if (Array.isArray(s.allOf)) return this.shaped(this.merge(s.allOf as Schema[]), mode, name, depth);
    const type = Array.isArray(s.type) ? s.type.find((t: string) => t !== 'null') : s.type;
    const base = this.typed(s, type, mode, name, depth);
    return s.nullable || (Array.isArray(s.type) && s.type.includes('null'))
      ? fc.oneof({ weight: 4, arbitrary: base }, { weight: 1, arbitrary: fc.constant(null) })
      : base;
  }

  private typed(s: Schema, type: string | undefined, mode: Mode, name: string, depth: number) {
    switch (type) {
      case 'string':
        return this.string(s, mode, name);
      case 'integer':
      case 'number': {
        const min = s.minimum ?? (s.exclusiveMinimum === undefined ? -1e6 : s.exclusiveMinimum + 1);
        const max = s.maximum ?? (s.exclusiveMaximum === undefined ? 1e6 : s.exclusiveMaximum - 1);
        const lo = Math.max(min, -1e9);
        const hi = Math.min(Math.max(max, lo), 1e9);
        return type === 'integer'
          ? fc.integer({ min: Math.ceil(lo), max: Math.floor(hi) })
          : fc.double({ min: lo, max: hi, noNaN: true, noDefaultInfinity: true });
      }
      case 'boolean':
        return fc.boolean();
      case 'array': {
        const min = s.minItems ?? 0;
        const max = Math.min(s.maxItems ?? min + 3, min + 3);
        const items = this.value(s.items, mode, name, depth + 1);
        return fc.array(items, { minLength: mode === 'wild' ? 0 : min, maxLength: max });
      }
      case 'object':
        return this.object(s, mode, depth);
      default:
        return mode === 'wild' ? wildValue : this.text(mode);
    }
  }

  private text(mode: Mode): fc.Arbitrary<string> {
    return mode === 'valid' ? storableText : text;
  }

  private string(s: Schema, mode: Mode, name: string): fc.Arbitrary<string> {
    const known = this.pools.byName[name];
    const fromPool = known?.length ? fc.constantFrom(...known) : undefined;
    let shaped: fc.Arbitrary<string>;
    if (s.format === 'uuid') {
      shaped = fc.oneof(
        { weight: 3, arbitrary: fc.constantFrom(...this.pools.uuid) },
        { weight: 1, arbitrary: fc.uuid() },
      );
    } else if (s.format === 'date-time') {
      shaped = isoDate;
    } else if (s.format === 'date') {
      shaped = isoDate.map((d) => d.slice(0, 10));
    } else if (s.format === 'email') {
      shaped = fc.emailAddress();
    } else if (s.format === 'uri' || s.format === 'url') {
      shaped = fc.webUrl();
    } else if (typeof s.pattern === 'string') {
      shaped = this.matching(s.pattern) ?? this.text(mode);
    } else {
      shaped = this.text(mode).map((t) => fitLength(t, s.minLength, s.maxLength));
    }
    if (fromPool) shaped = fc.oneof({ weight: 3, arbitrary: fromPool }, { weight: 1, arbitrary: shaped });
    if (mode !== 'wild') return shaped;
    // Hostile text where a pattern or format was expected, and text past the limit.
    return fc.oneof(
      { weight: 4, arbitrary: shaped },
      { weight: 1, arbitrary: text },
      { weight: 1, arbitrary: longText },
    );
  }

  private matching(pattern: string): fc.Arbitrary<string> | undefined {
    try {
      return fc.stringMatching(new RegExp(pattern));
    } catch {
      return undefined;
    }
  }

  private object(s: Schema, mode: Mode, depth: number): fc.Arbitrary<unknown> {
    const props = (s.properties ?? {}) as Record<string, Schema>;
    const required = new Set<string>((s.required ?? []) as string[]);
    const model: Record<string, fc.Arbitrary<unknown>> = {};
    for (const [k, v] of Object.entries(props)) model[k] = this.value(v, mode, k, depth + 1);
    const keys = Object.keys(props);
    const record =
      mode === 'wild'
        ? // A broken client leaves out what is required as easily as what is not.
          fc.record(model, { requiredKeys: [] })
        : fc.record(model, { requiredKeys: keys.filter((k) => required.has(k)) });
    const extraValue =
      s.additionalProperties && typeof s.additionalProperties === 'object'
        ? this.value(s.additionalProperties, mode, '', depth + 1)
        : wildValue;
    const extra =
      mode === 'wild' || s.additionalProperties
        ? fc.dictionary(this.text(mode), extraValue, { maxKeys: 3 })
        : fc.constant({});
    return fc.tuple(record, extra).map(([r, e]) => ({ ...e, ...r }));
  }

  private merge(parts: Schema[]): Schema {
    const out: Schema = { type: 'object', properties: {}, required: [] };
    for (const p of parts.map((x) => this.deref(x))) {
      Object.assign(out.properties, p.properties ?? {});
      out.required.push(...(p.required ?? []));
    }
    return out;
  }
}

/**
 * Percent-encodes for a path segment or query value, lone surrogates included (as the 3 bytes a
 * lax encoder would send), where encodeURIComponent would throw.
 */
export function encodeLoose(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const next = s.charCodeAt(i + 1);
    if (c >= 0xd800 && c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
      out += encodeURIComponent(s.slice(i, i + 2));
      i++;
    } else if (c >= 0xd800 && c <= 0xdfff) {
      out += [0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f)]
        .map((b) => `%${b.toString(16).toUpperCase()}`)
        .join('');
    } else {
      out += encodeURIComponent(s[i]!);
    }
  }
  return out;
}

/** A query or path value as text: what the client would put in the URL. */
export function asUrlText(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}
