/**
 * A printable document as data (title, then blocks). The builders beside this file decide what a
 * legal document must say; server/src/modules/documents/pdf.ts only lays the blocks out.
 */
export type Block =
  | { kind: 'heading'; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'field'; label: string; value: string }
  | { kind: 'list'; items: string[] }
  /** Right-aligned lines: the org and the date at the foot of a notice. */
  | { kind: 'closing'; lines: string[] }
  | { kind: 'signatures'; rows: SignatureLine[] }
  | { kind: 'pageBreak' };

export interface SignatureLine {
  label: string;
  name: string;
  /** How it was signed, in words (当场签名, 上传签名件, 电子印章), or empty for a blank line to sign on paper. */
  how: string;
  at: string | null;
  /** An attachment id whose image is printed beside the name. */
  imageId: string | null;
}

export interface DocumentModel {
  title: string;
  /** Small print under the title: the matter code, the copy number. */
  subtitle?: string;
  blocks: Block[];
}

/** The text a reader (or a test) finds in the document, in order. */
export function plainText(d: DocumentModel): string {
  const out = [d.title, d.subtitle ?? ''];
  for (const b of d.blocks) {
    if (b.kind === 'heading' || b.kind === 'paragraph') out.push(b.text);
    else if (b.kind === 'field') out.push(`${b.label}：${b.value}`);
    else if (b.kind === 'list') out.push(...b.items);
    else if (b.kind === 'closing') out.push(...b.lines);
    else if (b.kind === 'signatures') out.push(...b.rows.map((r) => `${r.label} ${r.name} ${r.how}`));
  }
  return out.filter(Boolean).join('\n');
}
