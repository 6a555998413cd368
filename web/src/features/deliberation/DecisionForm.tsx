import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Checkbox, Form, Input, InputNumber, Radio, Select, Space } from 'antd';
import type { DecideItemBody, MeetingDetail } from '../../../../core/contracts/deliberation';
import {
  decisionMethodLabels,
  decisionMethods,
  outcomeLabels,
  outcomes,
} from '../../../../core/domain/deliberation/model';
import { decideItem, deliberationKeys } from '../../api/deliberation';
import { useReportError } from '../../components/useReportError';

/** The decision on one agenda item: method, tally (paper ballots entered here), outcome, reasons, tasks. */
export function DecisionForm({ meeting, itemId }: { meeting: MeetingDetail; itemId: string }) {
  const [form] = Form.useForm<DecideItemBody>();
  const method = Form.useWatch('method', form);
  const outcome = Form.useWatch('outcome', form);
  const queryClient = useQueryClient();
  const report = useReportError();
  const mutation = useMutation({
    mutationFn: (v: DecideItemBody) => decideItem(meeting.id, itemId, v),
    onSuccess: (m) => queryClient.setQueryData(deliberationKeys.meeting(m.id), m),
    onError: (e) => report(e, '录入失败'),
  });
  const voted = method === 'show_of_hands' || method === 'ballot';
  return (
    <Card size="small" type="inner" title="录入决定" data-testid={`decision-form-${itemId}`}>
      <Form<DecideItemBody>
        form={form}
        layout="vertical"
        initialValues={{ method: 'ballot', outcome: 'adopted', paperBallots: true, tasks: [] }}
        onFinish={(v) =>
          mutation.mutate({
            ...v,
            ...(voted ? {} : { votesFor: undefined, votesAgainst: undefined, votesAbstain: undefined }),
            paperBallots: v.method === 'ballot' ? v.paperBallots : false,
            tasks: v.outcome === 'adopted' ? (v.tasks ?? []) : [],
          })
        }
      >
        <Form.Item name="method" label="表决方式">
          <Radio.Group
            data-testid="decision-method"
            options={decisionMethods.map((m) => ({ value: m, label: decisionMethodLabels[m] }))}
          />
        </Form.Item>
        {voted && (
          <Space wrap>
            <Form.Item name="votesFor" label="赞成" rules={[{ required: true, message: '请填写票数' }]}>
              <InputNumber min={0} data-testid="votes-for" />
            </Form.Item>
            <Form.Item name="votesAgainst" label="反对" rules={[{ required: true, message: '请填写票数' }]}>
              <InputNumber min={0} data-testid="votes-against" />
            </Form.Item>
            <Form.Item name="votesAbstain" label="弃权" rules={[{ required: true, message: '请填写票数' }]}>
              <InputNumber min={0} data-testid="votes-abstain" />
            </Form.Item>
          </Space>
        )}
        {method === 'ballot' && (
          <Form.Item name="paperBallots" valuePropName="checked">
            <Checkbox data-testid="paper-ballots">纸质选票，由记录员唱票后录入</Checkbox>
          </Form.Item>
        )}
        <Form.Item name="outcome" label="结果">
          <Radio.Group
            data-testid="decision-outcome"
            options={outcomes.map((o) => ({ value: o, label: outcomeLabels[o] }))}
          />
        </Form.Item>
        <Form.Item
          name="reasoning"
          label="决定理由（将公开，请勿写姓名、电话）"
          rules={[{ required: true, message: '请写明决定的理由' }]}
        >
          <Input.TextArea rows={3} data-testid="decision-reasoning" maxLength={5000} />
        </Form.Item>
        <Form.Item name="dissent" label="不同意见及理由（不公开）">
          <Input.TextArea rows={2} data-testid="decision-dissent" maxLength={5000} />
        </Form.Item>
        {outcome === 'adopted' && (
          <Form.List name="tasks">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f) => (
                  <Card
                    key={f.key}
                    size="small"
                    style={{ marginBottom: 8 }}
                    title="交办任务"
                    extra={
                      <Button
                        type="text"
                        aria-label="删除此任务"
                        icon={<MinusCircleOutlined aria-hidden />}
                        onClick={() => remove(f.name)}
                      />
                    }
                  >
                    <Form.Item
                      name={[f.name, 'title']}
                      label="任务"
                      rules={[{ required: true, message: '请填写任务内容' }]}
                    >
                      <Input data-testid={`task-title-${f.name}`} maxLength={80} />
                    </Form.Item>
                    <Form.Item
                      name={[f.name, 'description']}
                      label="要求"
                      rules={[{ required: true, min: 5, message: '请把任务写清楚（至少 5 个字）' }]}
                    >
                      <Input.TextArea rows={2} data-testid={`task-description-${f.name}`} maxLength={2000} />
                    </Form.Item>
                    <Space wrap>
                      <Form.Item
                        name={[f.name, 'ownerOrgId']}
                        label="承办单位"
                        rules={[{ required: true, message: '请选择承办单位' }]}
                      >
                        <Select
                          style={{ minWidth: 180 }}
                          data-testid={`task-owner-${f.name}`}
                          options={meeting.taskOwners.map((o) => ({ value: o.id, label: o.name }))}
                        />
                      </Form.Item>
                      <Form.Item
                        name={[f.name, 'dueOn']}
                        label="完成期限"
                        rules={[{ required: true, message: '请填写完成期限' }]}
                      >
                        <Input type="date" data-testid={`task-due-${f.name}`} />
                      </Form.Item>
                    </Space>
                  </Card>
                ))}
                <Button icon={<PlusOutlined aria-hidden />} onClick={() => add()} data-testid="add-task">
                  添加交办任务
                </Button>
              </>
            )}
          </Form.List>
        )}
        <div style={{ marginTop: 12 }}>
          <Button type="primary" htmlType="submit" loading={mutation.isPending} data-testid="decision-submit">
            保存决定
          </Button>
        </div>
      </Form>
    </Card>
  );
}
