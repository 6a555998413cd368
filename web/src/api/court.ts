import type { ConfirmationInput, CourtCaseView, ReferralInput } from '../../../core/contracts/court';
import type { CourtDockingPolicy } from '../../../core/domain/court/docking';
import { api } from './client';

export interface CourtView {
  cases: CourtCaseView[];
  confirmationWindow: {
    agreedAt: string;
    dueAt: string;
    open: boolean;
    /** Set while the date is 暂定. */
    provisionalNote: string | null;
  } | null;
  canRefer: boolean;
  canApplyConfirmation: boolean;
}

export const courtKeys = {
  matter: (id: string) => ['court', 'matter', id] as const,
  docking: ['court', 'docking'] as const,
};

export function fetchCourtView(matterId: string, signal?: AbortSignal): Promise<CourtView> {
  return api<CourtView>('GET', `/api/matters/${encodeURIComponent(matterId)}/court`, undefined, { signal });
}

export function referToCourt(matterId: string, body: ReferralInput): Promise<{ courtCaseId: string }> {
  return api('POST', `/api/matters/${encodeURIComponent(matterId)}/court/referral`, body);
}

export function applyForConfirmation(
  matterId: string,
  body: ConfirmationInput,
): Promise<{ courtCaseId: string }> {
  return api('POST', `/api/matters/${encodeURIComponent(matterId)}/court/confirmation`, body);
}

export interface DockingSettings {
  version: number;
  policy: CourtDockingPolicy;
}

export function fetchDocking(signal?: AbortSignal): Promise<DockingSettings> {
  return api<DockingSettings>('GET', '/api/config/court-docking', undefined, { signal });
}

export function saveDocking(policy: CourtDockingPolicy, baseVersion: number): Promise<DockingSettings> {
  return api<DockingSettings>('PUT', '/api/config/court-docking', { policy, baseVersion });
}
