/** Orgs as the lifecycle sees them (core/domain/matters OrgRef), built from org rows. */
import type { OrgRef } from '../../../../core/domain/matters/model';
import type { Level, OrgKind } from '../../../../core/domain/orgs';

export function orgRefOf(o: { id: string; path: string; level: string; kind: string; name: string }): OrgRef {
  const ref: OrgRef = { id: o.id, path: o.path, level: o.level as Level, kind: o.kind as OrgKind };
  // 信访部门 follow XF art. 22 (register, then transfer or assign within 15 days) instead of art. 23.
  return o.kind === 'department' && o.name.includes('信访') ? { ...ref, petitionBureau: true } : ref;
}
