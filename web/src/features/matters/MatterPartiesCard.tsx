import { EditOutlined, EyeOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, List, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { MatterDetail } from '../../../../core/contracts/matters';
import { fetchMatterUnmasked, matterKeys } from '../../api/matters';
import { useReportError } from '../../components/useReportError';
import { partyRoleLabels } from './matter-format';
import { PartyDialog } from './PartyDialog';

export function MatterPartiesCard({
  m,
  canUnmask,
  canEdit,
  onChanged,
}: {
  m: MatterDetail;
  canUnmask: boolean;
  canEdit: boolean;
  onChanged: (next: MatterDetail, what: string) => void;
}) {
  const { modal } = App.useApp();
  const [editing, setEditing] = useState<MatterDetail['parties'][number] | 'new' | null>(null);
  const report = useReportError();
  const [unmask, setUnmask] = useState(false);
  const full = useQuery({
    queryKey: matterKeys.unmasked(m.id),
    queryFn: ({ signal }) => fetchMatterUnmasked(m.id, signal),
    enabled: unmask,
    staleTime: 0,
    gcTime: 0,
  });
  useEffect(() => {
    if (full.isError) {
      report(full.error, '查看完整信息失败');
      setUnmask(false);
    }
  }, [full.isError, full.error, report]);
  const parties = unmask && full.data ? full.data.parties : m.parties;
  const masked = parties.some((p) => p.masked);
  const ask = () =>
    modal.confirm({
      title: '查看当事人完整信息',
      content: m.identityProtected
        ? '本事项涉及检举控告人身份保护。查看完整的姓名、电话和证件号码会记入审计日志，请仅在办理需要时查看，不得泄露。'
        : '查看完整的姓名、电话和证件号码会记入审计日志（谁、何时查看了哪件事项）。确定查看吗？',
      okText: '查看并记录',
      cancelText: '取消',
      onOk: () => setUnmask(true),
    });
  return (
    <Card
      size="small"
      title="当事人"
      style={{ marginBottom: 16 }}
      extra={
        <Space size={4}>
          {canEdit && (
            <Button
              size="small"
              icon={<PlusOutlined aria-hidden />}
              onClick={() => setEditing('new')}
              data-testid="parties-add"
            >
              添加当事人
            </Button>
          )}
          {canUnmask && masked && (
            <Button
              size="small"
              icon={<EyeOutlined aria-hidden />}
              onClick={ask}
              loading={full.isFetching}
              data-testid="parties-unmask"
            >
              查看完整信息
            </Button>
          )}
        </Space>
      }
    >
      {canEdit && m.kind === 'dispute' && !m.parties.some((p) => p.role !== 'applicant') && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 8 }}
          data-testid="parties-missing-other"
          title="尚未登记对方当事人：制作调解协议前请先添加。"
        />
      )}
      {editing && (
        <PartyDialog
          matter={m}
          party={editing === 'new' ? undefined : editing}
          onClose={() => setEditing(null)}
          onDone={(next) => {
            setEditing(null);
            onChanged(next, editing === 'new' ? '已添加当事人' : '已更正当事人信息');
          }}
        />
      )}
      {m.identityProtected && (
        <Alert
          type="warning"
          showIcon
          title="反映人身份受保护，不得向被反映单位或个人透露。"
          style={{ marginBottom: 8 }}
        />
      )}
      <List
        size="small"
        dataSource={parties}
        locale={{ emptyText: '无可显示的当事人' }}
        data-testid="matter-parties"
        renderItem={(p) => (
          <List.Item
            key={p.id}
            data-testid="matter-party"
            data-role={p.role}
            extra={
              canEdit && (
                <Button
                  size="small"
                  type="link"
                  icon={<EditOutlined aria-hidden />}
                  onClick={() => setEditing(p)}
                  aria-label={`更正${partyRoleLabels[p.role]}信息`}
                  data-testid="party-correct"
                >
                  更正
                </Button>
              )
            }
          >
            <div>
              <Space wrap size={[6, 2]}>
                <Tag>{partyRoleLabels[p.role]}</Tag>
                <Typography.Text strong>{p.name}</Typography.Text>
                {p.representative && <Tag color="blue">代表</Tag>}
                {p.masked && <Typography.Text type="secondary">（已脱敏）</Typography.Text>}
              </Space>
              <div style={{ fontSize: 13, color: '#5b6b7f' }}>
                {[
                  p.phone && `电话 ${p.phone}`,
                  p.idNumber && `证件 ${p.idNumber}`,
                  p.address && `住址 ${p.address}`,
                ]
                  .filter(Boolean)
                  .join(' · ') || '未留联系方式'}
              </div>
            </div>
          </List.Item>
        )}
      />
    </Card>
  );
}
