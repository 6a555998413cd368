/**
 * The court outbox (docs/COURT-API.md §4). `enqueue` runs inside the transaction of the matter change
 * that causes the message, so the two commit or roll back together. `deliverDue` leases due messages,
 * sends each with its idempotency key, and records the outcome; a failure waits for the backoff and
 * is tried again, for as long as it takes. Every attempt's outcome is in the event log.
 */
import { randomUUID } from 'node:crypto';
import { type OutboundKind, outboundSchemas } from '../../../../core/contracts/court';
import { retryDelaySeconds } from '../../../../core/domain/court/backoff';
import { AppError } from '../../../../core/errors';
import type { Deps, RequestCtx } from '../../context';
import type { Tx } from '../../db/client';
import { piiCipher } from '../../pii/pii-cipher';
import { countyCodes } from '../counties/counties.service';
import { recordEvent } from '../events/events.service';
import * as cases from './court-cases.repo';
import type { CourtSender } from './court-client';
import * as repo from './outbox.repo';

export const leaseSeconds = 60;

/** A stored message as it is sent: sealed ones opened; one stored before sealing is returned as it is. */
export function openPayload(deps: Pick<Deps, 'config'>, payload: unknown): unknown {
  const sealed = (payload as { sealed?: unknown } | null)?.sealed;
  if (typeof sealed !== 'string') return payload;
  return JSON.parse(piiCipher(deps.config).open('court_message', sealed)!);
}

export async function enqueue(
  deps: Deps,
  ctx: RequestCtx,
  tx: Tx,
  m: { countyCode: string; matterId: string | null; courtCaseId: string | null },
  kind: OutboundKind,
  payload: { messageId: string },
): Promise<string> {
  // Only the agreed fields leave: the payload must match the court's schema exactly.
  const checked = outboundSchemas[kind].safeParse(payload);
  if (!checked.success) {
    throw new AppError('COMMAND_INVALID', '发送给法院的材料不完整或含有未约定的字段。', {
      issues: checked.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    });
  }
  const now = deps.clock.now();
  await repo.insert(tx, {
    countyCode: m.countyCode,
    id: payload.messageId,
    matterId: m.matterId,
    courtCaseId: m.courtCaseId,
    kind,
    idempotencyKey: `zz-${payload.messageId}`,
    // The parties' ID and phone numbers ride in the message: it is stored sealed (G31).
    payload: { sealed: piiCipher(deps.config).seal('court_message', JSON.stringify(checked.data)) },
    status: 'pending',
    nextAttemptAt: now,
    createdAt: now,
  });
  await recordEvent(tx, ctx, deps.clock, {
    countyCode: m.countyCode,
    action: 'court.message_queued',
    objectType: m.matterId ? 'matter' : 'court_case',
    objectId: m.matterId ?? m.courtCaseId,
    after: { kind, messageId: payload.messageId, courtCaseId: m.courtCaseId },
  });
  deps.kickCourt?.();
  return payload.messageId;
}

export function newMessageId(): string {
  return randomUUID();
}

export interface DeliveryReport {
  delivered: number;
  retried: number;
  rejected: number;
}

export async function deliverDue(
  deps: Deps,
  send: CourtSender,
  opts: { limit?: number; random?: () => number } = {},
): Promise<DeliveryReport> {
  const report: DeliveryReport = { delivered: 0, retried: 0, rejected: 0 };
  const now = deps.clock.now();
  // County by county (each county's messages live on its own shard), within one budget per run.
  const limit = opts.limit ?? 20;
  const due: repo.OutboxRow[] = [];
  for (const county of await countyCodes(deps)) {
    if (due.length >= limit) break;
    due.push(...(await repo.leaseDue(deps.database.db, county, now, limit - due.length, leaseSeconds)));
  }
  const ctx: RequestCtx = { requestId: `court-outbox-${now.toISOString()}`, ip: null, actor: null };
  for (const row of due) {
    const kind = row.kind as OutboundKind;
    const checked = outboundSchemas[kind]?.safeParse(openPayload(deps, row.payload));
    const outcome = checked?.success
      ? await send(kind, row.idempotencyKey, checked.data)
      : ({ kind: 'rejected', status: 0, body: null } as const);
    const at = deps.clock.now();
    await deps.database.transaction(async (tx) => {
      const base = {
        countyCode: row.countyCode,
        objectType: row.matterId ? 'matter' : 'court_message',
        objectId: row.matterId ?? row.id,
      };
      if (outcome.kind === 'delivered') {
        await repo.markDelivered(tx, row, at, outcome.body);
        await markCase(tx, row, 'delivered', at);
        report.delivered++;
        await recordEvent(tx, ctx, deps.clock, {
          ...base,
          action: 'court.message_delivered',
          after: { kind, messageId: row.id, attempts: row.attempts, httpStatus: outcome.status },
        });
      } else if (outcome.kind === 'rejected') {
        const why = checked?.success ? `法院退回：HTTP ${outcome.status}` : '报文不符合约定格式，未发送';
        await repo.markRejected(tx, row, outcome.body, why);
        await markCase(tx, row, 'rejected', at);
        report.rejected++;
        await recordEvent(tx, ctx, deps.clock, {
          ...base,
          action: 'court.message_rejected',
          result: 'failed',
          reason: why,
          after: { kind, messageId: row.id, attempts: row.attempts, answer: outcome.body },
        });
      } else {
        const next = new Date(at.getTime() + retryDelaySeconds(row.attempts, opts.random) * 1000);
        await repo.scheduleRetry(tx, row, next, outcome.error);
        report.retried++;
        await recordEvent(tx, ctx, deps.clock, {
          ...base,
          action: 'court.delivery_failed',
          result: 'failed',
          reason: outcome.error.slice(0, 300),
          after: { kind, messageId: row.id, attempts: row.attempts, nextAttemptAt: next.toISOString() },
        });
      }
    });
  }
  if (due.length) deps.kickSealer();
  return report;
}

/** What a delivery does to the court case waiting on it; a later answer from the court is kept. */
const onDelivered: Record<string, string> = { queued: 'sent', result_queued: 'result_sent' };

async function markCase(tx: Tx, row: repo.OutboxRow, outcome: 'delivered' | 'rejected', at: Date) {
  if (!row.courtCaseId) return;
  const c = await cases.byId(tx, row.countyCode, row.courtCaseId);
  const next = c && (outcome === 'delivered' ? onDelivered[c.status] : 'rejected_by_platform');
  if (c && next) await cases.update(tx, c, { status: next, updatedAt: at });
}
