/**
 * 转介待办: a provider's queue (法律援助中心, 社会心理服务中心, the competent department) — the
 * referrals addressed to it, open first and earliest due first, with only the steps the core table
 * allows it.
 */
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Empty, Segmented, Space, Typography } from 'antd';
import { useState } from 'react';
import {
  fetchReferralQueue,
  type ReferralActionBody,
  type ReferralView,
  referralKeys,
} from '../../api/referrals';
import { PageSpin } from '../../components/PageSpin';
import { ReferralActionDialog } from './ReferralActionDialog';
import { ReferralItem } from './ReferralItem';

type Filter = 'open' | 'closed' | 'all';

export function ReferralQueuePage() {
  const [status, setStatus] = useState<Filter>('open');
  const [acting, setActing] = useState<{ r: ReferralView; action: ReferralActionBody['action'] } | null>(
    null,
  );
  const list = useQuery({
    queryKey: referralKeys.queue(status),
    queryFn: ({ signal }) => fetchReferralQueue(status, signal),
  });
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        转介待办
      </Typography.Title>
      <Segmented<Filter>
        value={status}
        onChange={setStatus}
        options={[
          { value: 'open', label: '办理中' },
          { value: 'closed', label: '已办结' },
          { value: 'all', label: '全部' },
        ]}
      />
      {list.isPending && <PageSpin />}
      {list.isError && (
        <Alert type="error" showIcon title="转介待办加载失败" description={list.error.message} />
      )}
      {list.data &&
        (list.data.items.length === 0 ? (
          <Empty description="暂无转介" />
        ) : (
          list.data.items.map((r) => (
            <Card size="small" key={r.id} data-testid={`queue-${r.id}`}>
              <ReferralItem r={r} showMatter onAct={(x, action) => setActing({ r: x, action })} />
            </Card>
          ))
        ))}
      {acting && <ReferralActionDialog {...acting} onClose={() => setActing(null)} />}
    </Space>
  );
}
