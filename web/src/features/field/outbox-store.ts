/**
 * The phone's own store (IndexedDB): the outbox of reports, logs and notes made without signal, and
 * the last answers of the server (home, grids) for reading offline. IndexedDB, not memory or
 * localStorage, because the outbox must survive the browser being closed and must hold photos.
 */
import type { FieldLogBody, FieldReportBody } from '../../api/field';

const DB_NAME = 'zongzhi-field';
const DB_VERSION = 1;
const OUTBOX = 'outbox';
const CACHE = 'cache';

export type OutboxState = 'pending' | 'conflict' | 'sent';

interface ItemBase {
  /** The client-made id: clientId of a report, id of a log. The server dedupes on it. */
  id: string;
  /** Who made it and in which org: a phone handed to someone else, or a worker moved, sends nothing of it. */
  userId: string;
  orgId: string;
  createdAt: string;
  state: OutboxState;
  attempts: number;
  /** The server's refusal (conflict), or the last network trouble (pending). */
  message: string | null;
  /** What the server answered, once sent (the matter code for a report). */
  receipt: string | null;
  sentAt: string | null;
}

export interface ReportItem extends ItemBase {
  type: 'report';
  body: FieldReportBody;
  /** Compressed on the phone before they were stored. */
  photos: Blob[];
  /** How many photos already reached the server (a retry sends only the rest). */
  photosSent: number;
  matterId: string | null;
}

export interface LogItem extends ItemBase {
  type: 'log';
  body: FieldLogBody;
}

/**
 * What is left of a report or log the server refused because the worker had been moved to another
 * org: the worker still sees that it was not accepted and when it was made, but its content (people
 * and places of the old jurisdiction) is gone from the phone. Never sent again.
 */
export interface RefusedItem extends ItemBase {
  type: 'refused';
  /** 上报, 巡查, 走访 or 笔记. */
  what: string;
}

export type OutboxItem = ReportItem | LogItem | RefusedItem;

let opening: Promise<IDBDatabase> | null = null;

function open(): Promise<IDBDatabase> {
  opening ??= new Promise((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, DB_VERSION);
    req.onupgradeneeded = () => {
      const db = req.result;
      if (!db.objectStoreNames.contains(OUTBOX)) db.createObjectStore(OUTBOX, { keyPath: 'id' });
      if (!db.objectStoreNames.contains(CACHE)) db.createObjectStore(CACHE);
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => {
      opening = null;
      reject(req.error ?? new Error('无法打开手机上的离线存储。'));
    };
  });
  return opening;
}

function done<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

async function store(name: string, mode: IDBTransactionMode): Promise<IDBObjectStore> {
  const db = await open();
  return db.transaction(name, mode).objectStore(name);
}

export async function putItem(item: OutboxItem): Promise<void> {
  await done((await store(OUTBOX, 'readwrite')).put(item));
  notify();
}

export async function allItems(): Promise<OutboxItem[]> {
  const items = (await done((await store(OUTBOX, 'readonly')).getAll())) as OutboxItem[];
  return items.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

export async function deleteItem(id: string): Promise<void> {
  await done((await store(OUTBOX, 'readwrite')).delete(id));
  notify();
}

export async function readCache<T>(key: string): Promise<T | undefined> {
  return (await done((await store(CACHE, 'readonly')).get(key))) as T | undefined;
}

export async function writeCache(key: string, value: unknown): Promise<void> {
  await done((await store(CACHE, 'readwrite')).put(value, key));
  notify();
}

/** Forgets everything the phone holds (logout, another account, access revoked). */
export async function clearAll(): Promise<void> {
  const db = await open();
  const tx = db.transaction([OUTBOX, CACHE], 'readwrite');
  tx.objectStore(OUTBOX).clear();
  tx.objectStore(CACHE).clear();
  await new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
  });
  notify();
}

type Listener = () => void;
const listeners = new Set<Listener>();

/** The pages re-read the store when it changes (in this tab). */
export function subscribe(l: Listener): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

function notify(): void {
  for (const l of listeners) l();
}
