/**
 * One generated HTTP request per sample, for an operation of the OpenAPI document (fuzz.test.ts):
 * path parameters, query string, Idempotency-Key, Origin and a body (JSON, form, raw or multipart),
 * each from the operation's own schema (fuzz-arbitraries.ts) or from the hostile lists below.
 */
import fc from 'fast-check';
import {
  asUrlText,
  encodeLoose,
  type Mode,
  type Operation,
  type SchemaArbitraries,
  text,
} from './fuzz-arbitraries';

export interface Planned {
  mode: Mode;
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string;
}

/** Path segments no router or schema should fail on (already percent-encoded). */
const RAW_SEGMENTS = [
  '%00',
  '%ED%A0%80',
  '%',
  '%zz',
  'not-a-uuid',
  '..',
  '%2e%2e',
  'a'.repeat(3000),
  '-1',
  '１',
];
/** JSON bodies that are broken, or well-formed but hostile: NUL escaped, prototype keys, deep nesting. */
const RAW_BODIES = [
  '{"a":',
  '[]',
  'null',
  '"\\u0000"',
  '{"__proto__":{"x":1}}',
  `${'['.repeat(200_000)}${']'.repeat(200_000)}`,
  `${'{"a":'.repeat(50_000)}"\\u0000"${'}'.repeat(50_000)}`,
];
const ORIGINS = ['null', 'http://[', 'https://evil.example', 'http://localhost:80', 'file://', ' '];

export function planArbitrary(
  arbs: SchemaArbitraries,
  method: string,
  path: string,
  op: Operation,
  mode: Mode,
) {
  const params = op.parameters ?? [];
  const pathArbs = params
    .filter((p) => p.in === 'path')
    .map((p) =>
      fc
        .oneof(
          {
            weight: 10,
            arbitrary: arbs.value(p.schema, mode, resourceOf(path, p.name)).map(asUrlText).map(encodeLoose),
          },
          { weight: mode === 'valid' ? 0 : 3, arbitrary: fc.constantFrom(...RAW_SEGMENTS) },
        )
        .map((v) => [p.name, v] as const),
    );
  const queryArbs = params
    .filter((p) => p.in === 'query')
    .map((p) =>
      (p.required && mode === 'valid'
        ? arbs.value(p.schema, mode, p.name)
        : fc.option(arbs.value(p.schema, mode, p.name), { freq: 2 })
      ).map((v) => [p.name, v] as const),
    );
  const extraQuery = mode === 'wild' ? fc.array(fc.tuple(text, text), { maxLength: 2 }) : fc.constant([]);
  const idempotencyKey = params.some((p) => p.in === 'header' && p.name === 'idempotency-key')
    ? fc.option(
        mode === 'valid'
          ? fc.stringMatching(/^[A-Za-z0-9_-]{8,40}$/)
          : fc.oneof(
              fc.stringMatching(/^[A-Za-z0-9_-]{8,40}$/),
              fc.string({ unit: 'grapheme-ascii', maxLength: 150 }),
            ),
        { freq: 2 },
      )
    : fc.constant(null);
  // Browsers send Origin on writes; here one request in six, some of them foreign or malformed.
  const origin = fc.oneof(
    { weight: 5, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: fc.constantFrom(...ORIGINS) },
  );
  const content = op.requestBody?.content ?? {};
  const json = content['application/json']?.schema;
  const form = content['application/x-www-form-urlencoded']?.schema;
  const body: fc.Arbitrary<{ type?: string; payload?: string }> =
    json || form
      ? fc.oneof(
          {
            weight: 8,
            arbitrary: arbs
              .value(json ?? form, mode)
              .map((v) => ({ type: 'application/json', payload: JSON.stringify(v) })),
          },
          {
            weight: form ? 4 : 0,
            arbitrary: arbs
              .value(form ?? json, mode)
              .map((v) => ({ type: 'application/x-www-form-urlencoded', payload: formOf(v) })),
          },
          {
            weight: mode === 'wild' ? 1 : 0,
            arbitrary: fc
              .constantFrom(...RAW_BODIES)
              .map((payload) => ({ type: 'application/json', payload })),
          },
          {
            weight: mode === 'wild' ? 1 : 0,
            arbitrary: text.map((payload) => ({ type: 'text/plain', payload })),
          },
        )
      : method === 'post' || method === 'put'
        ? fc.oneof(
            { weight: 2, arbitrary: fc.constant({}) },
            // Routes with no JSON body may still take a file (attachments): a hostile part name and file name.
            { weight: 1, arbitrary: fc.tuple(text, text).map(([field, file]) => multipart(field, file)) },
          )
        : fc.constant({});
  return fc
    .record({
      path: fc.tuple(...pathArbs),
      query: fc.tuple(...queryArbs),
      extraQuery,
      idempotencyKey,
      origin,
      body,
    })
    .map((r): Planned => {
      let url = path;
      for (const [name, v] of r.path) url = url.replace(`{${name}}`, v);
      const q: string[] = [];
      for (const [name, v] of r.query) {
        if (v === null || v === undefined) continue;
        for (const one of Array.isArray(v) ? v : [v]) q.push(`${name}=${encodeLoose(asUrlText(one))}`);
      }
      for (const [k, v] of r.extraQuery) q.push(`${encodeLoose(k)}=${encodeLoose(v)}`);
      const headers: Record<string, string> = {};
      if (r.idempotencyKey !== null) headers['idempotency-key'] = r.idempotencyKey;
      if (r.origin !== null) headers.origin = r.origin;
      if (r.body.type) headers['content-type'] = r.body.type;
      return {
        mode,
        method: method.toUpperCase(),
        url: q.length ? `${url}?${q.join('&')}` : url,
        headers,
        ...(r.body.payload === undefined ? {} : { payload: r.body.payload }),
      };
    });
}

/** `/api/matters/{id}/agreements/{agreementId}`, id → "/matters/": the pool of that resource's ids. */
function resourceOf(path: string, param: string): string {
  const before = path.split(`/{${param}}`)[0]!.split('/').pop();
  return before ? `/${before}/` : param;
}

function formOf(v: unknown): string {
  if (typeof v !== 'object' || v === null) return asUrlText(v);
  const sp = new URLSearchParams();
  for (const [k, x] of Object.entries(v))
    for (const one of Array.isArray(x) ? x : [x]) sp.append(k, asUrlText(one));
  return sp.toString();
}

function multipart(field: string, fileName: string): { type: string; payload: string } {
  const b = 'zzfuzzboundary';
  const safe = (s: string) => s.replace(/[\r\n"]/g, '_');
  const payload = [
    `--${b}`,
    `Content-Disposition: form-data; name="note"`,
    '',
    field,
    `--${b}`,
    `Content-Disposition: form-data; name="file"; filename="${safe(fileName)}.png"`,
    'Content-Type: image/png',
    '',
    '\x89PNG\r\n\x1a\n',
    `--${b}--`,
    '',
  ].join('\r\n');
  return { type: `multipart/form-data; boundary=${b}`, payload };
}
