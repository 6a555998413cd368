/**
 * The residents' side without an account: submit online, then follow the matter with its code, the
 * tracking secret and the phone number. The Tracking schema lives in the server's public route for now.
 */
import type { IntakeBody } from '../../../core/contracts/matters';
import type { RatingValue } from '../../../core/domain/matters/model';
import { api } from './client';

export interface TrackingDeadline {
  label: string;
  dueAt: string | null;
  remaining: string;
  citation: string;
  state?: 'running' | 'due_soon' | 'overdue' | 'paused' | 'done';
  explanation?: string;
  /** Set while the date is 暂定 (a year's holiday arrangement not loaded yet). */
  provisionalNote?: string | null;
}

export interface Tracking {
  code: string;
  title: string;
  category: string;
  status: string;
  statusLabel: string;
  holder: string;
  deadlines: TrackingDeadline[];
  timeline: { at: string; label: string; status: string | null }[];
  actions: { action: string; label: string }[];
}

export interface TrackingProof {
  code: string;
  secret: string;
  phone: string;
}

export type ResidentAction = 'rate' | 'request_review' | 'request_reexam';

export interface ResidentActBody extends TrackingProof {
  action: ResidentAction;
  rating?: RatingValue;
  substantive?: boolean;
  reason?: string;
}

export type PublicIntakeBody = Omit<IntakeBody, 'channel'> & { channel: 'online'; countyCode: string };

export interface PublicIntakeResult {
  code: string;
  trackingSecret: string;
  tracking: Tracking;
}

export function submitPublicMatter(
  body: PublicIntakeBody,
  idempotencyKey: string,
): Promise<PublicIntakeResult> {
  return api<PublicIntakeResult>('POST', '/api/public/matters', body, {
    headers: { 'Idempotency-Key': idempotencyKey },
    quietAuth: true,
  });
}

export function trackMatter(proof: TrackingProof): Promise<Tracking> {
  return api<Tracking>('POST', '/api/public/matters/track', proof, { quietAuth: true });
}

export function residentAct(body: ResidentActBody): Promise<Tracking> {
  return api<Tracking>('POST', '/api/public/matters/act', body, { quietAuth: true });
}
