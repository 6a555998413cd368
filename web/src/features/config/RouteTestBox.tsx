/** 试算: describe a matter, see which saved rule fires and where it goes, and why the others did not. */
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Card, Checkbox, Form, Select, Space, Table, Tag } from 'antd';
import { categoriesForKind } from '../../../../core/domain/catalog/categories';
import {
  type MatterKind,
  matterKindLabels,
  matterKinds,
  riskGradeLabels,
  riskGrades,
} from '../../../../core/domain/matters/model';
import { levelLabels } from '../../../../core/domain/orgs';
import { type RouteTestBody, testRoute } from '../../api/config';
import { targetText } from './rule-text';
import { useAdminCategories } from './useAdminCategories';

interface Values {
  kind: MatterKind;
  categoryCode?: string;
  riskGrade?: RouteTestBody['riskGrade'];
  receivedAt?: RouteTestBody['receivedAt'];
  urgent?: boolean;
  collective?: boolean;
}

export function RouteTestBox({ dirty }: { dirty: boolean }) {
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('kind', form) ?? 'dispute';
  const categories = useAdminCategories();
  const run = useMutation({
    mutationFn: (v: Values) =>
      testRoute({
        kind: v.kind,
        categoryCode: v.categoryCode,
        riskGrade: v.riskGrade,
        receivedAt: v.receivedAt,
        flags: { urgent: v.urgent || undefined, collective: v.collective || undefined },
      }),
  });
  const res = run.data;
  return (
    <Card title="试算：这件事会分流到哪里">
      {dirty ? (
        <Alert
          type="info"
          showIcon
          title="试算使用已保存的规则；未保存的修改请先保存。"
          style={{ marginBottom: 12 }}
        />
      ) : null}
      <Form<Values>
        form={form}
        layout="inline"
        initialValues={{ kind: 'dispute' }}
        onFinish={(v) => run.mutate(v)}
        style={{ rowGap: 8 }}
      >
        <Form.Item name="kind" label="类型">
          <Select
            style={{ width: 150 }}
            aria-label="试算事项类型"
            options={matterKinds.map((k) => ({ value: k, label: matterKindLabels[k] }))}
            onChange={() => form.setFieldValue('categoryCode', undefined)}
          />
        </Form.Item>
        <Form.Item name="categoryCode" label="类别">
          <Select
            style={{ width: 200 }}
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            aria-label="试算事项类别"
            data-testid="route-test-category"
            options={categoriesForKind(kind, categories).map((c) => ({ value: c.code, label: c.name }))}
          />
        </Form.Item>
        <Form.Item name="riskGrade" label="风险">
          <Select
            style={{ width: 100 }}
            allowClear
            aria-label="试算风险等级"
            data-testid="route-test-risk"
            options={riskGrades.map((g) => ({ value: g, label: riskGradeLabels[g] }))}
          />
        </Form.Item>
        <Form.Item name="receivedAt" label="受理层级">
          <Select
            style={{ width: 120 }}
            allowClear
            aria-label="试算受理层级"
            options={(['village', 'town', 'district'] as const).map((l) => ({
              value: l,
              label: levelLabels[l],
            }))}
          />
        </Form.Item>
        <Form.Item name="urgent" valuePropName="checked">
          <Checkbox>紧急</Checkbox>
        </Form.Item>
        <Form.Item name="collective" valuePropName="checked">
          <Checkbox>集体事项</Checkbox>
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={run.isPending} data-testid="route-test-run">
          试算
        </Button>
      </Form>
      {run.isError ? (
        <Alert type="error" showIcon title={run.error.message} style={{ marginTop: 12 }} />
      ) : null}
      {res ? (
        <Space direction="vertical" style={{ width: '100%', marginTop: 16 }}>
          <Alert
            type="success"
            showIcon
            data-testid="route-test-result"
            title={`命中规则 ${res.chosen.ruleId}，分流到：${targetText(res.chosen)}`}
            description={res.chosen.reason}
          />
          <Table
            size="small"
            rowKey="ruleId"
            pagination={false}
            scroll={{ x: 560 }}
            dataSource={res.considered}
            columns={[
              { title: '规则', dataIndex: 'ruleId', render: (v: string) => <code>{v}</code> },
              { title: '优先级', dataIndex: 'priority', width: 80 },
              {
                title: '结果',
                width: 100,
                render: (_v, c) =>
                  c.chosen ? (
                    <Tag color="green">命中</Tag>
                  ) : c.matched ? (
                    <Tag color="blue">符合</Tag>
                  ) : (
                    <Tag>不符</Tag>
                  ),
              },
              { title: '说明', dataIndex: 'why' },
            ]}
          />
        </Space>
      ) : null}
    </Card>
  );
}
