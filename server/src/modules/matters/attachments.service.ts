/**
 * Attachments (images and PDF) on a matter (docs/SECURITY.md G22): the type is decided by the bytes, not
 * the name or the browser's claim; size is limited; photos lose their location metadata; files are
 * kept under the data directory by random key, never by the uploaded name; downloads are always
 * `attachment` with nosniff and a sandbox CSP (set by the route). Uploads and reads are audited.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileTypeFromBuffer } from 'file-type';
import { stripJpegMetadata, stripPngMetadata } from '../../../../core/domain/image-metadata';
import { AppError } from '../../../../core/errors';
import { requireActor } from '../../authz';
import type { Deps, RequestCtx } from '../../context';
import { recordEvent } from '../events/events.service';
import * as repo from './attachments.repo';
import * as matters from './matters.repo';
import { canSeeMatter, matterWorkerRoles } from './visibility';

const allowed: Record<string, string[]> = {
  'image/jpeg': ['jpg', 'jpeg'],
  'image/png': ['png'],
  'application/pdf': ['pdf'],
};

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
  if (!actor.roles.some((r) => matterWorkerRoles.includes(r))) throw new AppError('FORBIDDEN');
  const m = await matters.byId(deps.database.db, matterId);
  if (!m || !canSeeMatter(actor, m)) throw new AppError('NOT_FOUND');
  return { actor, m };
}

export async function addAttachment(
  deps: Deps,
  ctx: RequestCtx,
  matterId: string,
  fileName: string,
  data: Buffer,
) {
  const { actor, m } = await visibleMatter(deps, ctx, matterId);
  if (m.status === 'archived' || m.status === 'merged')
    throw new AppError('TRANSITION_REFUSED', '事项已归档，不能再添加附件。');
  if (data.length === 0) throw new AppError('VALIDATION_FAILED', '文件是空的。');
  if (data.length > deps.config.maxUploadBytes) {
    throw new AppError(
      'VALIDATION_FAILED',
      `文件超过 ${Math.floor(deps.config.maxUploadBytes / 1048576)} MB 的上限。`,
    );
  }
  const detected = await fileTypeFromBuffer(data);
  const ext = fileName.split('.').pop()?.toLowerCase() ?? '';
  const okExt = detected ? allowed[detected.mime] : undefined;
  if (!detected || !okExt) throw new AppError('VALIDATION_FAILED', '只接受 JPG、PNG 图片或 PDF 文件。');
  if (!okExt.includes(ext)) {
    throw new AppError(
      'VALIDATION_FAILED',
      `文件内容是 ${detected.ext.toUpperCase()}，与扩展名 .${ext} 不符。`,
    );
  }
  const bytes =
    detected.mime === 'image/jpeg'
      ? Buffer.from(stripJpegMetadata(data))
      : detected.mime === 'image/png'
        ? Buffer.from(stripPngMetadata(data))
        : data;
  const id = randomUUID();
  const key = path.join(m.countyCode, m.id, id);
  const full = path.join(deps.config.filesDir, key);
  await mkdir(path.dirname(full), { recursive: true });
  await writeFile(full, bytes, { flag: 'wx' });
  const row = {
    countyCode: m.countyCode,
    id,
    matterId: m.id,
    fileName: safeFileName(fileName),
    mime: detected.mime,
    size: bytes.length,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    storageKey: key,
    uploadedBy: actor.userId,
    createdAt: deps.clock.now(),
  };
  await deps.database.transaction(async (tx) => {
    await repo.insert(tx, row);
    await recordEvent(tx, ctx, deps.clock, {
      countyCode: m.countyCode,
      action: 'matter.attachment_added',
      objectType: 'matter',
      objectId: m.id,
      after: { attachmentId: id, mime: row.mime, size: row.size, sha256: row.sha256 },
    });
  });
  deps.kickSealer();
  return toView(row);
}

function toView(a: Pick<repo.AttachmentRow, 'id' | 'fileName' | 'mime' | 'size' | 'createdAt'>) {
  return { id: a.id, fileName: a.fileName, mime: a.mime, size: a.size, createdAt: a.createdAt.toISOString() };
}

export async function listAttachments(deps: Deps, ctx: RequestCtx, matterId: string) {
  const { m } = await visibleMatter(deps, ctx, matterId);
  return (await repo.ofMatter(deps.database.db, m.id)).map(toView);
}

export async function readAttachment(deps: Deps, ctx: RequestCtx, matterId: string, id: string) {
  const { m } = await visibleMatter(deps, ctx, matterId);
  const a = await repo.byId(deps.database.db, m.id, id);
  if (!a) throw new AppError('NOT_FOUND');
  const data = await readFile(path.join(deps.config.filesDir, a.storageKey));
  await deps.database.transaction((tx) =>
    recordEvent(tx, ctx, deps.clock, {
      countyCode: m.countyCode,
      action: 'matter.attachment_read',
      objectType: 'matter',
      objectId: m.id,
      after: { attachmentId: a.id },
    }),
  );
  deps.kickSealer();
  return { fileName: a.fileName, mime: a.mime, data };
}

/**
 * The stored bytes of an attachment, for a document that embeds it (a signature on an agreement).
 * The caller has checked visibility and records the document's generation as the audited read.
 */
export async function attachmentBytes(
  deps: Deps,
  matterId: string,
  id: string,
): Promise<{ mime: string; data: Buffer } | null> {
  const a = await repo.byId(deps.database.db, matterId, id);
  if (!a) return null;
  return { mime: a.mime, data: await readFile(path.join(deps.config.filesDir, a.storageKey)) };
}
