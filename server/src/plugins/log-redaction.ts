/**
 * What the server log may keep of a request and of an error (docs/SECURITY.md G6). Query strings carry
 * search terms (a phone number typed into a search box) and Open311 api keys, so every value in them
 * is cut; database errors carry their SQL parameters (names, phone and ID numbers, a password hash),
 * in the driver's fields and in the ORM's message ("Failed query: … params: …"), so those are cut too.
 * The statement text, error codes and constraint names stay: they are what an operator needs.
 */
import { maskIdentityInText } from '../../../core/domain/masking';

/** The path and the names of the query parameters; every value is replaced. */
export function redactUrl(url: string): string {
  const at = url.indexOf('?');
  if (at < 0) return url;
  const names = url
    .slice(at + 1)
    .split('&')
    .filter(Boolean)
    .map((pair) => `${pair.split('=')[0]}=[redacted]`);
  return `${url.slice(0, at)}?${names.join('&')}`;
}

/**
 * Cuts the ORM's "params:" tail (to the end of the text: parameters may hold line breaks), a value
 * PostgreSQL quotes at the end of a line (`invalid input syntax for type integer: "…"`), and, as a
 * backstop, any phone or ID number left.
 */
function withoutParams(text: string): string {
  const at = text.search(/\n\s*params:/);
  const cut = at < 0 ? text : `${text.slice(0, at)}\nparams: [redacted]`;
  return maskIdentityInText(cut.replace(/: "[^\n]*"$/gm, ': "[redacted]"'));
}

/** Driver fields that may quote stored values (`Key (phone_hash)=(…) already exists`). */
const valueFields = new Set(['params', 'parameters', 'detail', 'where', 'internalQuery', 'hint']);

export function errForLog(err: unknown, depth = 0): unknown {
  if (!(err instanceof Error) || depth > 3) return typeof err === 'string' ? withoutParams(err) : err;
  const out: Record<string, unknown> = {
    type: err.name,
    message: withoutParams(err.message),
    stack: err.stack ? withoutParams(err.stack) : undefined,
  };
  for (const [k, v] of Object.entries(err)) {
    if (valueFields.has(k) || k === 'cause') continue;
    if (typeof v === 'string') out[k] = withoutParams(v);
    else if (typeof v === 'number' || typeof v === 'boolean') out[k] = v;
  }
  if (err.cause !== undefined) out.cause = errForLog(err.cause, depth + 1);
  return out;
}

/** The server's logger: cookies and CSRF tokens cut, URLs and errors as above. */
export function loggerOptions(level: string, stream?: { write(line: string): void }) {
  return {
    level,
    redact: ['req.headers.cookie', 'req.headers["x-csrf-token"]', 'res.headers["set-cookie"]'],
    serializers: {
      req: (req: { method: string; url: string; hostname?: string; ip?: string }) => ({
        method: req.method,
        url: redactUrl(req.url),
        host: req.hostname,
        remoteAddress: req.ip,
      }),
      err: errForLog,
    },
    ...(stream ? { stream } : {}),
  };
}
