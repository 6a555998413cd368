import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Switch, Typography } from 'antd';
import { type CourtDockingPolicy, courtDockingLabels } from '../../../../core/domain/court/docking';
import { courtKeys, fetchDocking, saveDocking } from '../../api/court';
import { PageSpin } from '../../components/PageSpin';

const notes: Partial<Record<keyof CourtDockingPolicy, string>> = {
  delegated:
    '2025 年起立案前委派调解可能已取消（docs/LEGAL.md §3.33–3.34），开启前请与凉州区人民法院、武威中院核实。',
};

/** The administrator's switches for the court-docking flows of the county (docs/COURT-API.md §6). */
export function CourtDockingPage() {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<CourtDockingPolicy>();
  const settings = useQuery({ queryKey: courtKeys.docking, queryFn: ({ signal }) => fetchDocking(signal) });
  const save = useMutation({
    mutationFn: (policy: CourtDockingPolicy) => saveDocking(policy, settings.data?.version ?? 0),
    onSuccess: (next) => {
      queryClient.setQueryData(courtKeys.docking, next);
      message.success(`已保存（第 ${next.version} 版）`);
    },
  });
  if (settings.isPending) return <PageSpin />;
  if (settings.isError)
    return <Alert type="error" showIcon title="加载失败" description={settings.error.message} />;
  const keys = Object.keys(courtDockingLabels) as (keyof CourtDockingPolicy)[];
  return (
    <Card title="诉调对接设置" style={{ maxWidth: 720 }} data-testid="court-docking-page">
      <Typography.Paragraph type="secondary">
        每项对接可单独开关；修改只影响之后的请求，已发出的材料照常送达。当前第 {settings.data.version} 版。
      </Typography.Paragraph>
      <Form<CourtDockingPolicy>
        form={form}
        layout="horizontal"
        initialValues={settings.data.policy}
        onFinish={(v) => save.mutate({ ...settings.data.policy, ...v })}
        aria-label="诉调对接设置"
      >
        {keys.map((k) => (
          <Form.Item key={k} label={courtDockingLabels[k]} name={k} valuePropName="checked" extra={notes[k]}>
            <Switch aria-label={courtDockingLabels[k]} />
          </Form.Item>
        ))}
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          保存
        </Button>
      </Form>
      {save.isError && (
        <Alert
          style={{ marginTop: 12 }}
          type="error"
          showIcon
          title="保存未成功"
          description={save.error.message}
        />
      )}
    </Card>
  );
}
