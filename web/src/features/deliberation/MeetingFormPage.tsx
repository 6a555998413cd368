import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Checkbox, Form, Input, Select, Space } from 'antd';
import dayjs from 'dayjs';
import { useNavigate } from 'react-router';
import { createMeeting, deliberationKeys, listBodies } from '../../api/deliberation';
import { applyServerFieldErrors } from '../../components/formErrors';
import { useReportError } from '../../components/useReportError';
import { MatterMultiSelect } from './MatterMultiSelect';

interface Values {
  bodyId: string;
  topic: string;
  startsAt: string;
  place: string;
  items: { title: string; matterIds: string[] }[];
  invite: boolean;
}

/** Plans a meeting: topic, time, place, agenda items holding matters, and the invitations. */
export function MeetingFormPage() {
  const [form] = Form.useForm<Values>();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const report = useReportError();
  const bodies = useQuery({ queryKey: deliberationKeys.bodies, queryFn: ({ signal }) => listBodies(signal) });
  const mutation = useMutation({
    mutationFn: (v: Values) =>
      createMeeting({ ...v, startsAt: dayjs(v.startsAt).format('YYYY-MM-DDTHH:mm:ssZ'), invite: v.invite }),
    onSuccess: async (m) => {
      await queryClient.invalidateQueries({ queryKey: deliberationKeys.all });
      navigate(`/deliberation/meetings/${m.id}`);
    },
    onError: (e) => {
      if (!applyServerFieldErrors(form, ['bodyId', 'topic', 'startsAt', 'place'], e))
        report(e, '安排会议失败');
    },
  });
  return (
    <Card title="安排会议" style={{ maxWidth: 760 }}>
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{
          invite: true,
          startsAt: dayjs().add(1, 'hour').startOf('hour').format('YYYY-MM-DDTHH:mm'),
          items: [{ title: '', matterIds: [] }],
        }}
        onFinish={(v) => mutation.mutate(v)}
      >
        <Form.Item name="bodyId" label="议事组织" rules={[{ required: true, message: '请选择议事组织' }]}>
          <Select
            data-testid="meeting-body"
            loading={bodies.isLoading}
            options={(bodies.data ?? []).map((b) => ({ value: b.id, label: `${b.name}（${b.kindLabel}）` }))}
            showSearch={{ filterOption: (input, o) => String(o?.label ?? '').includes(input) }}
          />
        </Form.Item>
        <Form.Item name="topic" label="议题" rules={[{ required: true, message: '请填写会议议题' }]}>
          <Input data-testid="meeting-topic" maxLength={80} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="startsAt" label="时间" rules={[{ required: true, message: '请填写会议时间' }]}>
            <Input type="datetime-local" data-testid="meeting-starts-at" />
          </Form.Item>
          <Form.Item name="place" label="地点" rules={[{ required: true, message: '请填写会议地点' }]}>
            <Input data-testid="meeting-place" maxLength={100} />
          </Form.Item>
        </Space>
        <Form.List name="items">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f, i) => (
                <Card
                  key={f.key}
                  size="small"
                  title={`议程 ${i + 1}`}
                  style={{ marginBottom: 8 }}
                  extra={
                    fields.length > 1 && (
                      <Button
                        type="text"
                        aria-label="删除此议程"
                        icon={<MinusCircleOutlined aria-hidden />}
                        onClick={() => remove(f.name)}
                      />
                    )
                  }
                >
                  <Form.Item
                    name={[f.name, 'title']}
                    label="议程标题"
                    rules={[{ required: true, message: '请填写议程事项标题' }]}
                  >
                    <Input data-testid={`item-title-${i}`} maxLength={80} />
                  </Form.Item>
                  <Form.Item
                    name={[f.name, 'matterIds']}
                    label="关联事项（可多选，合并议一组相关事项）"
                    rules={[
                      { required: true, type: 'array', min: 1, message: '每个议程事项至少关联一个事项' },
                    ]}
                  >
                    <MatterMultiSelect data-testid={`item-matters-${i}`} />
                  </Form.Item>
                </Card>
              ))}
              <Button icon={<PlusOutlined aria-hidden />} onClick={() => add({ title: '', matterIds: [] })}>
                添加议程
              </Button>
            </>
          )}
        </Form.List>
        <Form.Item name="invite" valuePropName="checked" style={{ marginTop: 12 }}>
          <Checkbox data-testid="meeting-invite">向成员发送会议通知（站内消息、短信）</Checkbox>
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={mutation.isPending} data-testid="meeting-submit">
          安排会议
        </Button>
      </Form>
    </Card>
  );
}
