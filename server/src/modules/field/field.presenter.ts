import type { FieldLog, FieldLogKind } from '../../../../core/contracts/field';
import type { FieldLogRow } from './field.repo';

export function toFieldLog(r: { log: FieldLogRow; gridName: string | null }): FieldLog {
  const l = r.log;
  return {
    id: l.id,
    kind: l.kind as FieldLogKind,
    happenedAt: l.happenedAt.toISOString(),
    receivedAt: l.createdAt.toISOString(),
    lng: l.lng,
    lat: l.lat,
    address: l.address,
    grid: l.gridId && r.gridName ? { id: l.gridId, name: r.gridName } : null,
    note: l.note,
    matterId: l.matterId,
  };
}
