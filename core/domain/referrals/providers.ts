/**
 * Which org provides which service in a county (issue 17): the county designates them (config
 * document 'referral_providers'); the kind of org only bounds the choice (providerKinds), since a
 * county has several service centers and several departments and only one of each does legal aid.
 * Until the county saves a designation, the defaults pick the orgs by what their names say.
 */
import type { OrgKind } from '../orgs';
import { providerKinds, type ServiceKind, serviceKindLabels, serviceKinds } from './model';

export type ServiceProviders = Record<ServiceKind, string[]>;

export interface ProviderCandidate {
  id: string;
  name: string;
  kind: OrgKind;
}

/** Names that mark the usual provider of each service; court and procuratorate decide 司法救助 only. */
const namePatterns: Record<ServiceKind, RegExp> = {
  legal_aid: /法律援助/,
  counselling: /心理/,
  judicial_relief: /法院|检察院/,
  hardship_aid: /民政|帮扶|救助|社会保障/,
  admin_mediation: /^(?!.*(法院|检察院|信访)).*(局|委员会|分局)$/,
};

/** The orgs that may be designated for a service: active orgs of the county of a kind it allows. */
export function eligibleProviders<T extends ProviderCandidate>(kind: ServiceKind, orgs: readonly T[]): T[] {
  return orgs.filter((o) => providerKinds[kind].includes(o.kind));
}

/**
 * The designation before the county saves one: per service, the eligible orgs whose name marks the
 * service; when none does, every eligible org (the county is asked to choose on the config screen).
 */
export function defaultServiceProviders(orgs: readonly ProviderCandidate[]): ServiceProviders {
  return Object.fromEntries(
    serviceKinds.map((kind) => {
      const eligible = eligibleProviders(kind, orgs);
      const named = eligible.filter((o) => namePatterns[kind].test(o.name));
      return [kind, (named.length ? named : eligible).map((o) => o.id)];
    }),
  ) as ServiceProviders;
}

/**
 * Problems with a designation, in Chinese for the administrator; empty when it may be saved. Each
 * service needs at least one provider, each of an org kind the service allows, none listed twice.
 */
export function checkServiceProviders(
  providers: ServiceProviders,
  orgs: readonly ProviderCandidate[],
): string[] {
  const byId = new Map(orgs.map((o) => [o.id, o]));
  const issues: string[] = [];
  for (const kind of serviceKinds) {
    const label = serviceKindLabels[kind];
    const ids = providers[kind] ?? [];
    if (ids.length === 0) issues.push(`${label}至少要指定一个服务机构。`);
    if (new Set(ids).size !== ids.length) issues.push(`${label}的服务机构有重复。`);
    for (const id of ids) {
      const o = byId.get(id);
      if (!o) issues.push(`${label}：所选单位不存在或已停用。`);
      else if (!providerKinds[kind].includes(o.kind)) issues.push(`${label}：${o.name}不能提供此项服务。`);
    }
  }
  return issues;
}

/** A stored designation read back: a service missing from it falls back to its default. */
export function resolveServiceProviders(
  stored: unknown,
  orgs: readonly ProviderCandidate[],
): ServiceProviders {
  const defaults = defaultServiceProviders(orgs);
  const body = (stored ?? {}) as { providers?: Partial<Record<string, unknown>> };
  const known = new Set(orgs.map((o) => o.id));
  return Object.fromEntries(
    serviceKinds.map((kind) => {
      const saved = body.providers?.[kind];
      const ids = Array.isArray(saved) ? saved.filter((x): x is string => typeof x === 'string') : null;
      // An org deactivated since the save drops out; none left means the defaults again.
      const live = ids?.filter((id) => known.has(id)) ?? [];
      return [kind, live.length ? live : defaults[kind]];
    }),
  ) as ServiceProviders;
}
