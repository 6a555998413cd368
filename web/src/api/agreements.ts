import type {
  AgreementBody,
  AgreementView,
  PerformanceBody,
  SignBody,
} from '../../../core/contracts/mediation';
import { api } from './client';

export const agreementKeys = { matter: (id: string) => ['agreements', id] as const };

export function listAgreements(matterId: string, signal?: AbortSignal): Promise<AgreementView[]> {
  return api('GET', `/api/matters/${encodeURIComponent(matterId)}/agreements`, undefined, { signal });
}

export function saveAgreement(matterId: string, body: AgreementBody): Promise<AgreementView> {
  return api('PUT', `/api/matters/${encodeURIComponent(matterId)}/agreements`, body);
}

export function signAgreement(matterId: string, agreementId: string, body: SignBody): Promise<AgreementView> {
  return api(
    'POST',
    `/api/matters/${encodeURIComponent(matterId)}/agreements/${agreementId}/signatures`,
    body,
  );
}

/** Uploads a file to the matter (a drawn signature, a scan); the server checks its type by content. */
export function uploadAttachment(matterId: string, file: Blob, fileName: string): Promise<{ id: string }> {
  const form = new FormData();
  form.append('file', file, fileName);
  return api('POST', `/api/matters/${encodeURIComponent(matterId)}/attachments`, form);
}

export function recordPerformance(
  matterId: string,
  agreementId: string,
  body: PerformanceBody,
): Promise<AgreementView> {
  return api(
    'POST',
    `/api/matters/${encodeURIComponent(matterId)}/agreements/${agreementId}/performance`,
    body,
  );
}
