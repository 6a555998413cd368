import type {
  CountyCatalog,
  NoticePreview,
  NoticeTemplateInput,
  NoticeTemplates,
  PublicCatalog,
  SaveCatalogBody,
  SaveNoticeTemplatesBody,
} from '../../../core/contracts/catalog';
import { api } from './client';

export type {
  CategoryInput,
  CountyCatalog,
  NoticeTemplates,
  PublicCatalog,
  ServiceItemInput,
} from '../../../core/contracts/catalog';

export const catalogKeys = {
  admin: ['config', 'catalog'] as const,
  notices: ['config', 'notice-templates'] as const,
  public: (countyCode: string) => ['public', 'catalog', countyCode] as const,
};

export function fetchCatalog(signal?: AbortSignal): Promise<CountyCatalog> {
  return api('GET', '/api/config/catalog', undefined, { signal });
}

export function saveCatalog(body: SaveCatalogBody): Promise<CountyCatalog> {
  return api('PUT', '/api/config/catalog', body);
}

export function fetchPublicCatalog(countyCode: string, signal?: AbortSignal): Promise<PublicCatalog> {
  return api('GET', `/api/public/catalog?countyCode=${encodeURIComponent(countyCode)}`, undefined, {
    signal,
  });
}

export function fetchNoticeTemplates(signal?: AbortSignal): Promise<NoticeTemplates> {
  return api('GET', '/api/config/notice-templates', undefined, { signal });
}

export function saveNoticeTemplates(body: SaveNoticeTemplatesBody): Promise<NoticeTemplates> {
  return api('PUT', '/api/config/notice-templates', body);
}

export function previewNoticeTemplate(body: NoticeTemplateInput): Promise<NoticePreview> {
  return api('POST', '/api/config/notice-templates/preview', body);
}
