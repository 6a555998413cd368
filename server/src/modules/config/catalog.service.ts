/**
 * The county's catalog (事项类别 and 服务事项目录), edited by the business administrator and saved as
 * versions of the 'catalog' config document, like the routing rules: saving adds a version, never
 * edits one, and is logged. Intake, routing, the residents' pages and Open311 read the county's
 * current version through `countyCatalog`, the shipped lists until the county saves its own.
 *
 * A matter keeps its category code and its notice (with the materials and the due date printed on
 * it) and its deadlines keep their own rule, so an edit here changes nothing already registered.
 */
import type {
  CategoryInput,
  CountyCatalog,
  PublicCatalog,
  SaveCatalogBody,
  ServiceItemInput,
} from '../../../../core/contracts/catalog';
import type { Category } from '../../../../core/domain/catalog/categories';
import {
  type CountyCatalogLists,
  catalogChanges,
  shippedCatalog,
  validateCatalog,
} from '../../../../core/domain/catalog/county-catalog';
import type { ServiceItem } from '../../../../core/domain/catalog/service-catalog';
import { AppError } from '../../../../core/errors';
import { requirePermission } from '../../authz';
import type { Deps, RequestCtx } from '../../context';
import type { Executor } from '../../db/client';
import { countyCodes } from '../counties/counties.service';
import * as repo from './config.repo';
import { saveDocumentVersion } from './documents.service';
import { versionHistory } from './versions';

const NAME = 'catalog';

export interface CountyCatalogVersion extends CountyCatalogLists {
  version: number;
}

/** The catalog in force for a county (the shipped one until an administrator saves a version). */
export async function countyCatalog(ex: Executor, countyCode: string): Promise<CountyCatalogVersion> {
  const row = await repo.latest(ex, countyCode, NAME);
  if (!row) return { version: 0, ...shippedCatalog };
  const body = row.body as CountyCatalogLists;
  return { version: row.version, categories: body.categories, services: body.services };
}

// The domain's readonly arrays, as the contract's plain ones.
const asInput = (c: CountyCatalogLists) => ({
  categories: c.categories as CategoryInput[],
  services: c.services as ServiceItemInput[],
});

export async function getCatalog(deps: Deps, ctx: RequestCtx): Promise<CountyCatalog> {
  const actor = requirePermission(ctx, 'config.manage');
  const db = deps.database.db;
  const c = await countyCatalog(db, actor.countyCode);
  return {
    version: c.version,
    isDefault: c.version === 0,
    ...asInput(c),
    history: await versionHistory(db, actor.countyCode, NAME),
  };
}

export async function saveCatalog(
  deps: Deps,
  ctx: RequestCtx,
  body: SaveCatalogBody,
): Promise<CountyCatalog> {
  const actor = requirePermission(ctx, 'config.manage');
  // zod leaves absent optionals out; the domain types are the same shape.
  const next: CountyCatalogLists = {
    categories: body.categories as Category[],
    services: body.services as ServiceItem[],
  };
  await saveDocumentVersion(deps, ctx, actor, {
    name: NAME,
    label: '事项目录',
    action: 'config.catalog_saved',
    baseVersion: body.baseVersion,
    build: async (tx) => {
      const current = await countyCatalog(tx, actor.countyCode);
      const issues = validateCatalog(next, current);
      if (issues.length)
        throw new AppError('VALIDATION_FAILED', `事项目录有误：${issues.join('；')}`, { issues });
      return { body: next, after: catalogChanges(current, next) };
    },
  });
  return getCatalog(deps, ctx);
}

/**
 * The catalog as offered today, for residents and the intake forms: categories and services not
 * retired. Internal services (public: false, e.g. grid reports) are included for the staff forms and
 * left out by the residents' pages; none of it is personal, and all of it shipped in the web bundle
 * before counties could edit it. No login.
 */
export async function publicCatalog(deps: Deps, countyCode: string): Promise<PublicCatalog> {
  if (!(await countyCodes(deps)).includes(countyCode))
    throw new AppError('NOT_FOUND', `本系统不服务县（区）${countyCode}。`);
  const c = await countyCatalog(deps.database.db, countyCode);
  const services = c.services.filter((s) => !s.retired);
  return {
    countyCode,
    version: c.version,
    demo: services.some((s) => s.demo),
    categories: c.categories.filter((x) => !x.retired) as CategoryInput[],
    services: services as ServiceItemInput[],
  };
}
