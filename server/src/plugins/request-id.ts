/**
 * The request id: the caller's `X-Request-Id` when it is one (a reverse proxy or a client tracing a
 * call across systems), else a fresh UUID. It is logged with every line of the request, returned in
 * every error body and echoed in the response (security-headers.ts). An id is taken only when it is
 * printable ASCII of at most 128 characters: it goes into logs and headers as is, so no control
 * characters, no line breaks, nothing a log reader could be fooled by.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

const acceptable = /^[\x21-\x7e]{1,128}$/;

export function requestIdOf(req: Pick<IncomingMessage, 'headers'>): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && acceptable.test(given) ? given : randomUUID();
}
