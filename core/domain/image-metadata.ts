/**
 * Removes location and camera metadata from photos before they are stored (docs/SECURITY.md G22; a grid
 * worker's or resident's photo must not carry the GPS position of their home): JPEG APP1 segments
 * (Exif, XMP) and PNG eXIf/tEXt/iTXt/zTXt chunks. Pixels are untouched. Pure, on bytes.
 */
export function stripJpegMetadata(bytes: Uint8Array): Uint8Array {
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) return bytes;
  const out: number[] = [0xff, 0xd8];
  let i = 2;
  while (i + 4 <= bytes.length) {
    if (bytes[i] !== 0xff) break;
    const marker = bytes[i + 1]!;
    // Start of scan: the rest is image data up to the end.
    if (marker === 0xda) {
      for (let k = i; k < bytes.length; k++) out.push(bytes[k]!);
      return Uint8Array.from(out);
    }
    const len = (bytes[i + 2]! << 8) | bytes[i + 3]!;
    const end = i + 2 + len;
    if (len < 2 || end > bytes.length) break;
    if (marker !== 0xe1) for (let k = i; k < end; k++) out.push(bytes[k]!);
    i = end;
  }
  return bytes;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const droppedPngChunks = new Set(['eXIf', 'tEXt', 'iTXt', 'zTXt']);

export function stripPngMetadata(bytes: Uint8Array): Uint8Array {
  if (!PNG_SIGNATURE.every((b, k) => bytes[k] === b)) return bytes;
  const parts: Uint8Array[] = [bytes.subarray(0, 8)];
  let i = 8;
  while (i + 12 <= bytes.length) {
    const len = ((bytes[i]! << 24) >>> 0) + (bytes[i + 1]! << 16) + (bytes[i + 2]! << 8) + bytes[i + 3]!;
    const type = String.fromCharCode(bytes[i + 4]!, bytes[i + 5]!, bytes[i + 6]!, bytes[i + 7]!);
    const end = i + 12 + len;
    if (end > bytes.length) return bytes;
    if (!droppedPngChunks.has(type)) parts.push(bytes.subarray(i, end));
    i = end;
    if (type === 'IEND') break;
  }
  const total = parts.reduce((n, p) => n + p.length, 0);
  const out = new Uint8Array(total);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
