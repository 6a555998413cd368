/**
 * Attachments (photos, short videos and PDF) on a matter (docs/SECURITY.md G22): the type is decided by
 * the bytes, not the name or the browser's claim; size is limited; photos are re-encoded and videos
 * lose their metadata boxes before anything is written (media.ts, failing closed); files are kept
 * under the data directory by random key, never by the uploaded name; downloads are always
 * `attachment` with nosniff and a sandbox CSP (set by the route). Uploads and reads are audited.
 * Staff add them from their pages (grid workers' field photos included); residents add theirs with
 * the matter's code and tracking secret (public.service).
 */

import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { can } from '../../../../core/domain/permissions';
import { AppError } from '../../../../core/errors';
import { requireActor } from '../../authz';
import type { Deps, RequestCtx } from '../../context';
import { recordEvent } from '../events/events.service';
import { displayNameOf } from '../users/users.service';
import * as repo from './attachments.repo';
import * as matters from './matters.repo';
import { cleanUpload, type MediaKind, thumbnailOf } from './media';
import { canSeeMatter } from './visibility';

/** Staff may attach any kind the platform stores. */
const staffKinds: readonly MediaKind[] = ['image', 'video', 'pdf'];
/** A resident's files on one matter: enough for the photos of a dispute, not a free file store. */
export const RESIDENT_FILES_MAX = 9;

/** A display name with no path, no control or markup characters. */
export function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? 'file';
  const clean = [...base]
    // Control characters, and characters that mean something to shells, HTML or Windows paths.
    .map((c) => (c.charCodeAt(0) < 0x20 || '<>:"|?*`$'.includes(c) ? '_' : c))
    .join('')
    .replace(/^\.+/, '')
    .slice(0, 120);
  return clean || 'file';
}

async function visibleMatter(deps: Deps, ctx: RequestCtx, matterId: string) {
  const actor = requireActor(ctx);
  if (!can(actor.roles, 'matter.work')) throw new AppError('FORBIDDEN');
  const m = await matters.byId(deps.database.db, actor.countyCode, matterId);
  if (!m || !canSeeMatter(actor, m)) throw new AppError('NOT_FOUND');
  return { actor, m };
}

function withExt(name: string, ext: string): string {
  const safe = safeFileName(name);
  const dot = safe.lastIndexOf('.');
  const stem = dot > 0 ? safe.slice(0, dot) : safe;
  return `${stem}.${ext}`;
}

/** Cleans and writes the file, then the row and its event in one transaction. */
export async function storeAttachment(
  deps: Deps,
  ctx: RequestCtx,
  m: matters.MatterRow,
  file: { fileName: string; data: Buffer },
  who: { origin: 'staff' | 'resident'; uploadedBy: string | null; kinds: readonly MediaKind[] },
) {
  if (m.status === 'archived' || m.status === 'merged')
    throw new AppError('TRANSITION_REFUSED', '事项已归档，不能再添加附件。');
  const clean = await cleanUpload(file.data, file.fileName, who.kinds, deps.config.maxUploadBytes);
  const id = randomUUID();
  const key = path.join(m.countyCode, m.id, id);
  const thumbKey = clean.thumbnail ? `${key}.thumb.jpg` : null;
  await mkdir(path.dirname(path.join(deps.config.filesDir, key)), { recursive: true });
  await writeFile(path.join(deps.config.filesDir, key), clean.bytes, { flag: 'wx' });
  if (thumbKey && clean.thumbnail)
    await writeFile(path.join(deps.config.filesDir, thumbKey), clean.thumbnail, { flag: 'wx' });
  const row = {
    countyCode: m.countyCode,
    id,
    matterId: m.id,
    fileName: withExt(file.fileName, clean.ext),
    mime: clean.mime,
    size: clean.bytes.length,
    sha256: createHash('sha256').update(clean.bytes).digest('hex'),
    storageKey: key,
    thumbKey,
    uploadedBy: who.uploadedBy,
    origin: who.origin,
    createdAt: deps.clock.now(),
  };
  await deps.database.transaction(async (tx) => {
    if (who.origin === 'resident') {
      const mine = (await repo.ofMatter(tx, m.countyCode, m.id)).filter((a) => a.origin === 'resident');
      if (mine.length >= RESIDENT_FILES_MAX)
        throw new AppError('UNPROCESSABLE', `每件事项最多可上传 ${RESIDENT_FILES_MAX} 个文件。`, {
          reason: 'TOO_MANY_FILES',
        });
    }
    await repo.insert(tx, row);
    await recordEvent(tx, ctx, deps.clock, {
      countyCode: m.countyCode,
      action: 'matter.attachment_added',
      objectType: 'matter',
      objectId: m.id,
      after: { attachmentId: id, mime: row.mime, size: row.size, sha256: row.sha256, origin: row.origin },
    });
  });
  deps.kickSealer();
  return toView(row, null);
}

export async function addAttachment(
  deps: Deps,
  ctx: RequestCtx,
  matterId: string,
  fileName: string,
  data: Buffer,
) {
  const { actor, m } = await visibleMatter(deps, ctx, matterId);
  return storeAttachment(
    deps,
    ctx,
    m,
    { fileName, data },
    {
      origin: 'staff',
      uploadedBy: actor.userId,
      kinds: staffKinds,
    },
  );
}

export function toView(
  a: Pick<repo.AttachmentRow, 'id' | 'fileName' | 'mime' | 'size' | 'createdAt' | 'origin' | 'thumbKey'>,
  uploader: string | null,
) {
  return {
    id: a.id,
    fileName: a.fileName,
    mime: a.mime,
    size: a.size,
    createdAt: a.createdAt.toISOString(),
    origin: a.origin as 'staff' | 'resident',
    uploader: a.origin === 'resident' ? '群众提交' : uploader,
    thumbnail: a.mime.startsWith('image/'),
  };
}

export async function listAttachments(deps: Deps, ctx: RequestCtx, matterId: string) {
  const { m } = await visibleMatter(deps, ctx, matterId);
  const rows = await repo.ofMatter(deps.database.db, m.countyCode, m.id);
  const names = new Map<string, string | null>();
  for (const id of new Set(rows.map((r) => r.uploadedBy).filter((x): x is string => !!x)))
    names.set(id, await displayNameOf(deps.database.db, id));
  return rows.map((r) => toView(r, r.uploadedBy ? (names.get(r.uploadedBy) ?? null) : null));
}

async function audited(
  deps: Deps,
  ctx: RequestCtx,
  m: matters.MatterRow,
  attachmentId: string,
  thumb: boolean,
) {
  await deps.database.transaction((tx) =>
    recordEvent(tx, ctx, deps.clock, {
      countyCode: m.countyCode,
      action: 'matter.attachment_read',
      objectType: 'matter',
      objectId: m.id,
      after: thumb ? { attachmentId, thumbnail: true } : { attachmentId },
    }),
  );
  deps.kickSealer();
}

export async function readAttachment(deps: Deps, ctx: RequestCtx, matterId: string, id: string) {
  const { m } = await visibleMatter(deps, ctx, matterId);
  const a = await repo.byId(deps.database.db, m.countyCode, m.id, id);
  if (!a) throw new AppError('NOT_FOUND');
  const data = await readFile(path.join(deps.config.filesDir, a.storageKey));
  await audited(deps, ctx, m, a.id, false);
  return { fileName: a.fileName, mime: a.mime, data };
}

/**
 * The thumbnail of an image attachment (made at upload; made now for photos stored before there
 * were thumbnails). Always a JPEG we encoded, so a staff page may show it inline. Audited like a read.
 */
export async function readThumbnail(deps: Deps, ctx: RequestCtx, matterId: string, id: string) {
  const { m } = await visibleMatter(deps, ctx, matterId);
  const a = await repo.byId(deps.database.db, m.countyCode, m.id, id);
  if (!a?.mime.startsWith('image/')) throw new AppError('NOT_FOUND');
  const data = a.thumbKey
    ? await readFile(path.join(deps.config.filesDir, a.thumbKey))
    : await thumbnailOf(await readFile(path.join(deps.config.filesDir, a.storageKey))).catch(() => {
        throw new AppError('NOT_FOUND', '该图片无法生成缩略图。');
      });
  await audited(deps, ctx, m, a.id, true);
  return data;
}

/**
 * The stored bytes of an attachment, for a document that embeds it (a signature on an agreement).
 * The caller has checked visibility and records the document's generation as the audited read.
 */
export async function attachmentBytes(
  deps: Deps,
  county: string,
  matterId: string,
  id: string,
): Promise<{ mime: string; data: Buffer } | null> {
  const a = await repo.byId(deps.database.db, county, matterId, id);
  if (!a) return null;
  return { mime: a.mime, data: await readFile(path.join(deps.config.filesDir, a.storageKey)) };
}
