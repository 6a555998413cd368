/**
 * Nothing a resident typed is lost (a 4,400-character description was, on a visit to 办事指南):
 * - the draft (every field and the map point) is kept in this browser's localStorage as it is typed,
 *   restored when the form opens again, and cleared once submitted or when the resident clears it;
 *   it expires after three days so a shared phone does not keep it for ever;
 * - the photos picked wait in memory for the page's return within the app (a File cannot go into
 *   localStorage; a reload asks for them again);
 * - the success page's code and secret are kept in sessionStorage (this tab only, gone when it
 *   closes) so a reload shows them again; never in localStorage, never in the address.
 */

const DRAFT_KEY = 'zongzhi.public.draft.v1';
const SUBMITTED_KEY = 'zongzhi.public.submitted.v1';
const DRAFT_TTL_MS = 3 * 24 * 3_600_000;
/** The success page's secret in this tab: long enough to write it down, not all day. */
const SUBMITTED_TTL_MS = 2 * 3_600_000;

export interface Draft<V> {
  values: Partial<V>;
  point: { lat: number; lng: number } | null;
}

function read<T>(storage: Storage | undefined, key: string, ttl: number): T | null {
  try {
    const raw = storage?.getItem(key);
    if (!raw) return null;
    const parsed = JSON.parse(raw) as { savedAt: number; data: T };
    if (typeof parsed.savedAt !== 'number' || Date.now() - parsed.savedAt > ttl) {
      storage?.removeItem(key);
      return null;
    }
    return parsed.data;
  } catch {
    return null;
  }
}

function write(storage: Storage | undefined, key: string, data: unknown): void {
  try {
    storage?.setItem(key, JSON.stringify({ savedAt: Date.now(), data }));
  } catch {
    // Storage full or refused (private mode): the form still works, only the safety net is gone.
  }
}

const local = () => (typeof window === 'undefined' ? undefined : window.localStorage);
const session = () => (typeof window === 'undefined' ? undefined : window.sessionStorage);

export function loadDraft<V>(): Draft<V> | null {
  return read<Draft<V>>(local(), DRAFT_KEY, DRAFT_TTL_MS);
}

export function saveDraft<V>(draft: Draft<V>): void {
  const empty =
    !draft.point &&
    Object.entries(draft.values).every(([k, v]) => k === 'kind' || v === undefined || v === null || v === '');
  if (empty) local()?.removeItem(DRAFT_KEY);
  else write(local(), DRAFT_KEY, draft);
}

export function clearDraft(): void {
  local()?.removeItem(DRAFT_KEY);
}

export function loadSubmitted<T>(): T | null {
  return read<T>(session(), SUBMITTED_KEY, SUBMITTED_TTL_MS);
}

export function saveSubmitted(data: unknown): void {
  write(session(), SUBMITTED_KEY, data);
}

export function clearSubmitted(): void {
  session()?.removeItem(SUBMITTED_KEY);
}

/** A file picked for the submission, with the kind the server will check it as. */
export interface PickedFile {
  id: string;
  file: Blob;
  name: string;
  kind: 'image' | 'video' | 'pdf';
  preview: string | null;
}

/** The files picked on the submit page, kept while the resident looks at another page of the app. */
export const pendingFiles: { current: PickedFile[] } = { current: [] };
