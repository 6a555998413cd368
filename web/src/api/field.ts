import type {
  FieldHome,
  FieldLog,
  FieldLogBody,
  FieldReportBody,
  FieldReportResult,
} from '../../../core/contracts/field';
import { api } from './client';

export type { FieldHome, FieldLog, FieldLogBody, FieldReportBody, FieldReportResult };

export function fetchFieldHome(signal?: AbortSignal): Promise<FieldHome> {
  return api<FieldHome>('GET', '/api/field/home', undefined, { signal });
}

export function sendFieldReport(body: FieldReportBody): Promise<FieldReportResult> {
  return api<FieldReportResult>('POST', '/api/field/reports', body);
}

export function sendFieldLog(body: FieldLogBody): Promise<FieldLog> {
  return api<FieldLog>('POST', '/api/field/logs', body);
}

/** Photo upload after the report exists: multipart, the one field `file`. */
export async function uploadPhoto(matterId: string, photo: Blob, name: string): Promise<void> {
  const form = new FormData();
  form.append('file', photo, name);
  await api<unknown>('POST', `/api/matters/${matterId}/attachments`, form);
}
