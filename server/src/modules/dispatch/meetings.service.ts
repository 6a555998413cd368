/**
 * 工作调度会: a town (or district) center's leader calls the units, inside its tree and outside it,
 * with an agenda drawn from what is open, and records each decision as a joint task. Authorization:
 * `dispatch.convene` (leaders) at a territorial center; a meeting is seen and decided by the convening
 * center's leader or one above it; out of sight answers 404 like a missing one.
 */
import { randomUUID } from 'node:crypto';
import type { NewDispatchMeeting, NewJointTask } from '../../../../core/contracts/dispatch';
import { chinaDateOf, dueInstantOf, mechanismLabels } from '../../../../core/domain/dispatch/model';
import { AppError } from '../../../../core/errors';
import { canSee, requirePermission } from '../../authz';
import type { Actor, Deps, RequestCtx } from '../../context';
import type { Executor } from '../../db/client';
import { piiCipher } from '../../pii/pii-cipher';
import { recordEvent } from '../events/events.service';
import { toOrgRef } from '../orgs/orgs.presenter';
import { getOrgRow, orgRowsByIds } from '../orgs/orgs.service';
import { drawAgenda } from './agenda.service';
import { toMeetingSummary, toMeetingView } from './dispatch.presenter';
import * as repo from './dispatch.repo';

type Convening = Actor & { orgId: string; orgPath: string };

/** A leader of a town or district center: the levels the model has call 调度会. */
function convenerOf(ctx: RequestCtx): Convening {
  const actor = requirePermission(ctx, 'dispatch.convene');
  if (!actor.orgId || !actor.orgPath) throw new AppError('FORBIDDEN');
  if (actor.orgKind !== 'town' && actor.orgKind !== 'district') {
    throw new AppError('FORBIDDEN', '工作调度会由镇（街道）或区综治中心召集。');
  }
  return actor as Convening;
}

/** Opens a party's sealed name, to mask it where it was typed into a title. */
function openerOf(deps: Deps): (sealed: string) => string {
  const cipher = piiCipher(deps.config);
  return (sealed) => cipher.open('name', sealed) ?? '';
}

async function namesOf(deps: Deps, ids: string[]): Promise<Map<string, string>> {
  const m = await orgRowsByIds(deps, ids);
  return new Map([...m].map(([id, o]) => [id, o.name]));
}

export async function participantOptions(deps: Deps, ctx: RequestCtx) {
  const actor = convenerOf(ctx);
  const got = await repo.partnerOrgs(deps.database.db, actor.countyCode, actor.orgPath);
  return {
    items: got.map((o) => ({
      org: toOrgRef({ ...o, divisionCode: o.division_code }),
      inside: o.path.startsWith(actor.orgPath),
    })),
  };
}

export async function agendaDraft(deps: Deps, ctx: RequestCtx) {
  const actor = convenerOf(ctx);
  const c = { id: actor.orgId, countyCode: actor.countyCode, path: actor.orgPath };
  return {
    items: await drawAgenda(
      deps.database.db,
      c,
      deps.clock.now(),
      (ids) => namesOf(deps, ids),
      openerOf(deps),
    ),
  };
}

export async function createMeeting(deps: Deps, ctx: RequestCtx, body: NewDispatchMeeting) {
  const actor = convenerOf(ctx);
  const ids = [...new Set(body.participantOrgIds)];
  const orgs = await orgRowsByIds(deps, ids);
  const missing = ids.filter((id) => {
    const o = orgs.get(id);
    return !o || o.countyCode !== actor.countyCode || !o.active;
  });
  if (missing.length > 0) {
    throw new AppError('VALIDATION_FAILED', '参会单位不存在或已停用，请重新选择。', {
      fields: { participantOrgIds: '参会单位不存在或已停用' },
    });
  }
  const now = deps.clock.now();
  const id = randomUUID();
  const c = { id: actor.orgId, countyCode: actor.countyCode, path: actor.orgPath };
  await deps.database.transaction(async (tx) => {
    const agenda = await drawAgenda(
      tx,
      c,
      now,
      async (oids) => {
        // One org after another, never Promise.all: the transaction is one connection, and pg queues
        // a query sent while another runs on it (deprecated, to be refused by pg 9).
        const names = new Map<string, string>();
        for (const o of oids) {
          const r = await getOrgRow(deps, o, tx);
          if (r) names.set(r.id, r.name);
        }
        return names;
      },
      openerOf(deps),
    );
    await repo.insertMeeting(tx, {
      countyCode: actor.countyCode,
      id,
      convenerOrgId: actor.orgId,
      convenerPath: actor.orgPath,
      kind: body.kind,
      topic: body.topic,
      startsAt: new Date(body.startsAt),
      place: body.place,
      participants: [
        ...ids.map((oid) => {
          const o = orgs.get(oid)!;
          return { orgId: oid, name: o.name, inside: o.path.startsWith(actor.orgPath) };
        }),
        ...body.externalParticipants.map((name) => ({ orgId: null, name, inside: false })),
      ],
      agenda: agenda.map(({ sourceLabel: _, ...a }) => a),
      createdBy: actor.userId,
      createdAt: now,
    });
    await recordEvent(tx, ctx, deps.clock, {
      countyCode: actor.countyCode,
      action: 'dispatch.meeting_called',
      objectType: 'dispatch_meeting',
      objectId: id,
      after: { kind: body.kind, topic: body.topic, participants: ids, agendaItems: agenda.length },
    });
  });
  deps.kickSealer();
  return getMeeting(deps, ctx, id);
}

async function visibleMeeting(ex: Executor, actor: Actor, id: string) {
  const m = await repo.meetingById(ex, actor.countyCode, id);
  if (!m || !canSee(actor, m.countyCode, m.convenerPath)) throw new AppError('NOT_FOUND');
  return m;
}

export async function listMeetings(deps: Deps, ctx: RequestCtx, q: { page: number; pageSize: number }) {
  const actor = requirePermission(ctx, 'dispatch.convene');
  if (!actor.orgPath) throw new AppError('FORBIDDEN');
  const { items, total } = await repo.listMeetings(deps.database.db, actor.countyCode, actor.orgPath, {
    limit: q.pageSize,
    offset: (q.page - 1) * q.pageSize,
  });
  const tasks = await repo.tasksOfMeetings(
    deps.database.db,
    actor.countyCode,
    items.map((m) => m.id),
  );
  const orgs = await orgRowsByIds(
    deps,
    items.map((m) => m.convenerOrgId),
  );
  return {
    items: items.map((m) =>
      toMeetingSummary(
        m,
        orgs.get(m.convenerOrgId),
        tasks.filter((t) => t.meetingId === m.id),
      ),
    ),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
}

export async function getMeeting(deps: Deps, ctx: RequestCtx, id: string) {
  const actor = requirePermission(ctx, 'dispatch.convene');
  const m = await visibleMeeting(deps.database.db, actor, id);
  const tasks = await repo.tasksOfMeetings(deps.database.db, m.countyCode, [m.id]);
  const orgIds = [
    m.convenerOrgId,
    ...m.participants.flatMap((p) => (p.orgId ? [p.orgId] : [])),
    ...tasks.flatMap((t) => [t.leadOrgId, ...t.coOrgIds]),
  ];
  const orgs = await orgRowsByIds(deps, orgIds);
  return toMeetingView(m, orgs, tasks, actor, true);
}

/**
 * A decision: one joint task. The lead and co-units must be at the table (participants of the
 * meeting): a task is handed to a unit that took part, never to one that did not hear it.
 */
export async function addTask(deps: Deps, ctx: RequestCtx, meetingId: string, body: NewJointTask) {
  const actor = requirePermission(ctx, 'dispatch.convene');
  const m = await visibleMeeting(deps.database.db, actor, meetingId);
  const at = new Set(m.participants.flatMap((p) => (p.orgId ? [p.orgId] : [])));
  const coIds = [...new Set(body.coOrgIds)].filter((id) => id !== body.leadOrgId);
  if (!at.has(body.leadOrgId) || coIds.some((id) => !at.has(id))) {
    throw new AppError('VALIDATION_FAILED', '牵头单位和配合单位须为本次调度会的参会单位。', {
      fields: { leadOrgId: '须为参会单位' },
    });
  }
  const now = deps.clock.now();
  if (body.dueDate < chinaDateOf(now)) {
    throw new AppError('VALIDATION_FAILED', '完成时限不能早于今天。', {
      fields: { dueDate: '不能早于今天' },
    });
  }
  if (body.agendaSeq !== null && !m.agenda.some((a) => a.seq === body.agendaSeq)) {
    throw new AppError('VALIDATION_FAILED', '所选议程不存在。', { fields: { agendaSeq: '所选议程不存在' } });
  }
  const orgs = await orgRowsByIds(deps, [body.leadOrgId, ...coIds]);
  const lead = orgs.get(body.leadOrgId)!;
  const id = randomUUID();
  await deps.database.transaction(async (tx) => {
    await repo.insertTask(tx, {
      countyCode: m.countyCode,
      id,
      meetingId: m.id,
      convenerOrgId: m.convenerOrgId,
      convenerPath: m.convenerPath,
      agendaSeq: body.agendaSeq,
      title: body.title,
      mechanism: body.mechanism,
      leadOrgId: lead.id,
      leadPath: lead.path,
      coOrgIds: coIds,
      coPaths: coIds.map((c) => orgs.get(c)!.path),
      dueDate: body.dueDate,
      dueAt: dueInstantOf(body.dueDate),
      status: 'assigned',
      progress: [],
      result: null,
      completedAt: null,
      overdueAt: null,
      supervisedAt: null,
      createdAt: now,
      updatedAt: now,
    });
    await recordEvent(tx, ctx, deps.clock, {
      countyCode: m.countyCode,
      action: 'dispatch.task_assigned',
      objectType: 'joint_task',
      objectId: id,
      after: {
        meetingId: m.id,
        mechanism: mechanismLabels[body.mechanism],
        leadOrgId: lead.id,
        coOrgIds: coIds,
        dueDate: body.dueDate,
      },
    });
  });
  deps.kickSealer();
  return getMeeting(deps, ctx, meetingId);
}
