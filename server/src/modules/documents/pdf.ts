/**
 * Lays a DocumentModel out as an A4 PDF in Chinese. The font is Noto Sans SC (SIL Open Font License),
 * so a fresh install prints without system fonts; only the glyphs used are embedded. `npm run build`
 * writes its two weights, cut to what a Chinese document prints, into dist/fonts
 * (scripts/subset-fonts.mjs); production installs without the nine-weight npm package, a dev
 * dependency the renderer falls back on before a build (tests, `npm run dev`). Layout is fixed
 * (margins, sizes, spacing) and the creation date is given, so the same document renders the same way
 * every time.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import type { Block, DocumentModel } from '../../../../core/domain/documents/model';
import { rootDir } from '../../paths';
// Shared with the build step that writes the subsets (scripts/subset-fonts.mjs).
import fontSources from './fonts.json';

const require = createRequire(import.meta.url);

type Weight = keyof typeof fontSources;

/** The built subset if there is one, else the package's full font (a checkout before its first build). */
function fontFile(weight: Weight): string {
  const built = path.join(rootDir, 'dist/fonts', fontSources[weight].subset);
  if (existsSync(built)) return built;
  try {
    return require.resolve(fontSources[weight].package);
  } catch {
    throw new Error(
      `PDF 字体缺失：${built} 不存在（请先运行 npm run build，生成 dist/fonts），开发依赖中的 Noto Sans SC 也未安装`,
    );
  }
}

/** Resolved at the first document, not at import: a server that never prints needs no font. */
export const fontFiles = {
  get regular() {
    return fontFile('regular');
  },
  get bold() {
    return fontFile('bold');
  },
};

const margin = 64;
const body = 12;

export interface RenderOptions {
  createdAt: Date;
  /** Images to print by attachment id (signatures, seals). */
  images?: Map<string, Buffer>;
}

export function renderPdf(d: DocumentModel, opts: RenderOptions): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: margin, bottom: margin, left: margin, right: margin },
    info: { Title: d.title, Creator: 'Zongzhi 综治', CreationDate: opts.createdAt, ModDate: opts.createdAt },
    autoFirstPage: true,
    lang: 'zh-CN',
  });
  doc.registerFont('regular', fontFiles.regular);
  doc.registerFont('bold', fontFiles.bold);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const width = doc.page.width - 2 * margin;
  const title = () => {
    doc.font('bold').fontSize(20).text(d.title, { align: 'center', width });
    if (d.subtitle)
      doc
        .moveDown(0.3)
        .font('regular')
        .fontSize(10)
        .fillColor('#555')
        .text(d.subtitle, { align: 'center', width });
    doc.fillColor('black').moveDown(1);
  };
  title();
  for (const b of d.blocks) block(doc, b, width, opts, title);
  doc.end();
  return done;
}

function block(doc: PDFKit.PDFDocument, b: Block, width: number, opts: RenderOptions, title: () => void) {
  const para = { width, align: 'justify' as const, lineGap: 4 };
  switch (b.kind) {
    case 'pageBreak':
      doc.addPage();
      title();
      return;
    case 'heading':
      doc.moveDown(0.5).font('bold').fontSize(13).text(b.text, { width }).moveDown(0.3);
      return;
    case 'paragraph':
      doc
        .font('regular')
        .fontSize(body)
        .text(b.text, { ...para, indent: 24 })
        .moveDown(0.4);
      return;
    case 'field':
      doc.font('bold').fontSize(body).text(`${b.label}：`, { continued: true, width, lineGap: 4 });
      doc.font('regular').text(b.value, para).moveDown(0.3);
      return;
    case 'list':
      for (const item of b.items)
        doc
          .font('regular')
          .fontSize(body)
          .text(item, { ...para, indent: 24 });
      doc.moveDown(0.4);
      return;
    case 'closing':
      doc.moveDown(1);
      for (const l of b.lines)
        doc.font('regular').fontSize(body).text(l, { width, align: 'right', lineGap: 4 });
      return;
    case 'signatures': {
      doc.moveDown(0.8);
      for (const r of b.rows) {
        if (doc.y > doc.page.height - margin - 60) doc.addPage();
        const y = doc.y;
        doc
          .font('regular')
          .fontSize(body)
          .text(`${r.label}：${r.name}`, margin, y, { width: width / 2 });
        const image = r.imageId ? opts.images?.get(r.imageId) : undefined;
        if (image) {
          try {
            doc.image(image, margin + width / 2, y - 6, { fit: [120, 40] });
          } catch {
            // A scan that is a PDF cannot be drawn inline: its existence is stated instead.
            doc.text('（签名件已存档）', margin + width / 2, y, { width: width / 2 });
          }
        } else {
          doc.text(r.how ? '' : '（签名）______________', margin + width / 2, y, { width: width / 2 });
        }
        const at = r.how ? `${r.how}${r.at ? `　${r.at}` : ''}` : '';
        doc.x = margin;
        doc.y = y + 44;
        if (at)
          doc
            .fontSize(9)
            .fillColor('#555')
            .text(at, margin, y + 22, { width: width / 2 })
            .fillColor('black');
        doc.x = margin;
        doc.y = y + 48;
      }
      return;
    }
  }
}
