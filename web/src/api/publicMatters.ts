/**
 * The residents' side without an account: submit online, then follow the matter with its code, the
 * tracking secret and the phone number; read the answer, download the documents served, send photos.
 * Types only from core/contracts (no zod in the residents' first load).
 */
import type { IntakeBody } from '../../../core/contracts/matters';
import type { Tracking, TrackingProof } from '../../../core/contracts/public-matters';
import type { RatingValue } from '../../../core/domain/matters/model';
import { api, apiBlob } from './client';

export type {
  ResidentDocument,
  Tracking,
  TrackingProof,
  UploadKind,
} from '../../../core/contracts/public-matters';
export type TrackingDeadline = Tracking['deadlines'][number] & {
  state?: 'running' | 'due_soon' | 'overdue' | 'paused' | 'done';
  explanation?: string;
  /** Set while the date is 暂定 (a year's holiday arrangement not loaded yet). */
  provisionalNote?: string | null;
};

export type ResidentAction = 'rate' | 'request_review' | 'request_reexam' | 'withdraw';

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

/** A document served to the resident, as a PDF file (the proof travels in the body, never in the address). */
export function fetchResidentDocument(
  proof: TrackingProof,
  doc: { kind: 'notice' | 'agreement'; id: string },
): Promise<{ blob: Blob; fileName: string | null }> {
  return apiBlob('POST', '/api/public/matters/documents', { ...proof, ...doc });
}

export interface SentFile {
  id: string;
  fileName: string;
  mime: string;
  size: number;
  createdAt: string;
}

/** One photo (or video, or PDF) for the matter: the proof fields first, then the file. */
export function uploadResidentFile(proof: TrackingProof, file: Blob, name: string): Promise<SentFile> {
  const form = new FormData();
  form.append('code', proof.code);
  form.append('secret', proof.secret);
  form.append('phone', proof.phone);
  form.append('file', file, name);
  return api<SentFile>('POST', '/api/public/matters/attachments', form, { quietAuth: true });
}
