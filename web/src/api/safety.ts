import type { z } from 'zod';
import type {
  NewRoster,
  RosterView,
  rosterPageSchema,
  SafetyTargetsView,
  ShiftView,
  safetyTodaySchema,
  shiftPageSchema,
} from '../../../core/contracts/safety';
import { api, query } from './client';
import type { ParticipantOptions } from './dispatch';

export type RosterPage = z.infer<typeof rosterPageSchema>;
export type ShiftPage = z.infer<typeof shiftPageSchema>;
export type SafetyToday = z.infer<typeof safetyTodaySchema>;
export type { NewRoster, RosterView, SafetyTargetsView, ShiftView };

export const safetyKeys = {
  all: ['safety'] as const,
  options: ['safety', 'unit-options'] as const,
  rosters: ['safety', 'rosters'] as const,
  shifts: (scope: string) => ['safety', 'shifts', scope] as const,
  targets: (year: number) => ['safety', 'targets', year] as const,
  today: ['safety', 'today'] as const,
};

const id = encodeURIComponent;

export const fetchUnitOptions = (signal?: AbortSignal) =>
  api<ParticipantOptions>('GET', '/api/safety/unit-options', undefined, { signal });
export const fetchRosters = (signal?: AbortSignal) =>
  api<RosterPage>('GET', `/api/safety/rosters${query({ page: 1, pageSize: 20 })}`, undefined, { signal });
export const fetchRoster = (rid: string, signal?: AbortSignal) =>
  api<RosterView>('GET', `/api/safety/rosters/${id(rid)}`, undefined, { signal });
export const createRoster = (body: NewRoster) => api<RosterView>('POST', '/api/safety/rosters', body);
export const fetchShifts = (scope: string, signal?: AbortSignal) =>
  api<ShiftPage>('GET', `/api/safety/shifts${query({ scope, page: 1, pageSize: 50 })}`, undefined, {
    signal,
  });
export const reportShift = (sid: string, outcome: 'done' | 'missed', note: string) =>
  api<ShiftView>('POST', `/api/safety/shifts/${id(sid)}/report`, { outcome, note });
export const fetchTargets = (year: number, signal?: AbortSignal) =>
  api<SafetyTargetsView>('GET', `/api/safety/targets${query({ year })}`, undefined, { signal });
export const attestTarget = (villageId: string, code: string, year: number, evidence: string) =>
  api<SafetyTargetsView>('POST', `/api/safety/villages/${id(villageId)}/targets/${id(code)}/attest`, {
    year,
    evidence,
  });
export const reviewAttestation = (aid: string, approve: boolean, note: string) =>
  api<SafetyTargetsView>('POST', `/api/safety/attestations/${id(aid)}/review`, { approve, note });
export const fetchSafetyToday = (signal?: AbortSignal) =>
  api<SafetyToday>('GET', '/api/safety/today', undefined, { signal });
