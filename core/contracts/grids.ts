import { z } from 'zod';
import { pageQuerySchema } from './common';
import { orgRefSchema } from './orgs';

export const positionSchema = z.tuple([z.number(), z.number()]);
export const geometrySchema = z
  .object({
    type: z.enum(['Polygon', 'MultiPolygon']),
    coordinates: z.array(z.any()),
  })
  .meta({ id: 'Geometry' });

export const gridWorkerSchema = z.object({ id: z.uuid(), displayName: z.string() });

export const gridSummarySchema = z
  .object({
    id: z.uuid(),
    code: z.string(),
    name: z.string(),
    countyCode: z.string(),
    village: orgRefSchema,
    town: orgRefSchema,
    workers: z.array(gridWorkerSchema),
    generated: z.boolean(),
  })
  .meta({ id: 'GridSummary' });

export const gridDetailSchema = gridSummarySchema
  .extend({ geometry: geometrySchema })
  .meta({ id: 'GridDetail' });

export const gridListQuerySchema = pageQuerySchema.extend({
  q: z.string().trim().max(50).optional(),
  orgId: z.uuid().optional(),
});

export const gridGeoJsonQuerySchema = z.object({ orgId: z.uuid().optional() });

export const gridFeatureCollectionSchema = z
  .object({
    type: z.literal('FeatureCollection'),
    features: z.array(
      z.object({
        type: z.literal('Feature'),
        id: z.string(),
        properties: z.object({
          code: z.string(),
          name: z.string(),
          villageName: z.string(),
          townName: z.string(),
        }),
        geometry: geometrySchema,
      }),
    ),
  })
  .meta({ id: 'GridFeatureCollection' });

export const setGridWorkersBodySchema = z.object({ userIds: z.array(z.uuid()).max(10) });

export const locateQuerySchema = z.object({
  lng: z.coerce.number().min(-180).max(180),
  lat: z.coerce.number().min(-90).max(90),
});

export const locateResultSchema = z
  .object({
    county: z.object({ code: z.string(), name: z.string() }),
    town: z.object({ id: z.uuid(), code: z.string().nullable(), name: z.string() }),
    village: z.object({ id: z.uuid(), code: z.string().nullable(), name: z.string() }),
    grid: z.object({ id: z.uuid(), code: z.string(), name: z.string() }),
  })
  .meta({ id: 'LocateResult' });

export const countySchema = z
  .object({
    code: z.string(),
    name: z.string(),
    cityName: z.string().nullable(),
    provinceName: z.string().nullable(),
    center: positionSchema.nullable(),
    townCount: z.number().int(),
    villageCount: z.number().int(),
    gridCount: z.number().int(),
  })
  .meta({ id: 'County' });

export const boundarySchema = z
  .object({
    type: z.literal('Feature'),
    properties: z.object({ code: z.string(), name: z.string() }),
    geometry: geometrySchema,
  })
  .meta({ id: 'Boundary' });

export type GridSummary = z.infer<typeof gridSummarySchema>;
export type GridDetail = z.infer<typeof gridDetailSchema>;
/** A town's or village's name and where to write it on the map (core/domain/geo/place-names.ts). */
export const placeNameSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    level: z.enum(['town', 'village']),
    town: z.string().nullable(),
    lng: z.number(),
    lat: z.number(),
  })
  .meta({ id: 'PlaceName' });

export type LocateResult = z.infer<typeof locateResultSchema>;
export type County = z.infer<typeof countySchema>;

/**
 * GET /api/geo/tiles: the optional background map (docs/DEPLOY.md, MAP_TILE_*); `tiles` is null when
 * none is configured and the maps show the product's own outlines only. The key is a browser key
 * (天地图's 浏览器端 type, bound to this site's domain): it is sent with every tile anyway.
 */
export const mapTilesSchema = z
  .object({
    tiles: z
      .object({
        url: z.string(),
        labelUrl: z.string().nullable(),
        key: z.string().nullable(),
        subdomains: z.string(),
      })
      .nullable(),
  })
  .meta({ id: 'MapTiles' });
export type MapTilesView = z.infer<typeof mapTilesSchema>;
