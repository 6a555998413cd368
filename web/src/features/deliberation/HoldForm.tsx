import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Checkbox, Form, Input, InputNumber } from 'antd';
import type { MeetingDetail } from '../../../../core/contracts/deliberation';
import { positionLabels } from '../../../../core/domain/deliberation/model';
import { deliberationKeys, type HoldBody, holdMeeting } from '../../api/deliberation';
import { useReportError } from '../../components/useReportError';

/** The meeting took place: who of the members came, how many people were in the room, the minutes. */
export function HoldForm({ meeting }: { meeting: MeetingDetail }) {
  const [form] = Form.useForm<HoldBody>();
  const queryClient = useQueryClient();
  const report = useReportError();
  const mutation = useMutation({
    mutationFn: (v: HoldBody) => holdMeeting(meeting.id, v),
    onSuccess: (m) => queryClient.setQueryData(deliberationKeys.meeting(m.id), m),
    onError: (e) => report(e, '登记失败'),
  });
  return (
    <Card size="small" title="登记会议召开情况" data-testid="hold-form">
      <Form<HoldBody>
        form={form}
        layout="vertical"
        initialValues={{ presentMemberIds: [], countedInRoom: 0 }}
        onFinish={(v) => mutation.mutate(v)}
      >
        <Form.Item name="presentMemberIds" label="出席成员">
          <Checkbox.Group
            data-testid="hold-present"
            options={meeting.members.map((m) => ({
              value: m.id,
              label: `${m.name}（${positionLabels[m.position]}）`,
            }))}
          />
        </Form.Item>
        <Form.Item name="countedInRoom" label="现场参会群众人数" rules={[{ required: true }]}>
          <InputNumber min={0} max={100000} data-testid="hold-counted" />
        </Form.Item>
        <Form.Item
          name="minutes"
          label="会议记录"
          rules={[{ required: true, min: 10, message: '请填写会议记录（至少 10 个字）' }]}
        >
          <Input.TextArea rows={4} data-testid="hold-minutes" maxLength={20000} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={mutation.isPending} data-testid="hold-submit">
          登记召开
        </Button>
      </Form>
    </Card>
  );
}
