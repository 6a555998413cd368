/**
 * Text no field may hold (docs/SECURITY.md G20, G22): a NUL character, which PostgreSQL refuses in any
 * text or jsonb value (so a title "a\u0000b" used to end in a 500), and a lone UTF-16 surrogate
 * ("x\ud800y": JSON can carry it, UTF-8 cannot, and jsonb refuses its escape). Checked once here for
 * every route, after parsing and before validation, over the parsed body (JSON, form or text),
 * the query string and the path parameters, keys included, so no service ever sees either.
 *
 * The answer is the ordinary 400 VALIDATION_FAILED with the field paths, so the web form marks the
 * field like any other validation error. A multipart upload is not parsed before the handler: its
 * text fields (a resident's code, secret and phone before the photo) are checked the moment the
 * route reads the file with req.file(), the way both upload routes do. The file's own name is not
 * refused but cleaned where it is stored (safeFileName).
 */
import type { MultipartFields, MultipartValue } from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../../../core/errors';

export const INVALID_TEXT_MESSAGE = '内容中含有无法识别的字符，请删除后重新提交。';
const ISSUE_MESSAGE = '含有无法识别的字符';
/** Enough to name the fields; a body of a thousand bad strings does not need a thousand lines. */
const MAX_ISSUES = 20;

type Segment = string | number;

/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const loneSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export function isBadText(s: string): boolean {
  return s.includes('\u0000') || loneSurrogate.test(s);
}

/** A bad key is named without its bad characters, so the answer does not carry them back. */
function shown(key: string): string {
  return key.replaceAll('\u0000', '\ufffd').replace(new RegExp(loneSurrogate.source, 'g'), '\ufffd');
}

function isPlainContainer(v: unknown): v is Record<string, unknown> | unknown[] {
  if (Array.isArray(v)) return true;
  if (typeof v !== 'object' || v === null) return false;
  const proto = Object.getPrototypeOf(v);
  // Parsed JSON and forms are plain objects; Fastify's query and params objects have a prototype
  // that itself has none. Buffers, streams and file parts are not walked.
  return proto === Object.prototype || proto === null || Object.getPrototypeOf(proto) === null;
}

/** A step down from the root; the path is spelled out only for what is reported. */
interface Step {
  up: Step | null;
  segment: Segment;
}

function pathOf(step: Step | null): Segment[] {
  const out: Segment[] = [];
  for (let s = step; s; s = s.up) out.push(s.segment);
  return out.reverse();
}

/**
 * The paths of every bad string (or key) under `root`, at most MAX_ISSUES. Iterative and linear in
 * the size of the input: a 1 MiB body of nested arrays, which JSON.parse accepts, must neither
 * overflow the stack here nor copy a path at each of its 500,000 levels.
 */
export function findBadText(root: unknown, rootPath: Segment[]): Segment[][] {
  const found: Segment[][] = [];
  let base: Step | null = null;
  for (const segment of rootPath) base = { up: base, segment };
  const stack: [unknown, Step | null][] = [[root, base]];
  while (stack.length && found.length < MAX_ISSUES) {
    const [value, at] = stack.pop()!;
    if (typeof value === 'string') {
      if (isBadText(value)) found.push(pathOf(at));
    } else if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push([value[i], { up: at, segment: i }]);
    } else if (isPlainContainer(value)) {
      for (const [k, v] of Object.entries(value).reverse()) {
        if (isBadText(k)) found.push(pathOf({ up: at, segment: shown(k) }));
        else stack.push([v, { up: at, segment: k }]);
      }
    }
  }
  return found;
}

function refuse(found: Segment[][]): void {
  if (!found.length) return;
  throw new AppError(
    'VALIDATION_FAILED',
    INVALID_TEXT_MESSAGE,
    found.slice(0, MAX_ISSUES).map((path) => ({ path, message: ISSUE_MESSAGE })),
  );
}

/** The text fields of a multipart form read so far, as {name: value or values}. */
function textFields(fields: MultipartFields): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, part] of Object.entries(fields)) {
    const values = (Array.isArray(part) ? part : [part])
      .filter((p): p is MultipartValue => p?.type === 'field')
      .map((p) => p.value);
    if (values.length) out[name] = values.length === 1 ? values[0] : values;
  }
  return out;
}

export const inputGuardPlugin = fp(async (app: FastifyInstance) => {
  app.addHook('preValidation', async (req) => {
    refuse([
      ...findBadText(req.params, ['params']),
      ...findBadText(req.query, ['querystring']),
      ...findBadText(req.body, ['body']),
    ]);
  });
  app.addHook('preHandler', async (req) => {
    if (!req.isMultipart()) return;
    const read = req.file.bind(req);
    req.file = async (options) => {
      const part = await read(options);
      if (part) refuse(findBadText(textFields(part.fields), ['body']));
      return part;
    };
  });
});
