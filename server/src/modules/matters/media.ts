/**
 * What a file becomes before it is stored (docs/SECURITY.md G22). The type is decided by the bytes. A
 * photo is decoded and encoded again by sharp (libvips): only the pixels survive, so no EXIF, GPS,
 * XMP, IPTC (APP13) or comment can ride along however the file was built, and a file sharp cannot
 * decode is refused rather than stored as it came. A video keeps its frames and loses its metadata
 * boxes (core/domain/video-metadata.ts), also failing closed. A PDF is kept as it is.
 */
import { fileTypeFromBuffer } from 'file-type';
import sharp from 'sharp';
import { stripVideoMetadata, VideoMetadataError } from '../../../../core/domain/video-metadata';
import { AppError } from '../../../../core/errors';

export type MediaKind = 'image' | 'video' | 'pdf';

const kindOfMime: Record<string, MediaKind> = {
  'image/jpeg': 'image',
  'image/png': 'image',
  'image/webp': 'image',
  'application/pdf': 'pdf',
  'video/mp4': 'video',
  'video/quicktime': 'video',
};

const extensions: Record<string, string[]> = {
  'image/jpeg': ['jpg', 'jpeg', 'jfif'],
  'image/png': ['png'],
  'image/webp': ['webp'],
  'application/pdf': ['pdf'],
  'video/mp4': ['mp4', 'm4v'],
  'video/quicktime': ['mov', 'qt'],
};

const kindWords: Record<MediaKind, string> = {
  image: 'JPG、PNG 图片',
  video: 'MP4、MOV 视频',
  pdf: 'PDF 文件',
};

/** Larger photos are scaled down: a phone's 48-megapixel shot helps nobody and fills the disk. */
const MAX_SIDE = 2560;
/** Decompression bombs: refuse anything that claims more pixels than this before decoding it. */
const MAX_INPUT_PIXELS = 60_000_000;

export interface CleanFile {
  kind: MediaKind;
  mime: string;
  /** The extension the stored name ends in (a re-encoded WebP becomes a JPEG). */
  ext: string;
  bytes: Buffer;
  thumbnail: Buffer | null;
}

export function acceptedWords(kinds: readonly MediaKind[]): string {
  return kinds.map((k) => kindWords[k]).join('、');
}

/** A small JPEG for a staff page: the image already cleaned, cropped to a square. */
export async function thumbnailOf(image: Buffer): Promise<Buffer> {
  return sharp(image, { limitInputPixels: MAX_INPUT_PIXELS })
    .rotate()
    .resize(320, 320, { fit: 'cover' })
    .jpeg({ quality: 70 })
    .toBuffer();
}

async function reencode(data: Buffer, mime: string): Promise<{ bytes: Buffer; mime: string; ext: string }> {
  try {
    // `.rotate()` applies the EXIF orientation to the pixels first, since the EXIF itself is dropped.
    const base = sharp(data, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' })
      .rotate()
      .resize(MAX_SIDE, MAX_SIDE, { fit: 'inside', withoutEnlargement: true });
    // PNG stays PNG (signatures drawn on screen keep their transparency); the rest becomes JPEG.
    const out =
      mime === 'image/png'
        ? { bytes: await base.png({ compressionLevel: 9 }).toBuffer(), mime: 'image/png', ext: 'png' }
        : {
            bytes: await base.jpeg({ quality: 85, mozjpeg: true }).toBuffer(),
            mime: 'image/jpeg',
            ext: 'jpg',
          };
    // Belt and braces: sharp writes no metadata unless asked; if that ever changes, refuse.
    const meta = await sharp(out.bytes).metadata();
    if (meta.exif || meta.xmp || meta.iptc) throw new Error('metadata survived re-encoding');
    return out;
  } catch {
    throw new AppError('VALIDATION_FAILED', '图片无法识别或已损坏，请换一张照片。');
  }
}

/**
 * Checks a file against the kinds allowed here and returns what is to be stored. `fileName` only
 * has to agree with the content (a PDF named .jpg is refused, as a confused or hostile upload).
 */
export async function cleanUpload(
  data: Buffer,
  fileName: string,
  allowed: readonly MediaKind[],
  maxBytes: number,
): Promise<CleanFile> {
  if (data.length === 0) throw new AppError('VALIDATION_FAILED', '文件是空的。');
  if (data.length > maxBytes)
    throw new AppError('VALIDATION_FAILED', `文件超过 ${Math.floor(maxBytes / 1048576)} MB 的上限。`);
  const detected = await fileTypeFromBuffer(data);
  const kind = detected ? kindOfMime[detected.mime] : undefined;
  if (!detected || !kind || !allowed.includes(kind))
    throw new AppError('VALIDATION_FAILED', `只接受${acceptedWords(allowed)}。`);
  const ext = fileName.split('.').pop()?.toLowerCase() ?? '';
  if (!extensions[detected.mime]!.includes(ext)) {
    throw new AppError(
      'VALIDATION_FAILED',
      `文件内容是 ${detected.ext.toUpperCase()}，与扩展名 .${ext} 不符。`,
    );
  }
  if (kind === 'image') {
    const clean = await reencode(data, detected.mime);
    return { kind, ...clean, thumbnail: await thumbnailOf(clean.bytes) };
  }
  if (kind === 'video') {
    try {
      return {
        kind,
        mime: detected.mime,
        ext,
        bytes: Buffer.from(stripVideoMetadata(data)),
        thumbnail: null,
      };
    } catch (e) {
      if (!(e instanceof VideoMetadataError)) throw e;
      throw new AppError('VALIDATION_FAILED', '视频文件结构无法识别，无法去除其中的位置信息，请换一个视频。');
    }
  }
  return { kind, mime: detected.mime, ext, bytes: data, thumbnail: null };
}
