import type {
  CreateUserBody,
  PasswordResetRequest,
  UpdateUserBody,
  UserSummary,
} from '../../../core/contracts/users';
import type { Role } from '../../../core/domain/roles';
import { api, type Page, query } from './client';

export interface UserListParams {
  page: number;
  pageSize: number;
  q?: string;
  orgId?: string;
  role?: Role;
}

export const userKeys = {
  all: ['users'] as const,
  list: (params: UserListParams) => ['users', 'list', params] as const,
  detail: (id: string) => ['users', 'detail', id] as const,
  pendingResets: ['users', 'password-resets'] as const,
};

export function listUsers(params: UserListParams, signal?: AbortSignal): Promise<Page<UserSummary>> {
  return api<Page<UserSummary>>('GET', `/api/users${query({ ...params })}`, undefined, { signal });
}

export function fetchUser(id: string, signal?: AbortSignal): Promise<UserSummary> {
  return api<UserSummary>('GET', `/api/users/${encodeURIComponent(id)}`, undefined, { signal });
}

export function createUser(body: CreateUserBody): Promise<UserSummary> {
  return api<UserSummary>('POST', '/api/users', body);
}

export function updateUser(id: string, body: UpdateUserBody): Promise<UserSummary> {
  return api<UserSummary>('PATCH', `/api/users/${encodeURIComponent(id)}`, body);
}

export function setUserRoles(id: string, roles: Role[]): Promise<UserSummary> {
  return api<UserSummary>('PUT', `/api/users/${encodeURIComponent(id)}/roles`, { roles });
}

export function unlockUser(id: string): Promise<unknown> {
  return api<unknown>('POST', `/api/users/${encodeURIComponent(id)}/unlock`);
}

/** The account itself when the reset took effect; a pending request when it awaits approval. */
export function resetUserPassword(id: string, password: string): Promise<UserSummary | PasswordResetRequest> {
  return api<UserSummary | PasswordResetRequest>(
    'POST',
    `/api/users/${encodeURIComponent(id)}/reset-password`,
    { password },
  );
}

export function isPendingReset(r: UserSummary | PasswordResetRequest): r is PasswordResetRequest {
  return 'status' in r && r.status === 'pending';
}

export function listPendingResets(signal?: AbortSignal): Promise<PasswordResetRequest[]> {
  return api<PasswordResetRequest[]>('GET', '/api/users/password-resets', undefined, { signal });
}

export function decidePasswordReset(id: string, approve: boolean): Promise<UserSummary> {
  return api<UserSummary>(
    'POST',
    `/api/users/password-resets/${encodeURIComponent(id)}/${approve ? 'approve' : 'reject'}`,
  );
}

export function resetTwoFactor(id: string): Promise<UserSummary> {
  return api<UserSummary>('POST', `/api/users/${encodeURIComponent(id)}/reset-two-factor`);
}
