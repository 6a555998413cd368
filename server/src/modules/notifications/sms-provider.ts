/**
 * How an SMS leaves the system. The outbox sweep calls `send` once per attempt and records what it
 * answered; a provider throws to fail an attempt (the sweep retries later). A real HTTP gateway (a
 * later issue) implements this interface; the development provider below keeps what it would have
 * sent in `dev_sms_messages` and the log, with the number masked in the log.
 */
import { randomUUID } from 'node:crypto';
import { maskPhone } from '../../../../core/domain/masking';
import type { Executor } from '../../db/client';
import { devSmsMessages } from '../../db/schema';

export interface SmsMessage {
  countyCode: string;
  outboxId: string;
  phone: string;
  text: string;
}

export interface SmsProvider {
  readonly name: string;
  send(msg: SmsMessage, at: Date): Promise<{ messageId: string }>;
}

/** The longest text one SMS may carry when split into 67-character parts (carriers join up to 5). */
export const SMS_MAX_CHARS = 335;

export function devSmsProvider(ex: Executor, log: (line: string) => void): SmsProvider {
  return {
    name: 'dev',
    async send(msg, at) {
      // The same refusals a gateway gives, so retries and failures behave as they will in production.
      if (!/^1[3-9]\d{9}$/.test(msg.phone)) throw new Error('号码不是有效的手机号码');
      if (msg.text.length > SMS_MAX_CHARS) throw new Error(`短信超过 ${SMS_MAX_CHARS} 字`);
      const id = randomUUID();
      await ex.insert(devSmsMessages).values({
        countyCode: msg.countyCode,
        id,
        outboxId: msg.outboxId,
        phone: msg.phone,
        text: msg.text,
        createdAt: at,
      });
      log(`[sms:dev] to ${maskPhone(msg.phone)}: ${msg.text}`);
      return { messageId: id };
    },
  };
}
