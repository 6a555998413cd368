/**
 * The towns' own residents' entries (掌上四坝 …), core/domain/portals/town-portal.ts: saved by the
 * business administrator as versions of the 'town-portals' config document (like the catalog: a save
 * adds a version, never edits one, and is logged), read by residents' phones without an account.
 */
import type {
  PublicTownPortal,
  SaveTownPortalsBody,
  TownPortalsDoc,
} from '../../../../core/contracts/portals';
import {
  findPortal,
  noticesNewestFirst,
  portalServices,
  shippedPortals,
  type TownPortal,
  validatePortals,
} from '../../../../core/domain/portals/town-portal';
import { AppError } from '../../../../core/errors';
import { requirePermission } from '../../authz';
import type { Deps, RequestCtx } from '../../context';
import type { Executor } from '../../db/client';
import { countyCodes } from '../counties/counties.service';
import { territorialOrgs } from '../orgs/orgs.service';
import { countyCatalog } from './catalog.service';
import * as configRepo from './config.repo';
import { saveDocumentVersion } from './documents.service';
import { versionHistory } from './versions';

const NAME = 'town-portals';

interface CountyPortals {
  version: number;
  portals: TownPortal[];
}

/** The entries in force for a county: the shipped ones until an administrator saves a version. */
async function countyPortals(ex: Executor, countyCode: string): Promise<CountyPortals> {
  const row = await configRepo.latest(ex, countyCode, NAME);
  if (!row) return { version: 0, portals: [...(shippedPortals[countyCode] ?? [])] };
  return { version: row.version, portals: (row.body as { portals: TownPortal[] }).portals };
}

export async function getTownPortals(deps: Deps, ctx: RequestCtx): Promise<TownPortalsDoc> {
  const actor = requirePermission(ctx, 'config.manage');
  const db = deps.database.db;
  const [current, places] = await Promise.all([
    countyPortals(db, actor.countyCode),
    territorialOrgs(db, actor.countyCode),
  ]);
  const names = new Map(places.map((o) => [o.divisionCode, o.name]));
  const byId = new Map(places.map((o) => [o.id, o]));
  const listed = places
    .filter((o): o is typeof o & { divisionCode: string } => o.divisionCode !== null)
    .map((o) => ({
      divisionCode: o.divisionCode,
      name: o.name,
      level: o.kind === 'town' ? ('town' as const) : ('village' as const),
      town: o.kind === 'town' ? null : (byId.get(o.parentId ?? '')?.name ?? null),
    }))
    .sort((a, b) => (a.level === b.level ? 0 : a.level === 'town' ? -1 : 1));
  return {
    version: current.version,
    isDefault: current.version === 0,
    portals: current.portals.map((p) => ({ ...p, placeName: names.get(p.divisionCode) ?? null })),
    history: await versionHistory(db, actor.countyCode, NAME),
    places: listed,
  };
}

export async function saveTownPortals(
  deps: Deps,
  ctx: RequestCtx,
  body: SaveTownPortalsBody,
): Promise<TownPortalsDoc> {
  const actor = requirePermission(ctx, 'config.manage');
  const next: TownPortal[] = body.portals.map((p) => ({ ...p, slug: p.slug.trim() }));
  await saveDocumentVersion(deps, ctx, actor, {
    name: NAME,
    label: '掌上入口',
    action: 'config.town_portals_saved',
    baseVersion: body.baseVersion,
    build: async (tx) => {
      // One after another, never Promise.all: a transaction is one connection, and pg queues a query
      // sent while another runs on it (deprecated, to be refused by pg 9: the warning in the server log).
      const current = await countyPortals(tx, actor.countyCode);
      const places = await territorialOrgs(tx, actor.countyCode);
      const catalog = await countyCatalog(tx, actor.countyCode);
      const issues = validatePortals(next, {
        divisionCodes: new Set(places.flatMap((o) => (o.divisionCode ? [o.divisionCode] : []))),
        serviceCodes: new Set(catalog.services.filter((s) => s.public && !s.retired).map((s) => s.code)),
      });
      if (issues.length)
        throw new AppError('VALIDATION_FAILED', `掌上入口有误：${issues.join('；')}`, { issues });
      const before = new Set(current.portals.map((p) => p.slug));
      const after = new Set(next.map((p) => p.slug));
      return {
        body: { portals: next },
        after: {
          added: [...after].filter((s) => !before.has(s)),
          removed: [...before].filter((s) => !after.has(s)),
        },
      };
    },
  });
  return getTownPortals(deps, ctx);
}

/**
 * The entry at `/t/<slug>` for a resident's phone: its name, its center and how to reach it, the
 * services it puts first (only public ones, never retired), its notices. Unknown or switched-off
 * addresses are "not found" alike.
 */
export async function publicTownPortal(deps: Deps, slug: string): Promise<PublicTownPortal> {
  const db = deps.database.db;
  for (const countyCode of await countyCodes(deps)) {
    const portal = findPortal((await countyPortals(db, countyCode)).portals, slug);
    if (!portal) continue;
    const [places, catalog] = await Promise.all([
      territorialOrgs(db, countyCode),
      countyCatalog(db, countyCode),
    ]);
    const place = places.find((o) => o.divisionCode === portal.divisionCode);
    if (!place) break;
    const offered = catalog.services.filter((s) => s.public && !s.retired);
    return {
      countyCode,
      slug: portal.slug,
      title: portal.title,
      intro: portal.intro,
      place: {
        name: place.name,
        centerName: place.centerName ?? `${place.name}综治中心`,
        contact: place.contact,
      },
      services: portalServices(portal, offered) as PublicTownPortal['services'],
      notices: noticesNewestFirst(portal.notices),
    };
  }
  throw new AppError('NOT_FOUND', '没有这个掌上入口，请核对网址或二维码。');
}
