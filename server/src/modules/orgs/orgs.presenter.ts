import type { OrgDetail, OrgRef, OrgSummary } from '../../../../core/contracts/orgs';
import type { Level, OrgKind } from '../../../../core/domain/orgs';

export interface OrgLike {
  id: string;
  name: string;
  kind: string;
  level: string;
  divisionCode: string | null;
}

export function toOrgRef(o: OrgLike): OrgRef {
  return {
    id: o.id,
    name: o.name,
    kind: o.kind as OrgKind,
    level: o.level as Level,
    divisionCode: o.divisionCode,
  };
}

export interface OrgRowLike extends OrgLike {
  parentId: string | null;
  countyCode: string;
  centerName: string | null;
  contact: string | null;
  synthetic: boolean;
  active: boolean;
}

export function toOrgSummary(o: OrgRowLike, pathNames: string[]): OrgSummary {
  return {
    ...toOrgRef(o),
    parentId: o.parentId,
    countyCode: o.countyCode,
    centerName: o.centerName,
    contact: o.contact,
    pathNames,
    synthetic: o.synthetic,
    active: o.active,
  };
}

export function toOrgDetail(
  o: OrgRowLike,
  ancestors: OrgLike[],
  counts: { childCount: number; userCount: number; gridCount: number },
): OrgDetail {
  return {
    ...toOrgSummary(
      o,
      ancestors.map((a) => a.name),
    ),
    ancestors: ancestors.map(toOrgRef),
    ...counts,
  };
}
