/**
 * What intake checks before it writes anything: the body against the county's catalog in force, the
 * place (a point in a grid, or a village) inside the county, and where the routing rules' level and
 * office land for this place.
 */
import type { IntakeBody } from '../../../../core/contracts/matters';
import { categoryByCode } from '../../../../core/domain/catalog/categories';
import type { CountyCatalogLists } from '../../../../core/domain/catalog/county-catalog';
import { toWgs84 } from '../../../../core/domain/geo/gcj02';
import { checkRepresentatives } from '../../../../core/domain/matters/collective';
import type { Level } from '../../../../core/domain/orgs';
import { AppError } from '../../../../core/errors';
import type { Deps } from '../../context';
import { placeOfPoint } from '../grids/grids.service';
import { getOrgRow, type OrgRow, searchChildren } from '../orgs/orgs.service';
import { validIdNumber } from './pii';

export interface Place {
  countyCode: string;
  address: string | null;
  lng: number | null;
  lat: number | null;
  /** 'gcj02' when the point was given in GCJ-02 and converted; null when given in WGS-84. */
  coordConvertedFrom: 'gcj02' | null;
  gridId: string | null;
  village: OrgRow | null;
  town: OrgRow | null;
}

export async function resolvePlace(deps: Deps, countyCode: string, p: IntakeBody['place']): Promise<Place> {
  // Everything downstream (grids, duplicates, the stored point) is WGS-84: convert a GCJ-02 point first.
  const given = p.lng !== undefined && p.lat !== undefined ? { lng: p.lng, lat: p.lat } : null;
  const gcj = given !== null && p.coordSystem === 'gcj02';
  const point = given && toWgs84(given, p.coordSystem ?? 'wgs84');
  const base = {
    countyCode,
    address: p.address ?? null,
    lng: point?.lng ?? null,
    lat: point?.lat ?? null,
    coordConvertedFrom: gcj ? ('gcj02' as const) : null,
  };
  if (point) {
    const hit = await placeOfPoint(deps, point.lng, point.lat);
    if (!hit || hit.countyCode !== countyCode)
      throw new AppError('OUTSIDE_COUNTY', '事发地点不在本县（区）范围内，请核对位置。');
    const village = (await getOrgRow(deps, hit.grid.village.id)) ?? null;
    const town = (await getOrgRow(deps, hit.grid.town.id)) ?? null;
    return { ...base, gridId: hit.grid.id, village, town };
  }
  if (p.villageId) {
    const village = await getOrgRow(deps, p.villageId);
    if (village?.kind !== 'village' || village.countyCode !== countyCode) {
      throw new AppError('VALIDATION_FAILED', '请选择本县（区）的村（社区）。');
    }
    const town = village.parentId ? ((await getOrgRow(deps, village.parentId)) ?? null) : null;
    return { ...base, gridId: null, village, town };
  }
  return { ...base, gridId: null, village: null, town: null };
}

/** Checks the body against the county's catalog in force (its own version, or the shipped one). */
export function validateIntake(body: IntakeBody, catalog: CountyCatalogLists) {
  const category = categoryByCode(body.categoryCode, catalog.categories);
  if (!category) throw new AppError('VALIDATION_FAILED', `未知的事项类别：${body.categoryCode}`);
  // Retired categories stay on the matters filed under them, but take no new ones.
  if (category.retired)
    throw new AppError('CATEGORY_RETIRED', `事项类别“${category.name}”已停用，请选择其他类别。`, {
      categoryCode: category.code,
    });
  if (!category.kinds.includes(body.kind)) {
    throw new AppError('VALIDATION_FAILED', `类别“${category.name}”不适用于所选事项类型。`);
  }
  for (const p of body.parties) {
    if (p.idNumber && !validIdNumber(p.idNumber)) {
      throw new AppError('VALIDATION_FAILED', `身份证号码 ${p.idNumber.slice(0, 6)}…校验位不正确，请核对。`);
    }
  }
  const applicants = body.parties.filter((p) => p.role === 'applicant');
  if (applicants.length === 0) throw new AppError('VALIDATION_FAILED', '至少填写一位反映人（申请人）。');
  const applicantCount = Math.max(body.applicantCount ?? applicants.length, applicants.length);
  const reps = checkRepresentatives({
    channel: body.channel,
    applicantCount,
    representativeCount: applicants.filter((p) => p.representative).length,
  });
  if (reps) throw new AppError('UNPROCESSABLE', reps.message, { reason: reps.code });
  const service = body.serviceCode ? catalog.services.find((i) => i.code === body.serviceCode) : undefined;
  if (body.serviceCode && !service)
    throw new AppError('VALIDATION_FAILED', `未知的服务事项：${body.serviceCode}`);
  if (service?.retired)
    throw new AppError('SERVICE_RETIRED', `服务事项“${service.name}”已停止办理，请选择其他服务事项。`, {
      serviceCode: service.code,
    });
  return { category, service, applicantCount };
}

export async function routedOwner(
  deps: Deps,
  level: Level,
  department: string | undefined,
  place: Place,
  district: OrgRow,
) {
  if (level === 'village' && place.village) return place.village;
  if ((level === 'village' || level === 'town') && place.town) return place.town;
  if (level === 'district' && department) {
    const [dept] = await searchChildren(deps, district, department, 'department');
    if (dept) return dept;
    // 专调: a hint naming a 行业性、专业性人民调解委员会 resolves among the district's committees.
    const [committee] = await searchChildren(deps, district, department, 'mediation_committee');
    if (committee) return committee;
  }
  return district;
}
