/**
 * 保存为图片: the matter code and the tracking secret drawn on a canvas and saved as a PNG, for a
 * resident who would rather keep a picture than write them down. No library: a few lines of canvas.
 */
export function drawCodeCard(info: {
  code: string;
  secret: string;
  holder: string;
  at: Date;
}): HTMLCanvasElement {
  const scale = 2;
  const w = 360;
  const h = 300;
  const canvas = document.createElement('canvas');
  canvas.width = w * scale;
  canvas.height = h * scale;
  const g = canvas.getContext('2d');
  if (!g) throw new Error('浏览器不支持保存图片，请截图保存。');
  g.scale(scale, scale);
  g.fillStyle = '#ffffff';
  g.fillRect(0, 0, w, h);
  g.fillStyle = '#1f5fa8';
  g.fillRect(0, 0, w, 44);
  const font = (size: number, bold = false, mono = false) =>
    `${bold ? 'bold ' : ''}${size}px ${mono ? 'ui-monospace, Menlo, Consolas, monospace' : "'PingFang SC', 'Noto Sans CJK SC', 'Microsoft YaHei', sans-serif"}`;
  g.fillStyle = '#ffffff';
  g.font = font(17, true);
  g.fillText('综治 · 群众办事  事项查询凭证', 16, 28);
  g.fillStyle = '#5b6b7f';
  g.font = font(13);
  g.fillText('事项编号', 16, 74);
  g.fillStyle = '#000000';
  g.font = font(22, true, true);
  g.fillText(info.code, 16, 102);
  g.fillStyle = '#5b6b7f';
  g.font = font(13);
  g.fillText('查询码', 16, 134);
  g.fillStyle = '#000000';
  g.font = font(17, true, true);
  // The secret in two lines so it stays readable on a phone's screen.
  const groups = info.secret.split('-');
  g.fillText(groups.slice(0, 4).join('-'), 16, 160);
  g.fillText(groups.slice(4).join('-'), 16, 184);
  g.fillStyle = '#5b6b7f';
  g.font = font(12);
  g.fillText(`办理单位：${info.holder}`, 16, 216);
  g.fillText(`提交时间：${info.at.toLocaleString('zh-CN', { hour12: false })}`, 16, 236);
  g.fillStyle = '#ad4e00';
  g.fillText('凭编号、查询码和提交时的手机号查询进度。', 16, 262);
  g.fillText('请勿把这张图片发给他人。', 16, 282);
  return canvas;
}

/** Saves the card as `综治事项-<code>.png` (a download the phone keeps in its pictures or files). */
export async function saveCodeCard(info: Parameters<typeof drawCodeCard>[0]): Promise<void> {
  const canvas = drawCodeCard(info);
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
  if (!blob) throw new Error('图片生成失败，请截图保存。');
  downloadBlob(blob, `综治事项-${info.code}.png`);
}

export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
