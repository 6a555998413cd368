/**
 * Sends one signed message to the court platform. The host comes only from configuration and the
 * path only from the message kind, redirects are not followed, and a URL that would leave the
 * configured host is refused before any byte is sent (docs/COURT-API.md §1).
 */
import { type OutboundKind, outboundPaths } from '../../../../core/contracts/court';
import { signatureHeaders } from '../../../../core/domain/court/signing-string';
import type { Config } from '../../config';
import { signRequest } from './court-signature';

export type SendOutcome =
  | { kind: 'delivered'; status: number; body: unknown }
  /** The court answered that the message itself is wrong: retrying the same bytes cannot help. */
  | { kind: 'rejected'; status: number; body: unknown }
  | { kind: 'retry'; error: string };

export type CourtSender = (
  kind: OutboundKind,
  idempotencyKey: string,
  payload: unknown,
) => Promise<SendOutcome>;

export function targetUrl(base: string, kind: OutboundKind): URL {
  const root = new URL(base);
  const url = new URL(outboundPaths[kind], root);
  if (url.host !== root.host || url.protocol !== root.protocol) {
    throw new Error(`court URL ${url.href} leaves the configured host ${root.host}`);
  }
  return url;
}

export function httpCourtSender(court: Config['court'], timeoutMs = 10_000): CourtSender {
  return async (kind, idempotencyKey, payload) => {
    if (!court.platformUrl) return { kind: 'retry', error: '未配置法院调解平台地址（COURT_PLATFORM_URL）' };
    const url = targetUrl(court.platformUrl, kind);
    const body = JSON.stringify(payload);
    try {
      const res = await fetch(url, {
        method: 'POST',
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
        headers: {
          'content-type': 'application/json',
          [signatureHeaders.idempotencyKey]: idempotencyKey,
          ...signRequest({
            method: 'POST',
            path: url.pathname,
            body,
            keyId: court.keyId,
            secret: court.outboundSecret,
            // Freshness is between two machines' real clocks, not the matter's business time.
            now: new Date(),
          }),
        },
        body,
      });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {}
      if (res.status >= 200 && res.status < 300)
        return { kind: 'delivered', status: res.status, body: parsed };
      // 408/425/429 and 5xx are the court's trouble, and signature refusals may be a clock or key
      // rollover on either side: all are retried. Other 4xx say the message itself is wrong.
      if ([400, 404, 413, 422].includes(res.status))
        return { kind: 'rejected', status: res.status, body: parsed };
      return { kind: 'retry', error: `HTTP ${res.status} ${text.slice(0, 200)}` };
    } catch (e) {
      return { kind: 'retry', error: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
    }
  };
}
