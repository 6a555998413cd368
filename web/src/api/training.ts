import type {
  AttemptBody,
  AttemptResult,
  AttendanceBody,
  Course,
  DueLine,
  MyTraining,
  NewCourse,
  NewSession,
  Session,
  SessionDetail,
  TestView,
} from '../../../core/contracts/training';
import { api } from './client';

export type {
  AttemptBody,
  AttemptResult,
  AttendanceBody,
  Course,
  DueLine,
  MyTraining,
  NewCourse,
  NewSession,
  Session,
  SessionDetail,
  TestView,
};

export const trainingKeys = {
  all: ['training'] as const,
  courses: ['training', 'courses'] as const,
  sessions: ['training', 'sessions'] as const,
  session: (id: string) => ['training', 'sessions', id] as const,
  due: ['training', 'due'] as const,
  mine: ['training', 'me'] as const,
  test: (id: string) => ['training', 'test', id] as const,
};

const seg = encodeURIComponent;
export const fetchCourses = (signal?: AbortSignal) =>
  api<Course[]>('GET', '/api/training/courses', undefined, { signal });
export const createCourse = (body: NewCourse) => api<Course>('POST', '/api/training/courses', body);
export const fetchSessions = (signal?: AbortSignal) =>
  api<Session[]>('GET', '/api/training/sessions', undefined, { signal });
export const createSession = (body: NewSession) => api<Session>('POST', '/api/training/sessions', body);
export const fetchSession = (id: string, signal?: AbortSignal) =>
  api<SessionDetail>('GET', `/api/training/sessions/${seg(id)}`, undefined, { signal });
export const recordAttendance = (id: string, body: AttendanceBody) =>
  api<SessionDetail>('PUT', `/api/training/sessions/${seg(id)}/attendance`, body);
export const fetchDue = (signal?: AbortSignal) =>
  api<DueLine[]>('GET', '/api/training/due', undefined, { signal });
export const fetchMyTraining = (signal?: AbortSignal) =>
  api<MyTraining>('GET', '/api/training/me', undefined, { signal });
export const fetchTest = (id: string, signal?: AbortSignal) =>
  api<TestView>('GET', `/api/training/me/courses/${seg(id)}/test`, undefined, { signal });
export const submitTest = (id: string, body: AttemptBody) =>
  api<AttemptResult>('POST', `/api/training/me/courses/${seg(id)}/attempts`, body);
