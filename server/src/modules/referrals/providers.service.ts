/**
 * Which org provides which service (issue 17): the county's designation, saved as versions of the
 * 'referral_providers' config document by the business administrator; without one, the defaults of
 * core/domain/referrals/providers.ts. The referral form offers, and `refer` accepts, only these.
 */
import type { SaveServiceProvidersBody, ServiceProvidersView } from '../../../../core/contracts/referrals';
import type { OrgKind } from '../../../../core/domain/orgs';
import {
  checkServiceProviders,
  eligibleProviders,
  providerKinds,
  resolveServiceProviders,
  type ServiceKind,
  type ServiceProviders,
  serviceKindLabels,
  serviceKinds,
} from '../../../../core/domain/referrals';
import { AppError } from '../../../../core/errors';
import { requirePermission } from '../../authz';
import type { Deps, RequestCtx } from '../../context';
import type { Executor } from '../../db/client';
import { latestDocument, saveDocumentVersion } from '../config/documents.service';
import { toOrgRef } from '../orgs/orgs.presenter';
import * as repo from './referrals.repo';

const NAME = 'referral_providers';

async function candidates(ex: Executor, countyCode: string) {
  const kinds = [...new Set(Object.values(providerKinds).flat())];
  const rows = await repo.providersOf(ex, countyCode, kinds);
  return rows.map((o) => ({ ...o, kind: o.kind as OrgKind }));
}

async function current(ex: Executor, countyCode: string) {
  // One after another: ex may be a transaction (a referral made with it), one connection on which pg
  // would queue the second query behind the first (deprecated, to be refused by pg 9).
  const row = await latestDocument(ex, countyCode, NAME);
  const orgs = await candidates(ex, countyCode);
  return { version: row?.version ?? 0, orgs, providers: resolveServiceProviders(row?.body, orgs) };
}

/** The orgs designated for a service in the county, active ones only. */
export async function designatedProviders(ex: Executor, countyCode: string, kind: ServiceKind) {
  const { orgs, providers } = await current(ex, countyCode);
  const ids = new Set(providers[kind]);
  return orgs.filter((o) => ids.has(o.id));
}

type Candidate = Awaited<ReturnType<typeof candidates>>[number];

function viewOf(version: number, providers: ServiceProviders, orgs: Candidate[]): ServiceProvidersView {
  return {
    version,
    isDefault: version === 0,
    providers,
    candidates: Object.fromEntries(
      serviceKinds.map((k) => [k, eligibleProviders(k, orgs).map(toOrgRef)]),
    ) as ServiceProvidersView['candidates'],
  };
}

export async function getServiceProviders(deps: Deps, ctx: RequestCtx): Promise<ServiceProvidersView> {
  const actor = requirePermission(ctx, 'config.manage');
  const { version, orgs, providers } = await current(deps.database.db, actor.countyCode);
  return viewOf(version, providers, orgs);
}

export async function saveServiceProviders(
  deps: Deps,
  ctx: RequestCtx,
  body: SaveServiceProvidersBody,
): Promise<ServiceProvidersView> {
  const actor = requirePermission(ctx, 'config.manage');
  const orgs = await candidates(deps.database.db, actor.countyCode);
  const issues = checkServiceProviders(body.providers, orgs);
  if (issues.length)
    throw new AppError('VALIDATION_FAILED', `服务机构设置有误：${issues.join('')}`, { issues });
  const version = await saveDocumentVersion(deps, ctx, actor, {
    name: NAME,
    label: '转介服务机构',
    action: 'config.referral_providers_saved',
    baseVersion: body.baseVersion,
    build: async (_tx, stored) => {
      const before = resolveServiceProviders(stored, orgs);
      const changed = serviceKinds.filter(
        (k) => [...before[k]].sort().join() !== [...body.providers[k]].sort().join(),
      );
      if (changed.length === 0) {
        throw new AppError('UNPROCESSABLE', '没有修改任何服务机构。', { reason: 'NOTHING_CHANGED' });
      }
      return {
        body: { providers: body.providers },
        after: { changed: changed.map((k) => serviceKindLabels[k]) },
      };
    },
  });
  return viewOf(version, body.providers, orgs);
}
