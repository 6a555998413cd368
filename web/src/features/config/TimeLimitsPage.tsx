/**
 * 本地时限 for the business administrator. Statutory limits (信访工作条例, 人民调解法) are fixed by law
 * and not here; these are the numbers a county sets itself. Saving adds a version; deadlines already
 * running keep the rule they started with.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Input, InputNumber, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { SaveTimeLimitsBody, TimeLimitPolicies } from '../../api/config';
import { fetchTimeLimits, saveTimeLimits, timeLimitKeys } from '../../api/config';
import { PageSpin } from '../../components/PageSpin';

type Policy = TimeLimitPolicies['policies'][number];
type Change = SaveTimeLimitsBody['changes'][number];

const unitLabels: Record<Policy['unit'], string> = {
  calendar_day: '自然日',
  working_day: '工作日',
  hour: '小时',
  month: '个月',
};

export function TimeLimitsPage() {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const q = useQuery({ queryKey: timeLimitKeys, queryFn: ({ signal }) => fetchTimeLimits(signal) });
  const [changes, setChanges] = useState<Record<string, Change>>({});
  const save = useMutation({
    mutationFn: () => saveTimeLimits({ baseVersion: q.data?.version ?? 0, changes: Object.values(changes) }),
    onSuccess: (res) => {
      qc.setQueryData(timeLimitKeys, res);
      setChanges({});
      message.success(`已保存为第 ${res.version} 版；已开始计时的期限不变。`);
    },
    onError: (e) => message.error(e.message),
  });
  if (q.isPending) return <PageSpin />;
  if (q.isError) return <Alert type="error" showIcon title={q.error.message} />;

  const edit = (p: Policy, patch: Partial<Change>) =>
    setChanges((c) => ({
      ...c,
      [p.key]: { key: p.key, amount: p.amount, unit: p.unit, citation: '', ...c[p.key], ...patch },
    }));
  const count = Object.keys(changes).length;
  const incomplete = Object.values(changes).some((c) => c.citation.trim().length < 2);

  return (
    <Card
      title="本地时限"
      extra={
        <Space wrap>
          <Typography.Text type="secondary">
            {q.data.isDefault ? '默认值（未修改过）' : `第 ${q.data.version} 版`}
          </Typography.Text>
          <Button disabled={!count} onClick={() => setChanges({})}>
            放弃修改
          </Button>
          <Button
            type="primary"
            disabled={!count || incomplete}
            loading={save.isPending}
            onClick={() => save.mutate()}
          >
            保存为新版本
          </Button>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">
        法定期限（信访工作条例、人民调解法等）由法律规定，不在此修改。这里是本县（区）自定的时限；“占位”表示尚无本地依据的默认值，请按本地文件修改并写明依据。修改只影响此后开始计时的期限。
      </Typography.Paragraph>
      {incomplete ? (
        <Alert
          type="warning"
          showIcon
          title="每项修改都要写明依据（本地文件名称或文号）。"
          style={{ marginBottom: 12 }}
        />
      ) : null}
      <Table
        size="small"
        rowKey="key"
        pagination={false}
        scroll={{ x: 760 }}
        dataSource={q.data.policies}
        columns={[
          {
            title: '时限',
            render: (_v, p) => (
              <Space direction="vertical" size={0}>
                <span>{p.label}</span>
                {p.confidence === 'low' ? <Tag color="orange">占位</Tag> : <Tag color="green">有依据</Tag>}
              </Space>
            ),
          },
          {
            title: '期限',
            width: 230,
            render: (_v, p) => {
              const c = changes[p.key];
              return (
                <Space.Compact>
                  <InputNumber
                    min={1}
                    max={365}
                    value={c?.amount ?? p.amount}
                    aria-label={`${p.label}数值`}
                    onChange={(v) => typeof v === 'number' && edit(p, { amount: v })}
                  />
                  <Select
                    style={{ width: 100 }}
                    value={c?.unit ?? p.unit}
                    aria-label={`${p.label}单位`}
                    onChange={(u) => edit(p, { unit: u })}
                    options={Object.entries(unitLabels).map(([value, label]) => ({ value, label }))}
                  />
                </Space.Compact>
              );
            },
          },
          {
            title: '依据',
            render: (_v, p) =>
              changes[p.key] ? (
                <Input
                  placeholder="本地文件名称或文号"
                  value={changes[p.key]?.citation}
                  aria-label={`${p.label}依据`}
                  onChange={(e) => edit(p, { citation: e.target.value })}
                />
              ) : (
                <Typography.Text type="secondary">{p.citation}</Typography.Text>
              ),
          },
        ]}
      />
      <Typography.Paragraph style={{ marginTop: 12 }}>
        期限预警点：期限过去 {Math.round(q.data.warningFraction * 100)}% 时预警。
      </Typography.Paragraph>
    </Card>
  );
}
