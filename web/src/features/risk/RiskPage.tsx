/**
 * 风险预警: the warnings addressed to the leader's subtree, open and most severe first, each saying
 * why it fired and linking its matters; a warning is dismissed with a reason or turned into 督办.
 * Cards rather than a table, so it reads on a 375 px phone.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Empty,
  Flex,
  List,
  Pagination,
  Select,
  Space,
  Statistic,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { type WarningStatus, warningStatuses, warningStatusLabels } from '../../../../core/contracts/risk';
import {
  type RiskRule,
  riskRuleLabels,
  riskRules,
  type WarningGrade,
} from '../../../../core/domain/risk/model';
import { fetchDismissalRates, fetchWarnings, riskKeys, type WarningView } from '../../api/risk';
import { PageSpin } from '../../components/PageSpin';
import { DismissDialog, ReviewWarningDialog, SuperviseWarningDialog } from './WarningActions';
import { WarningMeasures } from './WarningMeasures';

const gradeColor: Record<WarningGrade, string> = {
  blue: 'blue',
  yellow: 'gold',
  orange: 'orange',
  red: 'red',
};
const PAGE_SIZE = 10;

export function RiskPage() {
  const qc = useQueryClient();
  const [status, setStatus] = useState<WarningStatus | undefined>('open');
  const [rule, setRule] = useState<RiskRule | undefined>();
  const [page, setPage] = useState(1);
  const [dismissing, setDismissing] = useState<WarningView | null>(null);
  const [supervising, setSupervising] = useState<WarningView | null>(null);
  const [reviewing, setReviewing] = useState<WarningView | null>(null);
  const q = { status, rule, page, pageSize: PAGE_SIZE };
  const list = useQuery({ queryKey: riskKeys.list(q), queryFn: ({ signal }) => fetchWarnings(q, signal) });
  const rates = useQuery({ queryKey: riskKeys.rates, queryFn: ({ signal }) => fetchDismissalRates(signal) });
  const done = () => {
    setDismissing(null);
    setSupervising(null);
    setReviewing(null);
    void qc.invalidateQueries({ queryKey: riskKeys.all });
  };

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        风险预警
      </Typography.Title>
      {rates.data && (
        <Card size="small" title="各规则误报排除率（已排除 ÷ 已处置）">
          <Flex wrap gap="middle">
            {rates.data.items.map((r) => (
              <Statistic
                key={r.rule}
                title={r.ruleLabel}
                value={r.rate === null ? '—' : `${Math.round(r.rate * 100)}%`}
                suffix={
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {r.dismissed}/{r.raised}
                    {r.smallSample ? ' 样本少' : ''}
                  </Typography.Text>
                }
              />
            ))}
          </Flex>
        </Card>
      )}
      <Flex wrap gap="small">
        <Select<WarningStatus | 'all'>
          aria-label="状态"
          data-testid="risk-status"
          style={{ minWidth: 120 }}
          value={status ?? 'all'}
          onChange={(v) => {
            setStatus(v === 'all' ? undefined : v);
            setPage(1);
          }}
          options={[
            { value: 'all', label: '全部状态' },
            ...warningStatuses.map((s) => ({ value: s, label: warningStatusLabels[s] })),
          ]}
        />
        <Select<RiskRule | 'all'>
          aria-label="规则"
          style={{ minWidth: 160 }}
          value={rule ?? 'all'}
          onChange={(v) => {
            setRule(v === 'all' ? undefined : v);
            setPage(1);
          }}
          options={[
            { value: 'all', label: '全部规则' },
            ...riskRules.map((r) => ({ value: r, label: riskRuleLabels[r] })),
          ]}
        />
      </Flex>
      {list.isPending && <PageSpin />}
      {list.isError && <Alert type="error" showIcon title="预警加载失败" description={list.error.message} />}
      {list.data &&
        (list.data.items.length === 0 ? (
          <Empty description="暂无预警" />
        ) : (
          <List
            dataSource={list.data.items}
            renderItem={(w) => (
              <List.Item key={w.id} style={{ display: 'block' }}>
                <WarningCard
                  w={w}
                  onDismiss={() => setDismissing(w)}
                  onSupervise={() => setSupervising(w)}
                  onReview={() => setReviewing(w)}
                />
              </List.Item>
            )}
          />
        ))}
      {list.data && list.data.total > PAGE_SIZE && (
        <Pagination
          simple
          current={page}
          pageSize={PAGE_SIZE}
          total={list.data.total}
          onChange={setPage}
          style={{ textAlign: 'center' }}
        />
      )}
      {dismissing && <DismissDialog warning={dismissing} onClose={() => setDismissing(null)} onDone={done} />}
      {supervising && (
        <SuperviseWarningDialog warning={supervising} onClose={() => setSupervising(null)} onDone={done} />
      )}
      {reviewing && (
        <ReviewWarningDialog warning={reviewing} onClose={() => setReviewing(null)} onDone={done} />
      )}
    </Space>
  );
}

function WarningCard({
  w,
  onDismiss,
  onSupervise,
  onReview,
}: {
  w: WarningView;
  onDismiss: () => void;
  onSupervise: () => void;
  onReview: () => void;
}) {
  return (
    <Card
      size="small"
      title={
        <Space wrap size={4}>
          <Tag color={gradeColor[w.grade]}>{w.gradeLabel}预警</Tag>
          <span>{w.ruleLabel}</span>
        </Space>
      }
      extra={<Tag>{warningStatusLabels[w.status]}</Tag>}
      actions={
        w.status === 'open'
          ? [
              <Button key="review" type="link" onClick={onReview}>
                列入研判会议
              </Button>,
              <Button key="supervise" type="link" onClick={onSupervise}>
                转督办
              </Button>,
              <Button key="dismiss" type="link" danger onClick={onDismiss}>
                排除
              </Button>,
            ]
          : undefined
      }
    >
      <Typography.Paragraph style={{ marginBottom: 8 }}>{w.explanation}</Typography.Paragraph>
      <Typography.Text type="secondary">
        应处置：{w.targetOrg.name} · 首次预警 {new Date(w.createdAt).toLocaleString('zh-CN')}
      </Typography.Text>
      {w.review && (
        <Typography.Paragraph style={{ marginTop: 8, marginBottom: 0 }}>
          已列入研判：
          <Link to={`/deliberation/meetings/${w.review.meetingId}`}>
            {new Date(w.review.startsAt).toLocaleString('zh-CN')} {w.review.topic}
          </Link>{' '}
          第{w.review.itemSeq}项 · {w.review.meetingStatusLabel}
          {w.review.outcomeLabel ? ` · 研判结果：${w.review.outcomeLabel}` : ''}
        </Typography.Paragraph>
      )}
      {w.dismissalReason && (
        <Typography.Paragraph type="secondary">排除理由：{w.dismissalReason}</Typography.Paragraph>
      )}
      <div style={{ marginTop: 8 }}>
        <Typography.Text>涉及事项 {w.matterCount} 件：</Typography.Text>
        <Flex wrap gap={4} style={{ marginTop: 4 }}>
          {w.matters.map((m) => (
            <Link key={m.id} to={`/matters/${m.id}`} title={m.title}>
              <Tag style={{ marginInlineEnd: 0 }}>{m.code}</Tag>
            </Link>
          ))}
          {w.matters.length < w.matterCount && (
            <Typography.Text type="secondary">
              （其余 {w.matterCount - w.matters.length} 件不在您的查看范围）
            </Typography.Text>
          )}
        </Flex>
      </div>
      <WarningMeasures warningId={w.id} />
    </Card>
  );
}
