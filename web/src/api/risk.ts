import type { z } from 'zod';
import type {
  dismissalRateSchema,
  ReviewOptions,
  ReviewWarningBody,
  WarningListQuery,
  WarningView,
  warningPageSchema,
} from '../../../core/contracts/risk';
import { api, query } from './client';
import type { SupervisionBody } from './matters';

export type WarningPage = z.infer<typeof warningPageSchema>;
export type DismissalRates = z.infer<typeof dismissalRateSchema>;
export type { ReviewOptions, ReviewWarningBody, WarningListQuery, WarningView };

export const riskKeys = {
  all: ['risk'] as const,
  list: (q: Partial<WarningListQuery>) => ['risk', 'warnings', q] as const,
  rates: ['risk', 'rates'] as const,
  reviewMeetings: ['risk', 'review-meetings'] as const,
};

export const fetchWarnings = (q: Partial<WarningListQuery>, signal?: AbortSignal) =>
  api<WarningPage>('GET', `/api/risk/warnings${query(q as Record<string, string | number>)}`, undefined, {
    signal,
  });
export const fetchDismissalRates = (signal?: AbortSignal) =>
  api<DismissalRates>('GET', '/api/risk/dismissal-rates', undefined, { signal });
export const dismissWarning = (id: string, reason: string) =>
  api<WarningView>('POST', `/api/risk/warnings/${encodeURIComponent(id)}/dismiss`, { reason });
export const superviseWarning = (id: string, body: SupervisionBody) =>
  api<WarningView>('POST', `/api/risk/warnings/${encodeURIComponent(id)}/supervision`, body);
export const fetchReviewMeetings = (signal?: AbortSignal) =>
  api<ReviewOptions>('GET', '/api/risk/review-meetings', undefined, { signal });
export const reviewWarning = (id: string, body: ReviewWarningBody) =>
  api<WarningView>('POST', `/api/risk/warnings/${encodeURIComponent(id)}/review`, body);
