/** The audit administrator's view of the event log: read and verify, within their county. */
import type { EventView } from '../../../../core/contracts/events';
import { maskIdentityDeep } from '../../../../core/domain/masking';
import { requirePermission } from '../../authz';
import type { Deps, RequestCtx } from '../../context';
import { readCheckpoints } from './checkpoints';
import type { EventFilter } from './events.repo';
import { listEvents, recordEvent, sealAll, verifyChain } from './events.service';
import { partyNamesByMatter } from './party-names';

export async function auditEvents(
  deps: Deps,
  ctx: RequestCtx,
  q: { page: number; pageSize: number } & Omit<EventFilter, 'countyCode'>,
) {
  const actor = requirePermission(ctx, 'audit.read');
  const { rows, total } = await listEvents(deps.database, actor.countyCode, q);
  // Reading the audit trail is itself audited (docs/SECURITY.md G11).
  await deps.database.transaction((tx) =>
    recordEvent(tx, ctx, deps.clock, {
      countyCode: actor.countyCode,
      action: 'audit.read',
      objectType: 'event_log',
      after: { filter: { ...q }, rows: rows.length },
    }),
  );
  deps.kickSealer();
  // The auditor holds no unmask right: identity typed into a reason or a recorded value (a phone in
  // an accept note) is masked, with the names of the parties of the matters on the page (G4).
  const names = await partyNamesByMatter(
    deps,
    actor.countyCode,
    rows.filter((e) => e.objectType === 'matter' && e.objectId).map((e) => e.objectId!),
  );
  const masked = <T>(e: { objectId: string | null }, v: T): T =>
    maskIdentityDeep(v, (e.objectId && names.get(e.objectId)) || []);
  const items: EventView[] = rows.map((e) => ({
    id: String(e.id),
    countyCode: e.countyCode,
    at: e.at.toISOString(),
    actorId: e.actorId,
    actorName: e.actorName,
    actorRole: e.actorRole,
    actorOrgId: e.actorOrgId,
    action: e.action,
    objectType: e.objectType,
    objectId: e.objectId,
    result: e.result as EventView['result'],
    before: masked(e, e.before ?? null),
    after: masked(e, e.after ?? null),
    reason: masked(e, e.reason),
    requestId: e.requestId,
    ip: e.ip,
    sealed: e.sealed,
  }));
  return { items, total, page: q.page, pageSize: q.pageSize };
}

export async function auditVerify(deps: Deps, ctx: RequestCtx) {
  const actor = requirePermission(ctx, 'audit.verify');
  await sealAll(deps.database, deps.clock);
  const result = await verifyChain(
    deps.database,
    actor.countyCode,
    await readCheckpoints(deps.config.checkpoints),
  );
  await deps.database.transaction((tx) =>
    recordEvent(tx, ctx, deps.clock, {
      countyCode: actor.countyCode,
      action: 'audit.verified',
      objectType: 'event_log',
      result: result.ok ? 'ok' : 'failed',
      after: result,
    }),
  );
  deps.kickSealer();
  return result;
}
