/**
 * Photos (and, where the category asks, a short video or a PDF) picked on the phone: photos shrunk
 * on the phone before they go (weak signal), each shown as a small preview that can be removed.
 * A plain file input with the phone kit's button: the residents' pages stay light.
 */
import { useId, useState } from 'react';
import { Button } from '../../phone/kit/Button';
import { Icon } from '../../phone/kit/icons';
import { compressImage } from '../field/compress-image';
import type { PickedFile } from './draft';

export type FileKind = PickedFile['kind'];

/** The server's default upload limit; it checks again. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;

const accepts: Record<FileKind, string> = {
  image: 'image/jpeg,image/png,image/webp',
  video: 'video/mp4,video/quicktime',
  pdf: 'application/pdf',
};
const kindWords: Record<FileKind, string> = { image: '照片', video: '短视频', pdf: 'PDF' };

function kindOf(f: File): FileKind | null {
  if (f.type.startsWith('image/')) return 'image';
  if (f.type.startsWith('video/') || /\.(mp4|mov|m4v)$/i.test(f.name)) return 'video';
  if (f.type === 'application/pdf' || /\.pdf$/i.test(f.name)) return 'pdf';
  return null;
}

let seq = 0;

export function kindsInWords(kinds: readonly FileKind[]): string {
  return kinds.map((k) => kindWords[k]).join('、');
}

export function ResidentFilePicker({
  kinds,
  files,
  max,
  onChange,
  testId = 'resident-files',
}: {
  kinds: readonly FileKind[];
  files: PickedFile[];
  max: number;
  onChange: (files: PickedFile[]) => void;
  testId?: string;
}) {
  const inputId = useId();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const add = async (list: FileList | null) => {
    if (!list?.length) return;
    setBusy(true);
    setProblem(null);
    const out: PickedFile[] = [];
    const problems: string[] = [];
    for (const f of [...list].slice(0, Math.max(0, max - files.length))) {
      const kind = kindOf(f);
      if (!kind || !kinds.includes(kind)) {
        problems.push(`“${f.name}”不是可以上传的${kindsInWords(kinds)}`);
        continue;
      }
      try {
        const blob = kind === 'image' ? await compressImage(f) : f;
        if (blob.size > MAX_FILE_BYTES) {
          problems.push(`“${f.name}”超过 10 MB，请换一个短一些的`);
          continue;
        }
        const name = kind === 'image' ? `${f.name.replace(/\.[^.]+$/, '')}.jpg` : f.name;
        out.push({
          id: `f${++seq}`,
          file: blob,
          name,
          kind,
          preview: kind === 'image' ? URL.createObjectURL(blob) : null,
        });
      } catch (e) {
        problems.push(e instanceof Error ? e.message : `“${f.name}”无法读取`);
      }
    }
    if (list.length > max - files.length) problems.push(`最多 ${max} 个文件`);
    setProblem(problems.length ? `${problems.join('；')}。` : null);
    setBusy(false);
    onChange([...files, ...out]);
  };
  const remove = (id: string) => {
    const f = files.find((x) => x.id === id);
    if (f?.preview) URL.revokeObjectURL(f.preview);
    onChange(files.filter((x) => x.id !== id));
  };
  return (
    <div data-testid={testId}>
      <input
        id={inputId}
        type="file"
        multiple
        accept={kinds.map((k) => accepts[k]).join(',')}
        style={{ display: 'none' }}
        data-testid={`${testId}-input`}
        onChange={(e) => {
          void add(e.target.files);
          e.target.value = '';
        }}
      />
      <Button
        icon={<Icon name="camera" />}
        loading={busy}
        disabled={files.length >= max}
        onClick={() => document.getElementById(inputId)?.click()}
        data-testid={`${testId}-add`}
      >
        添加{kindsInWords(kinds)}
      </Button>
      <div className="zz-muted zz-small" style={{ marginTop: 4 }}>
        最多 {max} 个，每个不超过 10 MB；照片会去掉拍摄位置等信息后再上传。
      </div>
      {problem && (
        <div className="zz-danger" role="alert">
          {problem}
        </div>
      )}
      {files.length > 0 && (
        <ul
          aria-label="已选择的文件"
          style={{
            listStyle: 'none',
            padding: 0,
            margin: '8px 0 0',
            display: 'grid',
            gridTemplateColumns: 'repeat(auto-fill, minmax(96px, 1fr))',
            gap: 8,
          }}
        >
          {files.map((f) => (
            <li
              key={f.id}
              data-testid={`${testId}-item`}
              style={{
                position: 'relative',
                border: '1px solid #e8ecf1',
                borderRadius: 6,
                overflow: 'hidden',
              }}
            >
              {f.preview ? (
                <img src={f.preview} alt={f.name} style={{ width: '100%', height: 96, objectFit: 'cover' }} />
              ) : (
                <div
                  style={{
                    height: 96,
                    display: 'grid',
                    placeItems: 'center',
                    fontSize: 28,
                    color: '#5b6b7f',
                  }}
                >
                  <Icon name={f.kind === 'video' ? 'video' : 'file'} />
                </div>
              )}
              <div
                style={{
                  fontSize: 12,
                  padding: '2px 4px',
                  overflow: 'hidden',
                  textOverflow: 'ellipsis',
                  whiteSpace: 'nowrap',
                }}
              >
                {f.name}
              </div>
              <Button
                size="small"
                icon={<Icon name="close" />}
                aria-label={`移除 ${f.name}`}
                onClick={() => remove(f.id)}
                style={{ position: 'absolute', top: 4, right: 4, borderRadius: 16, padding: '2px 8px' }}
              />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
