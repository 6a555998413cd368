/**
 * Sending the outbox when there is signal. Each item carries the id the phone made, so sending it
 * again after a lost answer gets the server's first answer, not a second matter. The server's word
 * wins: a refusal becomes a conflict the worker sees (never a silent drop); status, owner and
 * jurisdiction come back from the server and replace what the phone held.
 */

import { defaultMessages } from '../../../../core/error-codes';
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
  type RefusedItem,
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

export type SyncStatus = 'ok' | 'offline' | 'signed_out' | 'not_grid_worker' | 'disabled';

export interface SyncOutcome {
  status: SyncStatus;
  sent: number;
  conflicts: number;
  /** When the account was disabled: how many unsent records were wiped with the rest. */
  discarded?: number;
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

function isDisabled(e: unknown): boolean {
  return e instanceof ApiError && e.code === 'ACCOUNT_DISABLED';
}

/** Refused because the worker was moved since it was made (server: field.service sameOrgAsMade). */
function isOrgChanged(e: unknown): boolean {
  return (
    e instanceof ApiError &&
    typeof e.details === 'object' &&
    e.details !== null &&
    (e.details as { reason?: unknown }).reason === 'ORG_CHANGED'
  );
}

/**
 * The account was disabled: nothing may stay on a phone whose user has no authority left, not even
 * unsent work (the server would refuse it). The worker is told how many records went with it.
 */
async function wipeForDisabled(outcome: SyncOutcome): Promise<SyncOutcome> {
  const discarded = (await allItems()).filter((i) => i.state !== 'sent' && i.type !== 'refused').length;
  await clearAll();
  return { ...outcome, status: 'disabled', discarded };
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
    if (isDisabled(e)) return wipeForDisabled(outcome);
    throw e;
  }
  // Signed out or timed out: keep the outbox for the same worker's next login, send nothing.
  if (!session) return { ...outcome, status: 'signed_out' };
  const me = session.user;
  if (me.restriction) {
    // The password must be changed (or an authenticator bound) first: the server would refuse every
    // record, so nothing is sent and the outbox waits as it is.
    const code =
      me.restriction === 'password_change' ? 'PASSWORD_CHANGE_REQUIRED' : 'TOTP_ENROLMENT_REQUIRED';
    throw new ApiError(code, defaultMessages[code], 403);
  }
  if (!me.permissions.includes('field.work') || !me.org) {
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
      if (isDisabled(e)) return wipeForDisabled(outcome);
      if (e instanceof ApiError && e.isAuthLost) return { ...outcome, status: 'signed_out' };
      const message = e instanceof Error ? e.message : String(e);
      if (isOrgChanged(e)) {
        outcome.conflicts++;
        await putItem(refused(item, profile, message));
      } else if (isTransient(e)) {
        await putItem({ ...item, attempts: item.attempts + 1, message });
      } else {
        outcome.conflicts++;
        await putItem({ ...item, attempts: item.attempts + 1, state: 'conflict', message });
      }
    }
  }
  await forgetOtherOrgs(profile);
  await pruneReceipts();
  try {
    // Both at once: on 3G each request is a round trip of more than half a second.
    const [home, grids] = await Promise.all([fetchFieldHome(), fetchGridGeoJson(profile.orgId)]);
    await writeCache(cacheKeys.home, home);
    await writeCache(cacheKeys.grids, grids);
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
    // The old village's tasks and grids go now. Unsent work made there is still sent: the server
    // judges it (it refuses what was made under the old org) and what it refuses is kept only as a
    // contentless 'refused' row the worker sees (forgetOtherOrgs, after the sending).
    const unsent = (await allItems()).filter(
      (i) => i.orgId !== profile.orgId && i.state === 'pending' && i.type !== 'refused',
    ).length;
    await writeCache(cacheKeys.home, undefined);
    await writeCache(cacheKeys.grids, undefined);
    await writeCache(
      cacheKeys.notice,
      `您的辖区已由“${before.orgName}”变更为“${profile.orgName}”，原辖区的数据已从本机清除。` +
        (unsent
          ? `调动前保存、尚未同步的 ${unsent} 条记录已交服务器核对，未被接受的列在“服务器未接受的记录”中，请告知原村（社区）补录。`
          : ''),
    );
  }
  // Items of anyone else (a phone shared before this version kept them apart) are not sent either.
  for (const i of await allItems()) if (i.userId !== profile.userId) await deleteItem(i.id);
  await writeCache(cacheKeys.profile, profile);
}

/**
 * After the sending, nothing of another org stays: its receipts go, and a refusal keeps only what
 * the worker needs to know (what, when, why), not the people and places it named.
 */
async function forgetOtherOrgs(profile: Profile): Promise<void> {
  for (const i of await allItems()) {
    if (i.orgId === profile.orgId || i.type === 'refused') continue;
    if (i.state === 'sent') await deleteItem(i.id);
    else if (i.state === 'conflict') await putItem(refused(i, profile, i.message ?? '服务器未接受。'));
  }
}

function refused(item: OutboxItem, profile: Profile, message: string): RefusedItem {
  const what =
    item.type === 'refused'
      ? item.what
      : item.type === 'report'
        ? '上报'
        : { patrol: '巡查', visit: '走访', note: '笔记' }[item.body.kind];
  return {
    type: 'refused',
    id: item.id,
    userId: item.userId,
    orgId: profile.orgId,
    createdAt: item.createdAt,
    state: 'conflict',
    attempts: item.attempts + 1,
    message,
    receipt: null,
    sentAt: null,
    what,
  };
}

async function send(item: OutboxItem): Promise<void> {
  const sentAt = new Date().toISOString();
  // A refusal is final; nothing of it is left to send.
  if (item.type === 'refused') return;
  // The org it was made in goes along: the server refuses it if the worker has been moved since.
  const madeInOrgId = item.orgId;
  if (item.type === 'log') {
    await sendFieldLog({ ...item.body, madeInOrgId });
    await putItem({ ...item, state: 'sent', sentAt, message: null, receipt: '已同步' });
    return;
  }
  let current = item;
  if (!current.matterId) {
    const res = await sendFieldReport({ ...current.body, madeInOrgId });
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
