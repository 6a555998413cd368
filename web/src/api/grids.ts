import type { z } from 'zod';
import type {
  boundarySchema,
  County,
  GridDetail,
  GridSummary,
  gridFeatureCollectionSchema,
  LocateResult,
  MapTilesView,
} from '../../../core/contracts/grids';
import type { PlaceName } from '../../../core/domain/geo/place-names';
import { api, type Page, query } from './client';

export type GridFeatureCollection = z.infer<typeof gridFeatureCollectionSchema>;
export type GridFeature = GridFeatureCollection['features'][number];
export type Boundary = z.infer<typeof boundarySchema>;

export interface GridListParams {
  page: number;
  pageSize: number;
  q?: string;
  orgId?: string;
}

export const gridKeys = {
  all: ['grids'] as const,
  list: (params: GridListParams) => ['grids', 'list', params] as const,
  detail: (id: string) => ['grids', 'detail', id] as const,
  geojson: (orgId?: string) => ['grids', 'geojson', orgId ?? null] as const,
};

export const geoKeys = {
  counties: ['counties'] as const,
  boundary: (county: string) => ['geo', 'boundary', county] as const,
  places: (county: string) => ['geo', 'places', county] as const,
  tiles: ['geo', 'tiles'] as const,
};

/** The optional background map (null: none configured, the product's own outlines only). */
export function fetchMapTiles(signal?: AbortSignal): Promise<MapTilesView> {
  return api<MapTilesView>('GET', '/api/geo/tiles', undefined, { signal });
}

export function listGrids(params: GridListParams, signal?: AbortSignal): Promise<Page<GridSummary>> {
  return api<Page<GridSummary>>('GET', `/api/grids${query({ ...params })}`, undefined, { signal });
}

export function fetchGrid(id: string, signal?: AbortSignal): Promise<GridDetail> {
  return api<GridDetail>('GET', `/api/grids/${encodeURIComponent(id)}`, undefined, { signal });
}

export function fetchGridGeoJson(orgId?: string, signal?: AbortSignal): Promise<GridFeatureCollection> {
  return api<GridFeatureCollection>('GET', `/api/grids.geojson${query({ orgId })}`, undefined, { signal });
}

export function setGridWorkers(id: string, userIds: string[]): Promise<GridDetail> {
  return api<GridDetail>('PUT', `/api/grids/${encodeURIComponent(id)}/workers`, { userIds });
}

export function fetchCounties(signal?: AbortSignal): Promise<County[]> {
  return api<County[]>('GET', '/api/counties', undefined, { signal });
}

export function fetchBoundary(county: string, signal?: AbortSignal): Promise<Boundary> {
  return api<Boundary>('GET', `/api/geo/boundary${query({ county })}`, undefined, { signal });
}

/** The towns' and villages' names and where to write them on the map (public). */
export function fetchPlaces(county: string, signal?: AbortSignal): Promise<PlaceName[]> {
  return api<PlaceName[]>('GET', `/api/geo/places${query({ county })}`, undefined, { signal });
}

/** Which county, town, village and grid a point belongs to; ApiError OUTSIDE_COUNTY (422) outside. */
export function locate(lng: number, lat: number, signal?: AbortSignal): Promise<LocateResult> {
  return api<LocateResult>('GET', `/api/geo/locate${query({ lng, lat })}`, undefined, { signal });
}
