/**
 * 掌上入口 in the administrator's console: each town's (or community's) own residents' entry — 掌上四坝,
 * 掌上西苑 — with its address and a QR code to print for the town's notice boards. Saved as versions and
 * logged, like the catalog; phones see a change within a minute.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Modal, QRCode, Space, Table, Tag, Typography } from 'antd';
import { useRef, useState } from 'react';
import { catalogKeys, fetchCatalog } from '../../api/catalog';
import {
  fetchTownPortals,
  portalKeys,
  saveTownPortals,
  type TownPortalInput,
  type TownPortalsDoc,
  townPortalUrl,
} from '../../api/portals';
import { PageSpin } from '../../components/PageSpin';
import { TownPortalModal } from './TownPortalModal';
import { VersionHistory } from './VersionHistory';

type Row = TownPortalsDoc['portals'][number];
const input = ({ placeName: _, ...p }: Row): TownPortalInput => p;

export function TownPortalsPage() {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const q = useQuery({ queryKey: portalKeys.admin, queryFn: ({ signal }) => fetchTownPortals(signal) });
  const catalog = useQuery({ queryKey: catalogKeys.admin, queryFn: ({ signal }) => fetchCatalog(signal) });
  const [editing, setEditing] = useState<{ index: number | null } | null>(null);
  const [qr, setQr] = useState<Row | null>(null);
  const qrBox = useRef<HTMLDivElement>(null);

  const save = useMutation({
    mutationFn: (portals: TownPortalInput[]) =>
      saveTownPortals({ baseVersion: q.data?.version ?? 0, portals }),
    onSuccess: (res) => {
      qc.setQueryData(portalKeys.admin, res);
      qc.invalidateQueries({ queryKey: ['public', 'towns'] });
      setEditing(null);
      message.success(`已保存为第 ${res.version} 版，群众手机上一分钟内可见。`);
    },
    onError: (e) => message.error(e.message),
  });

  if (q.isPending) return <PageSpin />;
  if (q.isError) return <Alert type="error" showIcon title={q.error.message} />;
  const rows = q.data.portals;
  const services = (catalog.data?.services ?? []).filter((s) => s.public && !s.retired);

  const downloadQr = () => {
    const canvas = qrBox.current?.querySelector('canvas');
    if (!canvas || !qr) return;
    const a = document.createElement('a');
    a.href = canvas.toDataURL('image/png');
    a.download = `${qr.title}-二维码.png`;
    a.click();
  };

  return (
    <Card
      title="掌上入口"
      extra={
        <Space>
          <Typography.Text type="secondary" data-testid="portals-version">
            {q.data.isDefault ? '系统默认（未修改过）' : `第 ${q.data.version} 版`}
          </Typography.Text>
          <Button type="primary" onClick={() => setEditing({ index: null })} data-testid="portal-add">
            新增入口
          </Button>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">
        镇（街道）、村（社区）可以有自己的群众入口：自己的名称、优先展示的服务事项和通知公告，群众扫二维码即可打开。群众从这里反映的事项和网上反映一样登记、分流，办理单位按分流规则确定。
      </Typography.Paragraph>
      <Table<Row>
        rowKey="slug"
        dataSource={rows}
        pagination={false}
        data-testid="portals-table"
        columns={[
          { title: '入口名称', dataIndex: 'title' },
          { title: '所属', dataIndex: 'placeName', render: (v: string | null, r) => v ?? r.divisionCode },
          {
            title: '网址',
            dataIndex: 'slug',
            render: (slug: string, r) =>
              r.active ? (
                <a href={`/t/${encodeURIComponent(slug)}`} target="_blank" rel="noreferrer">
                  /t/{slug}
                </a>
              ) : (
                `/t/${slug}`
              ),
          },
          { title: '通知', render: (_, r) => r.notices.length },
          {
            title: '状态',
            dataIndex: 'active',
            render: (a: boolean) => (a ? <Tag color="green">启用</Tag> : <Tag>停用</Tag>),
          },
          {
            title: '操作',
            render: (_, r, i) => (
              <Space>
                <Button size="small" onClick={() => setEditing({ index: i })}>
                  修改
                </Button>
                <Button
                  size="small"
                  disabled={!r.active}
                  onClick={() => setQr(r)}
                  data-testid={`portal-qr-${r.slug}`}
                >
                  二维码
                </Button>
              </Space>
            ),
          },
        ]}
      />
      <VersionHistory history={q.data.history} testId="portals-history" />
      {editing && (
        <TownPortalModal
          item={editing.index === null ? null : input(rows[editing.index]!)}
          places={q.data.places}
          services={services}
          takenSlugs={rows.filter((_, i) => i !== editing.index).map((r) => r.slug)}
          saving={save.isPending}
          onCancel={() => setEditing(null)}
          onOk={(item) => {
            const next = rows.map(input);
            if (editing.index === null) next.push(item);
            else next[editing.index] = item;
            save.mutate(next);
          }}
        />
      )}
      {qr && (
        <Modal
          open
          title={`${qr.title} 二维码`}
          onCancel={() => setQr(null)}
          footer={[
            <Button key="close" onClick={() => setQr(null)}>
              关闭
            </Button>,
            <Button key="download" type="primary" onClick={downloadQr}>
              下载图片
            </Button>,
          ]}
        >
          <Space direction="vertical" align="center" style={{ width: '100%' }}>
            <div ref={qrBox} data-testid="portal-qr">
              <QRCode value={townPortalUrl(qr.slug)} size={220} />
            </div>
            <Typography.Text copyable data-testid="portal-url">
              {townPortalUrl(qr.slug)}
            </Typography.Text>
          </Space>
        </Modal>
      )}
    </Card>
  );
}
