/**
 * The matter's files on the staff page: photos as thumbnails (a residents' photo, a grid worker's
 * field photo), videos and PDFs by name; every one opens (photos and videos in a viewer, anything as a
 * download). Reads are audited by the server, thumbnails included.
 */
import { FileOutlined, FilePdfOutlined, PlayCircleOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Card, Empty, Modal, Spin, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import type { AttachmentView } from '../../../../core/contracts/matters';
import { attachmentKeys, attachmentUrl, fetchAttachments, thumbnailUrl } from '../../api/matters';

function sizeText(n: number): string {
  return n >= 1048576 ? `${(n / 1048576).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`;
}

export function AttachmentsCard({ matterId }: { matterId: string }) {
  const list = useQuery({
    queryKey: attachmentKeys.list(matterId),
    queryFn: ({ signal }) => fetchAttachments(matterId, signal),
    staleTime: 10_000,
  });
  const [open, setOpen] = useState<AttachmentView | null>(null);
  const items = list.data ?? [];
  return (
    <Card
      size="small"
      title={`照片和附件${items.length ? `（${items.length}）` : ''}`}
      style={{ marginBottom: 16 }}
    >
      {list.isPending ? (
        <Spin size="small" />
      ) : list.isError ? (
        <Typography.Text type="danger">附件加载失败：{list.error.message}</Typography.Text>
      ) : items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无照片或附件" />
      ) : (
        <ul
          data-testid="matter-attachments"
          style={{
            listStyle: 'none',
            margin: 0,
            padding: 0,
            display: 'grid',
            gridTemplateColumns: 'repeat(auto-fill, minmax(104px, 1fr))',
            gap: 8,
          }}
        >
          {items.map((a) => (
            <li key={a.id} data-testid="attachment" data-origin={a.origin} data-mime={a.mime}>
              <button
                type="button"
                onClick={() => setOpen(a)}
                aria-label={`打开 ${a.fileName}`}
                data-testid="attachment-open"
                style={{
                  display: 'block',
                  width: '100%',
                  padding: 0,
                  border: '1px solid #e8ecf1',
                  borderRadius: 6,
                  background: '#f7f9fb',
                  cursor: 'pointer',
                  overflow: 'hidden',
                }}
              >
                {a.thumbnail ? (
                  <img
                    src={thumbnailUrl(matterId, a.id)}
                    alt={a.fileName}
                    loading="lazy"
                    data-testid="attachment-thumb"
                    style={{ display: 'block', width: '100%', height: 96, objectFit: 'cover' }}
                  />
                ) : (
                  <span
                    style={{
                      display: 'grid',
                      placeItems: 'center',
                      height: 96,
                      fontSize: 30,
                      color: '#5b6b7f',
                    }}
                  >
                    {a.mime.startsWith('video/') ? (
                      <PlayCircleOutlined aria-hidden />
                    ) : a.mime === 'application/pdf' ? (
                      <FilePdfOutlined aria-hidden />
                    ) : (
                      <FileOutlined aria-hidden />
                    )}
                  </span>
                )}
              </button>
              <div style={{ fontSize: 12, lineHeight: 1.4, marginTop: 2 }}>
                <div style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
                  {a.fileName}
                </div>
                <div style={{ color: '#5b6b7f' }} data-testid="attachment-uploader">
                  {a.uploader ?? '—'} · {dayjs(a.createdAt).format('MM-DD HH:mm')}
                </div>
              </div>
            </li>
          ))}
        </ul>
      )}
      {open && (
        <Modal
          open
          title={open.fileName}
          footer={null}
          onCancel={() => setOpen(null)}
          width={720}
          destroyOnHidden
        >
          <div data-testid="attachment-viewer">
            {open.mime.startsWith('image/') ? (
              <img
                src={attachmentUrl(matterId, open.id)}
                alt={open.fileName}
                data-testid="attachment-full"
                style={{ display: 'block', maxWidth: '100%', maxHeight: '70vh', margin: '0 auto' }}
              />
            ) : open.mime.startsWith('video/') ? (
              // biome-ignore lint/a11y/useMediaCaption: a resident's or grid worker's own footage has no captions.
              <video
                src={attachmentUrl(matterId, open.id)}
                controls
                data-testid="attachment-video"
                style={{ display: 'block', maxWidth: '100%', maxHeight: '70vh', margin: '0 auto' }}
              />
            ) : (
              <Typography.Paragraph>PDF 文件请下载后查看。</Typography.Paragraph>
            )}
            <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
              {open.uploader ?? '—'} · {dayjs(open.createdAt).format('YYYY-MM-DD HH:mm')} ·{' '}
              {sizeText(open.size)}
              {' · '}
              <a
                href={attachmentUrl(matterId, open.id)}
                download={open.fileName}
                data-testid="attachment-download"
              >
                下载原文件
              </a>
            </Typography.Paragraph>
          </div>
        </Modal>
      )}
    </Card>
  );
}
