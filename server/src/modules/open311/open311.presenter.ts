/**
 * A matter as an Open311 request record. Nothing personal leaves: no requester field at all, no
 * description of a petition (only its own client reads a petition, and not its words), places rounded
 * for the categories where a place points at a home (core/domain/open311/privacy.ts).
 */
import type { z } from 'zod';
import type { open311RequestSchema } from '../../../../core/contracts/open311';
import { categoryByCode } from '../../../../core/domain/catalog/categories';
import type { ServiceItem } from '../../../../core/domain/catalog/service-catalog';
import { maskIdentityInText } from '../../../../core/domain/masking';
import { type MatterStatus, matterStatusLabels } from '../../../../core/domain/matters/model';
import {
  open311DateTime,
  open311StatusOf,
  placePrecisionOf,
  publicPlace,
} from '../../../../core/domain/open311';
import type { feed } from './open311.repo';

type FeedRow = Awaited<ReturnType<typeof feed>>[number];
export type Open311Request = z.infer<typeof open311RequestSchema>;

export function toOpen311Request(
  row: FeedRow,
  extra: {
    item: ServiceItem | undefined;
    agency: string;
    nextDue: Date | null;
    notice: string | null;
    /** The matter's party names: masked, with phone and ID numbers, where typed into the description. */
    partyNames: readonly string[];
  },
): Open311Request {
  const m = row.matter;
  const st = open311StatusOf(m.status);
  const place = publicPlace(m, placePrecisionOf(m.kind, categoryByCode(m.categoryCode)));
  const petition = m.kind === 'petition' || m.protectPetitioner;
  return {
    service_request_id: m.code,
    status: st.status,
    status_notes: matterStatusLabels[m.status as MatterStatus] ?? null,
    service_name: extra.item?.name ?? m.serviceCode ?? '',
    service_code: m.serviceCode ?? '',
    description: petition ? null : maskIdentityInText(m.description, extra.partyNames),
    agency_responsible: extra.agency,
    service_notice: extra.notice,
    requested_datetime: open311DateTime(m.createdAt),
    // For a closed request the spec wants the time it closed.
    updated_datetime: open311DateTime(st.status === 'closed' && m.closedAt ? m.closedAt : m.updatedAt),
    expected_datetime: extra.nextDue ? open311DateTime(extra.nextDue) : null,
    address: place.address,
    address_id: null,
    zipcode: null,
    lat: place.lat,
    long: place.lng,
    media_url: petition ? null : row.link.mediaUrl,
    extended_status: st.extended,
  };
}
