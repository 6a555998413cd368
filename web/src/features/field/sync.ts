/**
 * Sending the outbox when there is signal. Each item carries the id the phone made, so sending it
 * again after a lost answer gets the server's first answer, not a second matter. The server's word
 * wins: a refusal becomes a conflict the worker sees (never a silent drop); status, owner and
 * jurisdiction come back from the server and replace what the phone held.
 */

import { fetchSession } from '../../api/auth';
import { ApiError } from '../../api/client';
import { type FieldHome, fetchFieldHome, sendFieldLog, sendFieldReport, uploadPhoto } from '../../api/field';
import type { GridFeatureCollection } from '../../api/grids';
import { fetchGridGeoJson } from '../../api/grids';
import {
  allItems,
  clearAll,
  deleteItem,
  type OutboxItem,
  putItem,
  readCache,
  writeCache,
} from './outbox-store';

export interface Profile {
  userId: string;
  username: string;
  displayName: string;
  orgId: string;
  orgName: string;
}

export type SyncStatus = 'ok' | 'offline' | 'signed_out' | 'not_grid_worker';

export interface SyncOutcome {
  status: SyncStatus;
  sent: number;
  conflicts: number;
}

/** Sent items kept on the phone as receipts (the newest). */
const RECEIPTS_KEPT = 30;

export const cacheKeys = { profile: 'profile', home: 'home', grids: 'grids', notice: 'notice' } as const;

let running: Promise<SyncOutcome> | null = null;

/** One sync at a time in this tab; a second caller waits for the running one. */
export function syncNow(): Promise<SyncOutcome> {
  running ??= runSync().finally(() => {
    running = null;
  });
  return running;
}

function isNetwork(e: unknown): boolean {
  return e instanceof ApiError && e.code === 'NETWORK_ERROR';
}

/** Worth trying again later: no answer, the server busy, or the same id still in flight (409). */
function isTransient(e: unknown): boolean {
  return e instanceof ApiError && (e.status === 0 || e.status >= 500 || e.status === 409);
}

async function runSync(): Promise<SyncOutcome> {
  const outcome: SyncOutcome = { status: 'ok', sent: 0, conflicts: 0 };
  if (!navigator.onLine) return { ...outcome, status: 'offline' };
  let session: Awaited<ReturnType<typeof fetchSession>>;
  try {
    session = await fetchSession();
  } catch (e) {
    if (isNetwork(e)) return { ...outcome, status: 'offline' };
    throw e;
  }
  // Signed out or timed out: keep the outbox for the same worker's next login, send nothing.
  if (!session) return { ...outcome, status: 'signed_out' };
  const me = session.user;
  if (!me.roles.includes('grid_worker') || !me.org) {
    await clearAll();
    return { ...outcome, status: 'not_grid_worker' };
  }
  const profile: Profile = {
    userId: me.id,
    username: me.username,
    displayName: me.displayName,
    orgId: me.org.id,
    orgName: me.org.name,
  };
  await applyJurisdiction(profile);

  for (const item of await allItems()) {
    if (item.state !== 'pending') continue;
    try {
      await send(item);
      outcome.sent++;
    } catch (e) {
      if (isNetwork(e)) return { ...outcome, status: 'offline' };
      if (e instanceof ApiError && e.isAuthLost) return { ...outcome, status: 'signed_out' };
      const message = e instanceof Error ? e.message : String(e);
      if (isTransient(e)) {
        await putItem({ ...item, attempts: item.attempts + 1, message });
      } else {
        outcome.conflicts++;
        await putItem({ ...item, attempts: item.attempts + 1, state: 'conflict', message });
      }
    }
  }
  await pruneReceipts();
  try {
    const home = await fetchFieldHome();
    await writeCache(cacheKeys.home, home);
    await writeCache(cacheKeys.grids, await fetchGridGeoJson(profile.orgId));
  } catch (e) {
    if (isNetwork(e)) return { ...outcome, status: 'offline' };
    throw e;
  }
  return outcome;
}

/**
 * Another account on this phone, or the same worker moved to another org: nothing of the old one
 * stays. Items made there and not yet sent are removed and the worker is told how many, so they are
 * never lost without a word.
 */
async function applyJurisdiction(profile: Profile): Promise<void> {
  const before = await readCache<Profile>(cacheKeys.profile);
  if (before && before.userId !== profile.userId) {
    await clearAll();
    await writeCache(cacheKeys.notice, '上一位使用者在本机的离线内容已全部清除。');
  } else if (before && before.orgId !== profile.orgId) {
    const stale = (await allItems()).filter((i) => i.orgId !== profile.orgId);
    for (const i of stale) await deleteItem(i.id);
    const unsent = stale.filter((i) => i.state !== 'sent').length;
    await writeCache(cacheKeys.home, undefined);
    await writeCache(cacheKeys.grids, undefined);
    await writeCache(
      cacheKeys.notice,
      `您的辖区已由“${before.orgName}”变更为“${profile.orgName}”，原辖区的数据已从本机清除` +
        (unsent ? `，其中 ${unsent} 条未同步的记录请与原村（社区）联系补录。` : '。'),
    );
  }
  // Items of anyone else (a phone shared before this version kept them apart) are not sent either.
  for (const i of await allItems()) if (i.userId !== profile.userId) await deleteItem(i.id);
  await writeCache(cacheKeys.profile, profile);
}

async function send(item: OutboxItem): Promise<void> {
  const sentAt = new Date().toISOString();
  if (item.type === 'log') {
    await sendFieldLog(item.body);
    await putItem({ ...item, state: 'sent', sentAt, message: null, receipt: '已同步' });
    return;
  }
  let current = item;
  if (!current.matterId) {
    const res = await sendFieldReport(current.body);
    current = {
      ...current,
      matterId: res.matter.id,
      receipt: res.onSpotRefusal
        ? `${res.matter.code}（已上报；就地化解未被接受：${res.onSpotRefusal}）`
        : res.matter.code,
    };
    await putItem(current);
  }
  for (let i = current.photosSent; i < current.photos.length; i++) {
    const photo = current.photos[i];
    if (!photo) continue;
    try {
      await uploadPhoto(current.matterId!, photo, `现场照片-${i + 1}.jpg`);
    } catch (e) {
      if (isTransient(e) || (e instanceof ApiError && e.isAuthLost)) throw e;
      // The matter exists; only this photo was refused. Say so rather than resend the report.
      throw new ApiError(
        e instanceof ApiError ? e.code : 'BAD_RESPONSE',
        `事项 ${current.receipt} 已上报，第 ${i + 1} 张照片未能上传：${e instanceof Error ? e.message : ''}`,
        e instanceof ApiError ? e.status : 400,
      );
    }
    current = { ...current, photosSent: i + 1 };
    await putItem(current);
  }
  await putItem({ ...current, state: 'sent', sentAt, message: null });
}

async function pruneReceipts(): Promise<void> {
  const sent = (await allItems()).filter((i) => i.state === 'sent');
  const old = sent.sort((a, b) => (b.sentAt ?? '').localeCompare(a.sentAt ?? '')).slice(RECEIPTS_KEPT);
  for (const i of old) await deleteItem(i.id);
}

/** Logout on this phone: the worker chose to leave; nothing of theirs stays. */
export async function forgetEverything(): Promise<void> {
  await clearAll();
}

export type { FieldHome, GridFeatureCollection };
