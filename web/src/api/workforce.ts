import type {
  AssessmentRow,
  AssessmentView,
  HandoverBody,
  HandoverResult,
  MyRecord,
  RosterEntry,
  TownPointsBody,
} from '../../../core/contracts/workforce';
import { api, query } from './client';

export type {
  AssessmentRow,
  AssessmentView,
  HandoverBody,
  HandoverResult,
  MyRecord,
  RosterEntry,
  TownPointsBody,
};

export const workforceKeys = {
  all: ['workforce'] as const,
  roster: ['workforce', 'roster'] as const,
  assessment: (period: string) => ['workforce', 'assessment', period] as const,
  mine: (period: string) => ['workforce', 'me', period] as const,
};

export const fetchRoster = (signal?: AbortSignal) =>
  api<RosterEntry[]>('GET', '/api/workforce/roster', undefined, { signal });
export const handOver = (id: string, body: HandoverBody) =>
  api<HandoverResult>('POST', `/api/workforce/workers/${encodeURIComponent(id)}/handover`, body);
export const fetchAssessment = (period: string, signal?: AbortSignal) =>
  api<AssessmentView>('GET', `/api/workforce/assessment${query({ period })}`, undefined, { signal });
export const assessmentXlsxUrl = (period: string) => `/api/workforce/assessment.xlsx${query({ period })}`;
export const giveTownPoints = (id: string, body: TownPointsBody) =>
  api<AssessmentRow>('PUT', `/api/workforce/workers/${encodeURIComponent(id)}/town-points`, body);
export const fetchMyRecord = (period: string, signal?: AbortSignal) =>
  api<MyRecord>('GET', `/api/workforce/me${query({ period })}`, undefined, { signal });

export type { DutyStandardView } from '../../../core/contracts/workforce';
export const dutyStandardKeys = ['config', 'duty-standard'] as const;
export const fetchDutyStandard = (signal?: AbortSignal) =>
  api<import('../../../core/contracts/workforce').DutyStandardView>(
    'GET',
    '/api/config/duty-standard',
    undefined,
    {
      signal,
    },
  );
export const saveDutyStandard = (body: import('../../../core/contracts/workforce').SaveDutyStandardBody) =>
  api<import('../../../core/contracts/workforce').DutyStandardView>('PUT', '/api/config/duty-standard', body);
