/**
 * Parties added or corrected after intake (the other side of a dispute filed online, a name misheard
 * at the window). A written mediation agreement needs both sides (人民调解法 art. 29), and a resident
 * filing online may know no more than a name: staff complete it later. The owning org's staff holding
 * matter.edit_parties, or the assigned mediator, may do it, never the org a petition
 * complains about; each change is an event in the same transaction, with the identity masked.
 */

import { randomUUID } from 'node:crypto';
import type { PartyCorrection, PartyInput } from '../../../../core/contracts/matters';
import { maskIdNumber, maskName, maskPhone } from '../../../../core/domain/masking';
import { can } from '../../../../core/domain/permissions';
import { AppError } from '../../../../core/errors';
import { requireActor } from '../../authz';
import type { Actor, Deps, RequestCtx } from '../../context';
import { piiCipher } from '../../pii/pii-cipher';
import { recordEvent } from '../events/events.service';
import { completesIdForConfirmation } from './archived-guard';
import * as repo from './matters.repo';
import { piiHash, validIdNumber } from './pii';
import { canSeeMatter, identityHiddenFrom } from './visibility';

function assertMayEdit(actor: Actor, m: repo.MatterRow): void {
  if (identityHiddenFrom(actor, m)) throw new AppError('FORBIDDEN', '被反映单位不能查看或更改当事人信息。');
  if (m.state.mediation?.mediatorId === actor.userId) return;
  if (actor.orgId === m.ownerOrgId && can(actor.roles, 'matter.edit_parties')) return;
  throw new AppError('FORBIDDEN', '只有责任单位的工作人员或指定的调解员可以添加、更正当事人。');
}

async function editableMatter(
  actor: Actor,
  tx: Parameters<typeof repo.lockById>[0],
  id: string,
  /** The one write an archived matter still takes (archived-guard.ts), decided there. */
  openAfterArchive: (m: repo.MatterRow) => Promise<boolean> = async () => false,
) {
  const m = await repo.lockById(tx, actor.countyCode, id);
  if (!m || !canSeeMatter(actor, m)) throw new AppError('NOT_FOUND');
  assertMayEdit(actor, m);
  if (m.status === 'archived' && (await openAfterArchive(m))) return m;
  if (m.status === 'archived' || m.status === 'merged') {
    throw new AppError('TRANSITION_REFUSED', '事项已归档（或已并单），不能再更改当事人。', {
      reason: 'MATTER_CLOSED',
    });
  }
  return m;
}

function checkId(idNumber: string | null | undefined): void {
  if (idNumber && !validIdNumber(idNumber)) {
    throw new AppError('VALIDATION_FAILED', `身份证号码 ${idNumber.slice(0, 6)}…校验位不正确，请核对。`, [
      { path: ['body', 'idNumber'], message: '身份证号码校验位不正确' },
    ]);
  }
}

/** What the event keeps of a party: masked, as the presenters show it. */
function masked(p: {
  role: string;
  name: string;
  phone: string | null;
  idNumber: string | null;
  address: string | null;
}) {
  return {
    role: p.role,
    name: maskName(p.name),
    phone: maskPhone(p.phone),
    idNumber: maskIdNumber(p.idNumber),
    address: p.address ? '（已隐去）' : null,
  };
}

function staffOf(ctx: RequestCtx): Actor {
  const actor = requireActor(ctx);
  // The role first: someone who never works matters learns nothing about which ids exist.
  if (!can(actor.roles, 'matter.work')) throw new AppError('FORBIDDEN');
  return actor;
}

export async function addParty(
  deps: Deps,
  ctx: RequestCtx,
  matterId: string,
  body: PartyInput,
): Promise<void> {
  const actor = staffOf(ctx);
  checkId(body.idNumber);
  const now = deps.clock.now();
  await deps.database.transaction(async (tx) => {
    const m = await editableMatter(actor, tx, matterId);
    const row = {
      countyCode: m.countyCode,
      id: randomUUID(),
      matterId: m.id,
      role: body.role,
      name: body.name,
      phone: body.phone ?? null,
      idNumber: body.idNumber?.toUpperCase() ?? null,
      phoneHash: piiHash(deps.config.piiHashKey, 'phone', body.phone),
      idHash: piiHash(deps.config.piiHashKey, 'id', body.idNumber),
      address: body.address ?? null,
      representative: body.representative === true,
      createdAt: now,
    };
    await repo.insertParties(tx, piiCipher(deps.config), [row]);
    await recordEvent(tx, ctx, deps.clock, {
      countyCode: m.countyCode,
      action: 'matter.party_added',
      objectType: 'matter',
      objectId: m.id,
      after: { partyId: row.id, ...masked(row) },
    });
  });
  deps.kickSealer();
}

export async function correctParty(
  deps: Deps,
  ctx: RequestCtx,
  matterId: string,
  partyId: string,
  body: PartyCorrection,
): Promise<void> {
  const actor = staffOf(ctx);
  checkId(body.idNumber);
  await deps.database.transaction(async (tx) => {
    const m = await editableMatter(actor, tx, matterId, (row) =>
      completesIdForConfirmation(deps, tx, row, partyId, body),
    );
    const parties = await repo.partiesOf(tx, m.countyCode, piiCipher(deps.config), m.id);
    const before = parties.find((p) => p.id === partyId);
    if (!before) throw new AppError('NOT_FOUND', '未找到该当事人。');
    if (
      body.role &&
      body.role !== 'applicant' &&
      before.role === 'applicant' &&
      !parties.some((p) => p.id !== partyId && p.role === 'applicant')
    ) {
      throw new AppError('VALIDATION_FAILED', '事项至少要有一位反映人（申请人）。');
    }
    const patch: Parameters<typeof repo.updateParty>[5] = {};
    if (body.role !== undefined) patch.role = body.role;
    if (body.name !== undefined) patch.name = body.name;
    if (body.representative !== undefined) patch.representative = body.representative;
    if (body.address !== undefined) patch.address = body.address;
    if (body.phone !== undefined) {
      patch.phone = body.phone;
      patch.phoneHash = piiHash(deps.config.piiHashKey, 'phone', body.phone);
    }
    if (body.idNumber !== undefined) {
      patch.idNumber = body.idNumber?.toUpperCase() ?? null;
      patch.idHash = piiHash(deps.config.piiHashKey, 'id', body.idNumber);
    }
    const after = await repo.updateParty(tx, m.countyCode, piiCipher(deps.config), m.id, partyId, patch);
    if (!after) throw new AppError('NOT_FOUND', '未找到该当事人。');
    await recordEvent(tx, ctx, deps.clock, {
      countyCode: m.countyCode,
      action: 'matter.party_corrected',
      objectType: 'matter',
      objectId: m.id,
      before: { partyId, ...masked(before) },
      after: {
        partyId,
        ...masked(after),
        // Which fields changed, by name: the values themselves stay masked.
        changed: Object.keys(patch).filter((k) => !k.endsWith('Hash')),
        // Completed on the archived file for the parties' judicial confirmation (archived-guard.ts).
        ...(m.status === 'archived' ? { afterArchive: true, purpose: 'judicial_confirmation' } : {}),
      },
    });
  });
  deps.kickSealer();
}
