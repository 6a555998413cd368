/**
 * The one fetch wrapper of the web app (docs/CONVENTIONS.md 2: errors are parsed in one place).
 * It keeps the CSRF token of the current session in memory, sends it on every state-changing request,
 * and turns every failure into an ApiError carrying the server's Chinese message.
 */
import type { ErrorBody, ErrorCode } from '../../../core/errors';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Codes the client itself produces when no ErrorBody came back. */
export type ClientErrorCode = 'NETWORK_ERROR' | 'BAD_RESPONSE';

export interface FieldIssue {
  path: string[];
  message: string;
}

export class ApiError extends Error {
  readonly code: ErrorCode | ClientErrorCode;
  readonly status: number;
  readonly details: unknown;
  readonly requestId: string | undefined;

  constructor(
    code: ErrorCode | ClientErrorCode,
    message: string,
    status: number,
    details?: unknown,
    requestId?: string,
  ) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.status = status;
    this.details = details;
    this.requestId = requestId;
  }

  /** The session is gone (never logged in, logged out elsewhere, idle too long, account disabled). */
  get isAuthLost(): boolean {
    if (this.code === 'ACCOUNT_DISABLED') return true;
    return this.status === 401 && (this.code === 'UNAUTHENTICATED' || this.code === 'SESSION_EXPIRED');
  }

  /** Field errors of a VALIDATION_FAILED answer, when the server sent them. */
  get fieldIssues(): FieldIssue[] {
    if (this.code !== 'VALIDATION_FAILED' || !Array.isArray(this.details)) return [];
    return this.details.filter(isFieldIssue);
  }
}

function isFieldIssue(x: unknown): x is FieldIssue {
  if (typeof x !== 'object' || x === null) return false;
  const r = x as Record<string, unknown>;
  return (
    typeof r.message === 'string' &&
    Array.isArray(r.path) &&
    r.path.every((p) => typeof p === 'string' || typeof p === 'number')
  );
}

function isErrorBody(x: unknown): x is ErrorBody {
  if (typeof x !== 'object' || x === null) return false;
  const r = x as Record<string, unknown>;
  return typeof r.code === 'string' && typeof r.message === 'string';
}

let csrfToken: string | null = null;

export function getCsrfToken(): string | null {
  return csrfToken;
}

/** Called with the token of every Session the server returns (login, me); null on logout. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

type AuthLostListener = (error: ApiError) => void;
const authLostListeners = new Set<AuthLostListener>();

/** The app subscribes once to send the user to the login page when the session is gone. */
export function onAuthLost(listener: AuthLostListener): () => void {
  authLostListeners.add(listener);
  return () => authLostListeners.delete(listener);
}

const NETWORK_MESSAGE = '无法连接服务器，请检查网络后重试。';
const BAD_RESPONSE_MESSAGE = '服务器返回了无法识别的内容，请稍后重试。';

export type QueryValue = string | number | boolean | null | undefined;

/** Builds `?a=1&b=2`, leaving out empty values. */
export function query(params: Record<string, QueryValue>): string {
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === '') continue;
    sp.set(k, String(v));
  }
  const s = sp.toString();
  return s ? `?${s}` : '';
}

/**
 * Asks the person for a fresh code from their authenticator (a modal of the app layout) and sends
 * it; true when the step-up went through. Registered once by the layout; none on the login page.
 */
type StepUpPrompt = () => Promise<boolean>;
let stepUpPrompt: StepUpPrompt | null = null;

export function setStepUpPrompt(prompt: StepUpPrompt | null): void {
  stepUpPrompt = prompt;
}

export interface ApiOptions {
  signal?: AbortSignal;
  /** Do not notify the auth-lost listeners on 401 (used by the session probe and the login call). */
  quietAuth?: boolean;
  /** Extra request headers, e.g. `Idempotency-Key` on submissions a retry must not repeat. */
  headers?: Record<string, string>;
  /** Set on the retry after a step-up, so a refusal is not asked about twice. */
  noStepUp?: boolean;
}

export async function api<T>(
  method: HttpMethod,
  path: string,
  body?: unknown,
  options: ApiOptions = {},
): Promise<T> {
  const headers: Record<string, string> = { ...options.headers, Accept: 'application/json' };
  // A FormData body (a file upload) sets its own multipart content type.
  const form = typeof FormData !== 'undefined' && body instanceof FormData;
  if (body !== undefined && !form) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;

  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : form ? (body as FormData) : JSON.stringify(body),
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError('NETWORK_ERROR', NETWORK_MESSAGE, 0);
  }

  if (res.ok) {
    if (res.status === 204) return undefined as T;
    const text = await res.text();
    if (!text) return undefined as T;
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new ApiError('BAD_RESPONSE', BAD_RESPONSE_MESSAGE, res.status, undefined, requestIdOf(res));
    }
  }

  const error = await errorOf(res);
  // API keys, unmasking and exports ask for a fresh code (docs/SECURITY.md G9): ask, then try once more.
  if (error.code === 'STEP_UP_REQUIRED' && stepUpPrompt && !options.noStepUp) {
    if (await stepUpPrompt()) return api<T>(method, path, body, { ...options, noStepUp: true });
  }
  if (error.isAuthLost && !options.quietAuth) {
    for (const l of authLostListeners) l(error);
  }
  throw error;
}

/**
 * A file from the server (a PDF the resident downloads): the body as a Blob and the file name the
 * server gave, or the server's error as ApiError like api().
 */
export async function apiBlob(
  method: HttpMethod,
  path: string,
  body?: unknown,
): Promise<{ blob: Blob; fileName: string | null }> {
  const headers: Record<string, string> = { Accept: '*/*' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError('NETWORK_ERROR', NETWORK_MESSAGE, 0);
  }
  if (!res.ok) throw await errorOf(res);
  const disposition = res.headers.get('content-disposition') ?? '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
  return { blob: await res.blob(), fileName: star ? decodeURIComponent(star) : null };
}

function requestIdOf(res: Response): string | undefined {
  return res.headers.get('x-request-id') ?? undefined;
}

async function errorOf(res: Response): Promise<ApiError> {
  let parsed: unknown;
  try {
    parsed = await res.json();
  } catch {
    parsed = undefined;
  }
  if (isErrorBody(parsed)) {
    return new ApiError(
      parsed.code,
      parsed.message,
      res.status,
      parsed.details,
      parsed.requestId ?? requestIdOf(res),
    );
  }
  // A proxy or gateway answered (502, 504…) or the body was not ours.
  const message =
    res.status >= 500 ? '服务器暂时不可用，请稍后重试。' : `请求失败（HTTP ${res.status}），请稍后重试。`;
  return new ApiError(
    res.status >= 500 ? 'INTERNAL' : 'BAD_RESPONSE',
    message,
    res.status,
    undefined,
    requestIdOf(res),
  );
}

/**
 * A client-made id for `Idempotency-Key` (docs/CONVENTIONS.md 16). crypto.randomUUID exists only
 * in secure contexts; an office intranet served over plain HTTP still has getRandomValues.
 */
export function clientId(): string {
  if (typeof crypto.randomUUID === 'function' && window.isSecureContext) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}
