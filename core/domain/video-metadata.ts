/**
 * Removes the metadata of an MP4 or QuickTime video before it is stored (docs/SECURITY.md G22): a phone's
 * video carries where it was shot (`©xyz` in `udta`, `com.apple.quicktime.location.ISO6709` in
 * `meta`, XMP in `uuid` or `XMP_` boxes). Re-encoding needs a codec we do not ship, so the boxes that
 * hold metadata are turned into `free` boxes of the same size with their content zeroed: every offset
 * in the file (the sample tables point into `mdat`) stays valid and players skip `free`.
 *
 * It fails closed: a box tree that does not add up (a size past its parent, a truncated header) is
 * refused rather than stored as it came. Pure, on bytes.
 */

/** Boxes whose children we walk: metadata may sit at any of these levels. */
const containers = new Set(['moov', 'trak', 'mdia', 'minf', 'edts', 'moof', 'traf']);
/** Boxes that hold metadata and nothing a player needs. */
const metadata = new Set(['udta', 'meta', 'uuid', 'XMP_', 'ilst', 'keys']);
/** What a video file must begin with to be taken at all. */
const firstBoxes = new Set(['ftyp', 'wide', 'free', 'skip', 'mdat', 'moov', 'pnot']);

function typeAt(b: Uint8Array, i: number): string {
  return String.fromCharCode(b[i]!, b[i + 1]!, b[i + 2]!, b[i + 3]!);
}

function u32(b: Uint8Array, i: number): number {
  return ((b[i]! << 24) >>> 0) + (b[i + 1]! << 16) + (b[i + 2]! << 8) + b[i + 3]!;
}

export class VideoMetadataError extends Error {}

function walk(b: Uint8Array, start: number, end: number, depth: number, topLevel: boolean): void {
  if (depth > 8) throw new VideoMetadataError('box tree too deep');
  let i = start;
  while (i < end) {
    if (end - i < 8) {
      // Trailing padding inside a container is legal only as zeros.
      for (let k = i; k < end; k++) if (b[k] !== 0) throw new VideoMetadataError('truncated box header');
      return;
    }
    let size = u32(b, i);
    const type = typeAt(b, i + 4);
    let header = 8;
    if (size === 1) {
      if (end - i < 16) throw new VideoMetadataError('truncated large size');
      const high = u32(b, i + 8);
      const low = u32(b, i + 12);
      size = high * 2 ** 32 + low;
      header = 16;
    } else if (size === 0) {
      // "To the end of the file": only the last top-level box may say so.
      if (!topLevel) throw new VideoMetadataError('open-ended box inside a container');
      size = end - i;
    }
    if (size < header || i + size > end) throw new VideoMetadataError(`box ${type} runs past its parent`);
    if (metadata.has(type)) {
      // `free` of the same size; the content, whatever it was, is gone.
      b.set([0x66, 0x72, 0x65, 0x65], i + 4);
      if (header === 16) b.fill(0, i + 16, i + size);
      else b.fill(0, i + 8, i + size);
    } else if (containers.has(type)) {
      walk(b, i + header, i + size, depth + 1, false);
    }
    i += size;
  }
}

/** A copy of the video without its metadata boxes; throws VideoMetadataError when it cannot be sure. */
export function stripVideoMetadata(bytes: Uint8Array): Uint8Array {
  if (bytes.length < 8 || !firstBoxes.has(typeAt(bytes, 4)))
    throw new VideoMetadataError('not an MP4/QuickTime file');
  const out = Uint8Array.from(bytes);
  walk(out, 0, out.length, 0, true);
  return out;
}
