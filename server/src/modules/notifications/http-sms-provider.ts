/**
 * A real SMS gateway over HTTP (SMS_GATEWAY_URL, SMS_GATEWAY_KEY): one POST per message with the
 * number, the text and our outbox id (the gateway's idempotency key: a retried attempt does not send
 * twice), bearer-authenticated; any answer but 2xx fails the attempt and the outbox retries it.
 * Chinese gateways differ in detail; one that needs another shape gets its own adapter beside this one.
 */
import type { SmsProvider } from './sms-provider';
import { SMS_MAX_CHARS } from './sms-provider';

export function httpSmsProvider(p: { url: string; key: string; timeoutMs?: number }): SmsProvider {
  const target = new URL(p.url);
  return {
    name: 'http',
    async send(msg) {
      if (!/^1[3-9]\d{9}$/.test(msg.phone)) throw new Error('号码不是有效的手机号码');
      if (msg.text.length > SMS_MAX_CHARS) throw new Error(`短信超过 ${SMS_MAX_CHARS} 字`);
      const res = await fetch(target, {
        method: 'POST',
        redirect: 'manual',
        signal: AbortSignal.timeout(p.timeoutMs ?? 10_000),
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${p.key}`,
          'idempotency-key': msg.outboxId,
        },
        body: JSON.stringify({ to: msg.phone, text: msg.text, reference: msg.outboxId }),
      });
      const body = await res.text();
      if (res.status < 200 || res.status >= 300)
        throw new Error(`短信网关返回 HTTP ${res.status} ${body.slice(0, 120)}`);
      let id = msg.outboxId;
      try {
        const parsed = JSON.parse(body) as { messageId?: unknown; id?: unknown };
        id = String(parsed.messageId ?? parsed.id ?? id);
      } catch {}
      return { messageId: id };
    },
  };
}
