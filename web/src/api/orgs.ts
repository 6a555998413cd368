import type {
  CreateOrgBody,
  OrgDetail,
  OrgSummary,
  OrgTreeNode,
  UpdateOrgBody,
} from '../../../core/contracts/orgs';
import type { OrgKind } from '../../../core/domain/orgs';
import { api, query } from './client';

export const orgKeys = {
  all: ['orgs'] as const,
  tree: () => ['orgs', 'tree'] as const,
  search: (params: OrgSearchParams) => ['orgs', 'search', params] as const,
  detail: (id: string) => ['orgs', 'detail', id] as const,
};

export interface OrgSearchParams {
  q?: string;
  parentId?: string;
  kind?: OrgKind;
  limit?: number;
}

export function fetchOrgTree(signal?: AbortSignal): Promise<OrgTreeNode> {
  return api<OrgTreeNode>('GET', '/api/orgs/tree', undefined, { signal });
}

export function searchOrgs(params: OrgSearchParams, signal?: AbortSignal): Promise<OrgSummary[]> {
  return api<OrgSummary[]>('GET', `/api/orgs${query({ ...params })}`, undefined, { signal });
}

export function fetchOrg(id: string, signal?: AbortSignal): Promise<OrgDetail> {
  return api<OrgDetail>('GET', `/api/orgs/${encodeURIComponent(id)}`, undefined, { signal });
}

export function createOrg(body: CreateOrgBody): Promise<OrgDetail> {
  return api<OrgDetail>('POST', '/api/orgs', body);
}

export function updateOrg(id: string, body: UpdateOrgBody): Promise<OrgDetail> {
  return api<OrgDetail>('PATCH', `/api/orgs/${encodeURIComponent(id)}`, body);
}
