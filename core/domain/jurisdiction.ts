/**
 * Jurisdiction (docs/SECURITY.md promise 1): a staff member reaches the subtree of their own org.
 * Org paths are materialised as '/<id>/<id>/…/' from the county root down, so "is inside" is a
 * prefix test that the database can also answer with an index (`path LIKE prefix || '%'`).
 */
export interface Scoped {
  countyCode: string;
  orgPath: string;
}

export function orgPathOf(parentPath: string | null, id: string): string {
  return `${parentPath ?? '/'}${id}/`;
}

export function isWithin(viewer: Scoped, objectCountyCode: string, objectOrgPath: string): boolean {
  return viewer.countyCode === objectCountyCode && objectOrgPath.startsWith(viewer.orgPath);
}

/** Ids on a path from the root down to the org itself. */
export function pathIds(orgPath: string): string[] {
  return orgPath.split('/').filter(Boolean);
}
