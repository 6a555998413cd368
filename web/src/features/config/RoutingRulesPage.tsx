/**
 * 分流规则 (routing rules) for the business administrator: the table in priority order, edited as a
 * whole and saved as a new version (a stale version is refused), and a "test a matter" box that shows
 * which rule fires and where the matter goes. Matters already registered keep their owner and their
 * running deadlines: a rule only decides where new matters go.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { configKeys, fetchRoutingRules, type RoutingRule, saveRoutingRules } from '../../api/config';
import { PageSpin } from '../../components/PageSpin';
import { RouteTestBox } from './RouteTestBox';
import { RuleEditModal } from './RuleEditModal';
import { conditionText, targetText } from './rule-text';

export function RoutingRulesPage() {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const saved = useQuery({
    queryKey: configKeys.routingRules,
    queryFn: ({ signal }) => fetchRoutingRules(signal),
  });
  const [draft, setDraft] = useState<RoutingRule[] | null>(null);
  const [editing, setEditing] = useState<{ rule: RoutingRule | null; index: number } | null>(null);

  useEffect(() => {
    if (saved.data && draft === null) setDraft(saved.data.rules);
  }, [saved.data, draft]);

  const save = useMutation({
    mutationFn: () => saveRoutingRules(draft ?? [], saved.data?.version ?? 0),
    onSuccess: (res) => {
      qc.setQueryData(configKeys.routingRules, res);
      setDraft(res.rules);
      message.success(`已保存为第 ${res.version} 版，新登记的事项按新规则分流。`);
    },
    onError: (e) => message.error(e.message),
  });

  if (saved.isPending || !draft) return <PageSpin />;
  if (saved.isError) return <Alert type="error" showIcon title={saved.error.message} />;
  const dirty = JSON.stringify(draft) !== JSON.stringify(saved.data.rules);
  const sorted = draft.map((r, i) => ({ r, i })).sort((a, b) => b.r.priority - a.r.priority);

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title="分流规则"
        extra={
          <Space wrap>
            <Typography.Text type="secondary" data-testid="rules-version">
              {saved.data.isDefault ? '默认规则（未修改过）' : `第 ${saved.data.version} 版`}
            </Typography.Text>
            <Button onClick={() => setEditing({ rule: null, index: -1 })}>新增规则</Button>
            <Button disabled={!dirty} onClick={() => setDraft(saved.data.rules)}>
              放弃修改
            </Button>
            <Button
              type="primary"
              disabled={!dirty}
              loading={save.isPending}
              onClick={() => save.mutate()}
              data-testid="rules-save"
            >
              保存为新版本
            </Button>
          </Space>
        }
      >
        <Typography.Paragraph type="secondary">
          优先级数字大的先比对，第一条符合条件的规则决定事项去向。修改只影响之后登记的事项，已在办事项的办理单位和期限不变；每次保存都记入审计日志。
        </Typography.Paragraph>
        {dirty ? <Alert type="warning" showIcon title="有未保存的修改" style={{ marginBottom: 12 }} /> : null}
        <Table
          size="small"
          rowKey={(x) => x.r.id}
          dataSource={sorted}
          pagination={false}
          scroll={{ x: 720 }}
          columns={[
            { title: '优先级', width: 80, render: (_v, x) => x.r.priority },
            { title: '规则编号', width: 170, render: (_v, x) => <code>{x.r.id}</code> },
            { title: '条件', render: (_v, x) => conditionText(x.r.when) },
            {
              title: '去向',
              width: 130,
              render: (_v, x) => <Tag color="blue">{targetText(x.r.target)}</Tag>,
            },
            { title: '理由', render: (_v, x) => x.r.reason },
            {
              title: '操作',
              width: 120,
              render: (_v, x) => (
                <Space size={4}>
                  <Button
                    size="small"
                    onClick={() => setEditing({ rule: x.r, index: x.i })}
                    aria-label={`修改规则 ${x.r.id}`}
                    data-testid={`rule-edit-${x.r.id}`}
                  >
                    修改
                  </Button>
                  <Button
                    size="small"
                    danger
                    aria-label={`删除规则 ${x.r.id}`}
                    onClick={() => setDraft(draft.filter((_r, j) => j !== x.i))}
                  >
                    删除
                  </Button>
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <RouteTestBox dirty={dirty} />
      {editing ? (
        <RuleEditModal
          rule={editing.rule}
          takenIds={draft.filter((_r, j) => j !== editing.index).map((r) => r.id)}
          onCancel={() => setEditing(null)}
          onOk={(rule) => {
            setDraft(
              editing.index < 0 ? [...draft, rule] : draft.map((r, j) => (j === editing.index ? rule : r)),
            );
            setEditing(null);
          }}
        />
      ) : null}
    </Space>
  );
}
