/**
 * Photos are shrunk on the phone before they are stored or sent: a village with weak signal cannot
 * upload a 5 MB camera file. Re-encoding through a canvas also leaves the camera's EXIF (with its GPS
 * position) behind; the server strips it again anyway.
 */
const MAX_EDGE = 1600;
const QUALITY = 0.72;

export async function compressImage(file: Blob): Promise<Blob> {
  const bitmap = await createImageBitmap(file);
  const scale = Math.min(1, MAX_EDGE / Math.max(bitmap.width, bitmap.height));
  const w = Math.max(1, Math.round(bitmap.width * scale));
  const h = Math.max(1, Math.round(bitmap.height * scale));
  const canvas = document.createElement('canvas');
  canvas.width = w;
  canvas.height = h;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('无法处理照片：浏览器不支持画布。');
  ctx.drawImage(bitmap, 0, 0, w, h);
  bitmap.close();
  const out = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', QUALITY));
  if (!out) throw new Error('照片压缩失败，请换一张重试。');
  // A small picture that was already lean stays as it was.
  return out.size < file.size || file.type !== 'image/jpeg' ? out : file;
}
