/**
 * mySociety's `servicerequestupdates`: GET gives the lifecycle steps of readable Open311 matters as
 * updates with extended statuses; POST takes the requester's further word from the client that filed
 * the matter. A posted status is the client's view and never moves our lifecycle (only staff do, under
 * the transition table); the words reach the handlers through the matter's timeline.
 */

import type { z } from 'zod';
import type { Open311PostUpdateBody, open311UpdatesQuery } from '../../../../core/contracts/open311';
import { type MatterStatus, matterStatusLabels } from '../../../../core/domain/matters/model';
import { transitionTable } from '../../../../core/domain/matters/transitions';
import { extendedStatuses, open311DateTime, open311StatusOf } from '../../../../core/domain/open311';
import { AppError } from '../../../../core/errors';
import type { Deps, RequestCtx } from '../../context';
import { write } from '../events/write';
import * as repo from './open311.repo';
import {
  bad,
  MAX_RANGE_DAYS,
  MAX_REQUESTS,
  publicServiceCodes,
  resolveJurisdiction,
} from './open311.service';
import { authenticateKey } from './open311-clients.service';

const DAY = 86_400_000;

export async function listUpdates(deps: Deps, q: z.infer<typeof open311UpdatesQuery>) {
  const countyCode = await resolveJurisdiction(deps, q.jurisdiction_id);
  const caller = await authenticateKey(deps, q.api_key, countyCode);
  const to = q.end_date ? new Date(q.end_date) : deps.clock.now();
  const from = q.start_date ? new Date(q.start_date) : new Date(to.getTime() - MAX_RANGE_DAYS * DAY);
  if (from.getTime() > to.getTime()) throw bad('start_date', 'start_date 不能晚于 end_date。');
  if (to.getTime() - from.getTime() > MAX_RANGE_DAYS * DAY) {
    throw bad('end_date', `start_date 与 end_date 相隔不能超过 ${MAX_RANGE_DAYS} 天。`);
  }
  const rows = await repo.statusEvents(
    deps.database.db,
    { countyCode, publicServiceCodes: await publicServiceCodes(deps, countyCode), clientId: caller.clientId },
    from,
    to,
    MAX_REQUESTS,
  );
  return rows.map((e) => {
    const after = (e.after ?? {}) as { status?: string; to?: string; action?: string };
    const status = (after.status ?? after.to ?? 'registered') as MatterStatus;
    const step =
      e.action === 'matter.registered'
        ? '受理登记'
        : (transitionTable[after.action as keyof typeof transitionTable]?.label ?? '办理');
    return {
      update_id: String(e.id),
      service_request_id: e.code,
      status: open311StatusOf(status).extended,
      updated_datetime: open311DateTime(e.at),
      // Only the step and the new status: staff names and reasons stay inside.
      description: `${step}：${matterStatusLabels[status] ?? status}`,
      media_url: '',
      external_status_code: status,
    };
  });
}

export async function postUpdate(deps: Deps, ctx: RequestCtx, body: Open311PostUpdateBody) {
  const countyCode = await resolveJurisdiction(deps, body.jurisdiction_id);
  const caller = await authenticateKey(deps, body.api_key, countyCode);
  const status = body.status.toUpperCase();
  if (!(extendedStatuses as readonly string[]).includes(status)) {
    throw bad('status', `status 只能是 ${extendedStatuses.join('、')} 之一。`);
  }
  const found = await repo.requestLinkOf(deps.database.db, countyCode, body.service_request_id);
  // Only the client that filed the matter speaks for its requester; to any other it does not exist.
  if (!found || found.link.clientId !== caller.clientId) {
    throw new AppError('NOT_FOUND', `未找到服务请求 ${body.service_request_id}。`, {
      reason: 'unknown_request',
    });
  }
  const now = deps.clock.now();
  const id = await write(deps, ctx, async ({ tx, event }) => {
    const row = await repo.insertUpdate(tx, {
      countyCode,
      clientId: caller.clientId,
      matterId: found.matter.id,
      updateId: body.update_id,
      status,
      description: body.description,
      mediaUrl: body.media_url ?? null,
      sentAt: new Date(body.updated_datetime),
      extra: body.external_status_code ? { external_status_code: body.external_status_code } : {},
      createdAt: now,
    });
    if (!row) {
      throw new AppError('ALREADY_EXISTS', `更新 ${body.update_id} 已提交过（already exists）。`, {
        reason: 'already_exists',
        field: 'update_id',
      });
    }
    await event({
      countyCode,
      action: 'open311.update_received',
      objectType: 'matter',
      objectId: found.matter.id,
      reason: body.description,
      after: {
        client: { id: caller.clientId, name: caller.clientName },
        updateId: body.update_id,
        status,
        mediaUrl: body.media_url ?? null,
        serviceCode: found.matter.serviceCode,
      },
    });
    return row.id;
  });
  return [{ update_id: String(id) }];
}
