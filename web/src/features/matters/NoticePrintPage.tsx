import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Space } from 'antd';
import { useEffect } from 'react';
import { useNavigate, useParams } from 'react-router';
import { formatChineseDate } from '../../../../core/domain/catalog/chinese-date';
import { fetchNotice, matterKeys } from '../../api/matters';
import { PageSpin } from '../../components/PageSpin';

// Paper: A4 with margins; the toolbar and the page's grey background disappear in print.
const printCss = `
@page { size: A4; margin: 20mm 18mm; }
@media print {
  body { background: #fff !important; }
  .zz-no-print { display: none !important; }
  .zz-paper { box-shadow: none !important; margin: 0 !important; padding: 0 !important; max-width: none !important; }
}
`;

/** A notice (告知书、意见书) as a sheet of paper, with a 打印 button. */
export function NoticePrintPage() {
  const { id = '', noticeId = '' } = useParams();
  const navigate = useNavigate();
  const notice = useQuery({
    queryKey: matterKeys.notice(id, noticeId),
    queryFn: ({ signal }) => fetchNotice(id, noticeId, signal),
  });

  const servedText = notice.data ? formatChineseDate(new Date(notice.data.servedAt)) : '';

  useEffect(() => {
    if (!notice.data) return;
    const before = document.title;
    document.title = `${notice.data.title} · ${notice.data.matterCode}`;
    return () => {
      document.title = before;
    };
  }, [notice.data]);

  return (
    <main style={{ padding: 16 }}>
      <style>{printCss}</style>
      <Space className="zz-no-print" style={{ marginBottom: 16 }} wrap>
        <Button icon={<ArrowLeftOutlined aria-hidden />} onClick={() => navigate(`/matters/${id}`)}>
          返回事项
        </Button>
        <Button
          type="primary"
          icon={<PrinterOutlined aria-hidden />}
          onClick={() => window.print()}
          disabled={!notice.data}
          data-testid="notice-print"
        >
          打印
        </Button>
      </Space>
      {notice.isPending && <PageSpin />}
      {notice.isError && (
        <Alert
          type="error"
          showIcon
          title="告知书加载失败"
          description={notice.error.message}
          className="zz-no-print"
        />
      )}
      {notice.data && servedText && (
        <article
          className="zz-paper"
          data-testid="notice-paper"
          style={{
            maxWidth: 720,
            margin: '0 auto',
            background: '#fff',
            padding: '48px 56px',
            boxShadow: '0 2px 12px rgba(0,0,0,0.08)',
            fontSize: 16,
            lineHeight: 2,
            color: '#000',
          }}
        >
          <h1 style={{ textAlign: 'center', fontSize: 24, letterSpacing: 4, margin: '0 0 8px' }}>
            {notice.data.title}
          </h1>
          {!notice.data.lines.some((l) => l.includes(notice.data.matterCode)) && (
            <p style={{ textAlign: 'center', margin: '0 0 24px', fontSize: 14 }}>
              事项编号：{notice.data.matterCode}
            </p>
          )}
          <div style={{ marginTop: 24 }}>
            {notice.data.lines.map((line, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: lines are an ordered text that can repeat and never reorders
              <p key={i} style={{ margin: 0 }}>
                {line}
              </p>
            ))}
          </div>
          {!notice.data.lines.some((l) => l.includes(servedText)) && (
            <p style={{ textAlign: 'right', marginTop: 48 }}>{servedText}</p>
          )}
        </article>
      )}
    </main>
  );
}
