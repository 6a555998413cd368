import type { z } from 'zod';
import type {
  matterReferralsSchema,
  NewReferral,
  providerOptionsSchema,
  ReferralActionBody,
  ReferralView,
  referralPageSchema,
} from '../../../core/contracts/referrals';
import type { ServiceKind } from '../../../core/domain/referrals/model';
import { api, query } from './client';

export type MatterReferrals = z.infer<typeof matterReferralsSchema>;
export type ProviderOptions = z.infer<typeof providerOptionsSchema>;
export type ReferralPage = z.infer<typeof referralPageSchema>;
export type { NewReferral, ReferralActionBody, ReferralView };

export const referralKeys = {
  all: ['referrals'] as const,
  ofMatter: (matterId: string) => ['referrals', 'matter', matterId] as const,
  providers: (kind: ServiceKind) => ['referrals', 'providers', kind] as const,
  queue: (status: string) => ['referrals', 'queue', status] as const,
};

const id = encodeURIComponent;

export const fetchMatterReferrals = (matterId: string, signal?: AbortSignal) =>
  api<MatterReferrals>('GET', `/api/matters/${id(matterId)}/referrals`, undefined, { signal });
export const createReferral = (matterId: string, body: Partial<NewReferral>) =>
  api<ReferralView>('POST', `/api/matters/${id(matterId)}/referrals`, body);
export const fetchProviders = (kind: ServiceKind, signal?: AbortSignal) =>
  api<ProviderOptions>('GET', `/api/referrals/providers${query({ kind })}`, undefined, { signal });
export const fetchReferralQueue = (status: string, signal?: AbortSignal) =>
  api<ReferralPage>('GET', `/api/referrals/queue${query({ status, page: 1, pageSize: 50 })}`, undefined, {
    signal,
  });
export const actOnReferral = (rid: string, body: ReferralActionBody) =>
  api<ReferralView>('POST', `/api/referrals/${id(rid)}/actions`, body);

export type { ServiceProvidersView } from '../../../core/contracts/referrals';
export const serviceProvidersKeys = ['config', 'referral-providers'] as const;
export const fetchServiceProviders = (signal?: AbortSignal) =>
  api<import('../../../core/contracts/referrals').ServiceProvidersView>(
    'GET',
    '/api/config/referral-providers',
    undefined,
    { signal },
  );
export const saveServiceProviders = (
  body: import('../../../core/contracts/referrals').SaveServiceProvidersBody,
) =>
  api<import('../../../core/contracts/referrals').ServiceProvidersView>(
    'PUT',
    '/api/config/referral-providers',
    body,
  );
