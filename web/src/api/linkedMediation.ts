import type {
  LinkedFigures,
  PoliceReferral,
  PoliceReferralBody,
} from '../../../core/contracts/linked-mediation';
import { api } from './client';

export type { LinkedFigures, PoliceReferral, PoliceReferralBody };

export interface PoliceRecord {
  items: PoliceReferral[];
  villages: { id: string; name: string }[];
}

export const linkedKeys = {
  record: ['linked-mediation', 'police-referrals'] as const,
  figures: ['linked-mediation', 'figures'] as const,
};

export const fetchPoliceRecord = (signal?: AbortSignal) =>
  api<PoliceRecord>('GET', '/api/linked-mediation/police-referrals', undefined, { signal });
export const referFromPolice = (body: PoliceReferralBody) =>
  api<{ matterId: string; code: string; committee: { id: string; name: string } }>(
    'POST',
    '/api/linked-mediation/police-referrals',
    body,
  );
export const fetchLinkedFigures = (signal?: AbortSignal) =>
  api<LinkedFigures>('GET', '/api/linked-mediation/figures', undefined, { signal });
