import type { z } from 'zod';
import type {
  agendaDraftSchema,
  DispatchMeetingView,
  dispatchMeetingPageSchema,
  JointTaskView,
  jointTaskPageSchema,
  MeasureView,
  measureEffectsSchema,
  NewDispatchMeeting,
  NewJointTask,
  NewMeasure,
  participantOptionsSchema,
  WarningMeasures,
} from '../../../core/contracts/dispatch';
import { api, query } from './client';

export type AgendaDraft = z.infer<typeof agendaDraftSchema>;
export type MeetingPage = z.infer<typeof dispatchMeetingPageSchema>;
export type TaskPage = z.infer<typeof jointTaskPageSchema>;
export type ParticipantOptions = z.infer<typeof participantOptionsSchema>;
export type MeasureEffects = z.infer<typeof measureEffectsSchema>;
export type {
  DispatchMeetingView,
  JointTaskView,
  MeasureView,
  NewDispatchMeeting,
  NewJointTask,
  NewMeasure,
  WarningMeasures,
};

export const dispatchKeys = {
  all: ['dispatch'] as const,
  meetings: (page: number) => ['dispatch', 'meetings', page] as const,
  meeting: (id: string) => ['dispatch', 'meeting', id] as const,
  draft: ['dispatch', 'agenda-draft'] as const,
  options: ['dispatch', 'participant-options'] as const,
  tasks: (status: string, page: number) => ['dispatch', 'tasks', status, page] as const,
  measures: (warningId: string) => ['risk', 'measures', warningId] as const,
  effects: ['risk', 'measure-effects'] as const,
};

const id = encodeURIComponent;

export const fetchParticipantOptions = (signal?: AbortSignal) =>
  api<ParticipantOptions>('GET', '/api/dispatch/participant-options', undefined, { signal });
export const fetchAgendaDraft = (signal?: AbortSignal) =>
  api<AgendaDraft>('GET', '/api/dispatch/agenda-draft', undefined, { signal });
export const fetchMeetings = (page: number, signal?: AbortSignal) =>
  api<MeetingPage>('GET', `/api/dispatch/meetings${query({ page, pageSize: 20 })}`, undefined, { signal });
export const fetchMeeting = (mid: string, signal?: AbortSignal) =>
  api<DispatchMeetingView>('GET', `/api/dispatch/meetings/${id(mid)}`, undefined, { signal });
export const createMeeting = (body: NewDispatchMeeting) =>
  api<DispatchMeetingView>('POST', '/api/dispatch/meetings', body);
export const addJointTask = (mid: string, body: NewJointTask) =>
  api<DispatchMeetingView>('POST', `/api/dispatch/meetings/${id(mid)}/tasks`, body);
export const fetchTasks = (status: string, page: number, signal?: AbortSignal) =>
  api<TaskPage>('GET', `/api/dispatch/tasks${query({ status, page, pageSize: 20 })}`, undefined, { signal });
export const reportTask = (tid: string, note: string) =>
  api<JointTaskView>('POST', `/api/dispatch/tasks/${id(tid)}/progress`, { note });
export const completeTask = (tid: string, result: string) =>
  api<JointTaskView>('POST', `/api/dispatch/tasks/${id(tid)}/complete`, { result });
export const withdrawTask = (tid: string, reason: string) =>
  api<JointTaskView>('POST', `/api/dispatch/tasks/${id(tid)}/withdraw`, { reason });

export const fetchWarningMeasures = (wid: string, signal?: AbortSignal) =>
  api<WarningMeasures>('GET', `/api/risk/warnings/${id(wid)}/measures`, undefined, { signal });
export const addMeasure = (wid: string, body: NewMeasure) =>
  api<WarningMeasures>('POST', `/api/risk/warnings/${id(wid)}/measures`, body);
export const completeMeasure = (mid: string, result: string) =>
  api<MeasureView>('POST', `/api/risk/measures/${id(mid)}/complete`, { result });
export const fetchMeasureEffects = (signal?: AbortSignal) =>
  api<MeasureEffects>('GET', '/api/risk/measure-effects', undefined, { signal });
