/**
 * The notification outbox (issue 7): writers enqueue in their own transaction, the sweep delivers.
 * Channels: `in_app` (a row in the recipient's mailbox) and `sms` (through the SmsProvider). Each
 * attempt is recorded; a failed one is retried with growing pauses and given up after MAX_ATTEMPTS,
 * so a broken number never blocks the others.
 */
import { randomUUID } from 'node:crypto';
import type { InAppMessage } from '../../../../core/contracts/notifications';
import { maskPhone } from '../../../../core/domain/masking';
import { isNoticeTemplateCode, noticeTemplateSpecs } from '../../../../core/domain/notices/notice-templates';
import { AppError } from '../../../../core/errors';
import { requireActor } from '../../authz';
import type { Deps, RequestCtx } from '../../context';
import type { Executor } from '../../db/client';
import { processLogger } from '../../logger';
import { perCounty } from '../../overdue-sweep';
import { piiCipher } from '../../pii/pii-cipher';
import { countyNoticeTexts } from '../config/notice-templates.service';
import { write } from '../events/write';
import * as repo from './notifications.repo';
import { devSmsProvider, type SmsProvider } from './sms-provider';
import { render, type TemplateCode } from './templates';

export const MAX_ATTEMPTS = 5;
/** Pause before attempt n+1 (minutes): 1, 5, 15, 60. */
const backoffMinutes = [1, 5, 15, 60];

export interface Notification {
  countyCode: string;
  template: TemplateCode;
  params: Record<string, string>;
  /** In-app to this account, or SMS to this phone. */
  to: { userId: string } | { phone: string };
  ref?: { type: string; id: string };
}

/**
 * Enqueue inside the caller's transaction: the message exists exactly when the write it reports does.
 * A recipient's phone number is stored sealed, like a party's (docs/SECURITY.md G31).
 */
export async function enqueue(
  deps: Pick<Deps, 'config'>,
  ex: Executor,
  now: Date,
  items: Notification[],
): Promise<number> {
  const cipher = piiCipher(deps.config);
  // Render once now so a template error refuses the write instead of failing in the sweep.
  for (const n of items) render(n.template, n.params);
  await repo.insertOutbox(
    ex,
    items.map((n) => ({
      countyCode: n.countyCode,
      id: randomUUID(),
      channel: 'userId' in n.to ? 'in_app' : 'sms',
      template: n.template,
      params: n.params,
      recipientUserId: 'userId' in n.to ? n.to.userId : null,
      recipientPhone: 'phone' in n.to ? cipher.seal('phone', n.to.phone) : null,
      refType: n.ref?.type ?? null,
      refId: n.ref?.id ?? null,
      status: 'pending',
      attempts: 0,
      nextAttemptAt: now,
      createdAt: now,
    })),
  );
  return items.length;
}

/**
 * The start-up re-seal of SMS recipients' phones stored before encryption or under a rotated-out key
 * (as modules/matters/pii-reseal.service.ts does for parties). Returns how many were re-sealed.
 */
export async function resealRecipientPhones(deps: Pick<Deps, 'database' | 'config'>): Promise<number> {
  const cipher = piiCipher(deps.config);
  let done = 0;
  for (;;) {
    const batch = await perCounty(deps, (county) =>
      repo.phonesToReseal(deps.database.db, county, cipher.currentKeyId, 500),
    );
    if (!batch.length) return done;
    await deps.database.transaction(async (tx) => {
      for (const r of batch)
        await repo.setRecipientPhone(
          tx,
          r.countyCode,
          r.id,
          cipher.seal('phone', cipher.open('phone', r.phone)),
        );
    });
    done += batch.length;
  }
}

export function configuredSmsProvider(deps: Deps): SmsProvider {
  // Only the development provider exists yet (config SMS_PROVIDER=dev); a gateway plugs in here.
  const logger = processLogger(deps.config.logLevel);
  return devSmsProvider(deps.database.db, (line) => logger.info(line));
}

/** A delivered (or abandoned) message's secret parameters, wiped from the outbox row (notice-templates.ts). */
function wiped(template: string, params: Record<string, string>): { params?: Record<string, string> } {
  const secret = isNoticeTemplateCode(template) ? noticeTemplateSpecs[template].secret : undefined;
  if (!secret?.length) return {};
  return { params: { ...params, ...Object.fromEntries(secret.map((k) => [k, '（已删除）'])) } };
}

export interface DeliveryReport {
  sent: number;
  retried: number;
  failed: number;
}

/**
 * One pass of the sweep. The provider is called outside any transaction (a gateway call must not hold
 * row locks); the outcome is then written with the attempt row in one transaction. One sweeper runs
 * per process (jobs/notification-sweep.ts), and the status check under the row lock keeps a message
 * from being marked twice.
 */
export async function deliverDue(
  deps: Deps,
  sms = configuredSmsProvider(deps),
  limit = 100,
): Promise<DeliveryReport> {
  const report: DeliveryReport = { sent: 0, retried: 0, failed: 0 };
  const now = deps.clock.now();
  // Each county's own texts (通知模板), read once per batch; the shipped ones where it has none.
  const texts = new Map<string, Awaited<ReturnType<typeof countyNoticeTexts>>>();
  const due = await perCounty(deps, (county) => repo.due(deps.database.db, county, now, limit));
  for (const row of due) {
    if (!texts.has(row.countyCode))
      texts.set(row.countyCode, await countyNoticeTexts(deps.database.db, row.countyCode));
    const msg = render(row.template, row.params, texts.get(row.countyCode));
    let ok = false;
    let error: string | null = null;
    let messageId: string | null = null;
    let inApp = false;
    try {
      if (row.channel === 'in_app') inApp = true;
      else if (row.recipientPhone)
        messageId = (
          await sms.send(
            {
              countyCode: row.countyCode,
              outboxId: row.id,
              phone: piiCipher(deps.config).open('phone', row.recipientPhone)!,
              text: msg.text,
            },
            now,
          )
        ).messageId;
      else throw new Error('短信缺少接收号码');
      ok = true;
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
    }
    await deps.database.transaction(async (tx) => {
      const locked = await repo.lockPending(tx, row.countyCode, row.id);
      if (!locked) return;
      const attemptNo = locked.attempts + 1;
      if (ok && inApp) {
        messageId = randomUUID();
        await repo.insertInApp(tx, {
          countyCode: row.countyCode,
          id: messageId,
          outboxId: row.id,
          userId: row.recipientUserId!,
          title: msg.title,
          body: msg.text,
          link: msg.link,
          createdAt: now,
        });
      }
      await repo.insertAttempt(tx, {
        countyCode: row.countyCode,
        id: randomUUID(),
        outboxId: row.id,
        attemptNo,
        provider: inApp ? 'in_app' : sms.name,
        ok: ok ? 'ok' : 'failed',
        providerMessageId: messageId,
        error,
        at: now,
      });
      if (ok) {
        await repo.updateOutbox(tx, row.countyCode, row.id, {
          status: 'sent',
          attempts: attemptNo,
          sentAt: now,
          lastError: null,
          ...wiped(row.template, row.params),
        });
        report.sent++;
      } else if (attemptNo >= MAX_ATTEMPTS) {
        await repo.updateOutbox(tx, row.countyCode, row.id, {
          status: 'failed',
          attempts: attemptNo,
          lastError: error,
          ...wiped(row.template, row.params),
        });
        report.failed++;
      } else {
        const pause = backoffMinutes[Math.min(attemptNo - 1, backoffMinutes.length - 1)]! * 60_000;
        await repo.updateOutbox(tx, row.countyCode, row.id, {
          attempts: attemptNo,
          lastError: error,
          nextAttemptAt: new Date(now.getTime() + pause),
        });
        report.retried++;
      }
    });
  }
  return report;
}

/** The signed-in account's own in-app messages, newest first. */
export async function myMessages(deps: Deps, ctx: RequestCtx): Promise<InAppMessage[]> {
  const actor = requireActor(ctx);
  const rows = await repo.messagesOf(deps.database.db, actor.countyCode, actor.userId, 100);
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    body: r.body,
    link: r.link,
    read: r.readAt !== null,
    createdAt: r.createdAt.toISOString(),
  }));
}

/** Marks one of the account's own messages read; anyone else's message answers like a missing one. */
export async function markMessageRead(deps: Deps, ctx: RequestCtx, id: string): Promise<InAppMessage> {
  const actor = requireActor(ctx);
  const m = await repo.messageOf(deps.database.db, actor.countyCode, id, actor.userId);
  if (!m) throw new AppError('NOT_FOUND');
  if (!m.readAt) {
    await write(deps, ctx, async ({ tx, event }) => {
      if (await repo.markRead(tx, m.countyCode, id, actor.userId, deps.clock.now()))
        await event({
          countyCode: m.countyCode,
          action: 'notification.read',
          objectType: 'in_app_message',
          objectId: id,
        });
    });
  }
  const fresh = (await repo.messageOf(deps.database.db, actor.countyCode, id, actor.userId))!;
  return {
    id: fresh.id,
    title: fresh.title,
    body: fresh.body,
    link: fresh.link,
    read: fresh.readAt !== null,
    createdAt: fresh.createdAt.toISOString(),
  };
}

/** Delivery state of the messages about some objects, for the sender's page (phones masked). */
export async function deliveryOf(deps: Deps, countyCode: string, refType: string, refIds: string[]) {
  const rows = await repo.byRefs(deps.database.db, countyCode, refType, refIds);
  return rows.map((r) => ({
    refId: r.refId,
    channel: r.channel,
    status: r.status,
    attempts: r.attempts,
    recipientUserId: r.recipientUserId,
    recipientPhone: maskPhone(piiCipher(deps.config).open('phone', r.recipientPhone)),
  }));
}
