import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Form, Input, Modal, Radio, Select, Space } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import {
  type SupervisionReason,
  supervisionReasonLabels,
  supervisionReasons,
} from '../../../../core/domain/matters/model';
import {
  dismissWarning,
  fetchReviewMeetings,
  type ReviewWarningBody,
  reviewWarning,
  riskKeys,
  superviseWarning,
  type WarningView,
} from '../../api/risk';

/** 排除误报: the reason is required; it is kept on the warning and in the event log. */
export function DismissDialog({
  warning,
  onClose,
  onDone,
}: {
  warning: WarningView;
  onClose: () => void;
  onDone: () => void;
}) {
  const [form] = Form.useForm<{ reason: string }>();
  const mutation = useMutation({
    mutationFn: (v: { reason: string }) => dismissWarning(warning.id, v.reason.trim()),
    onSuccess: onDone,
  });
  return (
    <Modal
      open
      title="排除预警"
      okText="确认排除"
      cancelText="取消"
      confirmLoading={mutation.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <p>{warning.explanation}</p>
      <Form form={form} layout="vertical" onFinish={(v) => mutation.mutate(v)} aria-label="排除预警">
        <Form.Item
          label="排除理由"
          name="reason"
          rules={[
            { required: true, whitespace: true, message: '请说明排除理由' },
            { min: 4, message: '排除理由至少 4 个字' },
          ]}
        >
          <Input.TextArea rows={3} maxLength={500} showCount placeholder="如：经核实为同一事项补充材料" />
        </Form.Item>
      </Form>
      {mutation.isError && (
        <Alert type="error" showIcon role="alert" title="排除未成功" description={mutation.error.message} />
      )}
    </Modal>
  );
}

interface SuperviseValues {
  reason: SupervisionReason;
  note: string;
}

/** 转督办: one order per open matter behind the warning. */
export function SuperviseWarningDialog({
  warning,
  onClose,
  onDone,
}: {
  warning: WarningView;
  onClose: () => void;
  onDone: () => void;
}) {
  const [form] = Form.useForm<SuperviseValues>();
  const mutation = useMutation({
    mutationFn: (v: SuperviseValues) =>
      superviseWarning(warning.id, { reason: v.reason, note: v.note.trim() }),
    onSuccess: onDone,
  });
  return (
    <Modal
      open
      title="转督办"
      okText="督办"
      cancelText="取消"
      confirmLoading={mutation.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <p>将对该预警涉及的 {warning.matterCount} 件事项中尚未办结的逐件发出督办单。</p>
      <Form<SuperviseValues>
        form={form}
        layout="vertical"
        onFinish={(v) => mutation.mutate(v)}
        aria-label="转督办"
      >
        <Form.Item label="督办事由" name="reason" rules={[{ required: true, message: '请选择督办事由' }]}>
          <Select<SupervisionReason>
            options={supervisionReasons.map((r) => ({ value: r, label: supervisionReasonLabels[r] }))}
          />
        </Form.Item>
        <Form.Item
          label="督办意见"
          name="note"
          rules={[
            { required: true, whitespace: true, message: '请填写督办意见' },
            { min: 2, message: '督办意见至少 2 个字' },
          ]}
        >
          <Input.TextArea rows={3} maxLength={1000} showCount />
        </Form.Item>
      </Form>
      {mutation.isError && (
        <Alert type="error" showIcon role="alert" title="督办未成功" description={mutation.error.message} />
      )}
    </Modal>
  );
}

interface ReviewValues {
  meetingId?: string;
  bodyId?: string;
  topic?: string;
  startsAt?: string;
  place?: string;
}

/**
 * 列入研判会议: an upcoming 研判 meeting of the leader's own center, or a new one of its 研判会; the
 * warning's matters and explanation become an agenda item there.
 */
export function ReviewWarningDialog({
  warning,
  onClose,
  onDone,
}: {
  warning: WarningView;
  onClose: () => void;
  onDone: () => void;
}) {
  const [form] = Form.useForm<ReviewValues>();
  const options = useQuery({
    queryKey: riskKeys.reviewMeetings,
    queryFn: ({ signal }) => fetchReviewMeetings(signal),
  });
  const [mode, setMode] = useState<'existing' | 'new' | null>(null);
  const hasMeetings = (options.data?.meetings.length ?? 0) > 0;
  const chosen = mode ?? (hasMeetings ? 'existing' : 'new');
  const mutation = useMutation({
    mutationFn: (v: ReviewValues) => {
      const body: ReviewWarningBody =
        chosen === 'existing'
          ? { meetingId: v.meetingId! }
          : {
              newMeeting: {
                bodyId: v.bodyId!,
                topic: v.topic!.trim(),
                startsAt: dayjs(v.startsAt).format('YYYY-MM-DDTHH:mm:ssZ'),
                place: v.place!.trim(),
              },
            };
      return reviewWarning(warning.id, body);
    },
    onSuccess: onDone,
  });
  const noBody = options.data && options.data.bodies.length === 0;
  return (
    <Modal
      open
      title="列入研判会议"
      okText="列入议程"
      cancelText="取消"
      confirmLoading={mutation.isPending}
      okButtonProps={{ disabled: !!noBody }}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <p>预警涉及的 {warning.matterCount} 件事项和预警说明将作为一项议程提交本级研判会议。</p>
      {options.isError && (
        <Alert type="error" showIcon title="研判会议加载失败" description={options.error.message} />
      )}
      {noBody && (
        <Alert
          type="warning"
          showIcon
          title="本级尚未设立研判会"
          description="请先在“议事协商”中设立类型为“研判会”的议事组织，再列入研判。"
        />
      )}
      {options.data && !noBody && (
        <Form<ReviewValues>
          form={form}
          layout="vertical"
          onFinish={(v) => mutation.mutate(v)}
          aria-label="列入研判会议"
          initialValues={{
            bodyId: options.data.bodies[0]?.id,
            topic: '社会治安形势研判调度',
            startsAt: dayjs().add(1, 'day').hour(9).startOf('hour').format('YYYY-MM-DDTHH:mm'),
          }}
        >
          <Radio.Group
            value={chosen}
            onChange={(e) => setMode(e.target.value)}
            style={{ marginBottom: 12 }}
            options={[
              { value: 'existing', label: '已安排的会议', disabled: !hasMeetings },
              { value: 'new', label: '新建一次会议' },
            ]}
          />
          {chosen === 'existing' ? (
            <Form.Item
              label="研判会议"
              name="meetingId"
              rules={[{ required: true, message: '请选择研判会议' }]}
            >
              <Select
                data-testid="review-meeting"
                options={options.data.meetings.map((m) => ({
                  value: m.id,
                  label: `${dayjs(m.startsAt).format('M月D日 HH:mm')} ${m.topic}（已有${m.itemCount}项议程）`,
                }))}
              />
            </Form.Item>
          ) : (
            <>
              <Form.Item label="研判会" name="bodyId" rules={[{ required: true, message: '请选择研判会' }]}>
                <Select options={options.data.bodies.map((b) => ({ value: b.id, label: b.name }))} />
              </Form.Item>
              <Form.Item
                label="议题"
                name="topic"
                rules={[{ required: true, whitespace: true, message: '请填写会议议题' }]}
              >
                <Input maxLength={80} data-testid="review-topic" />
              </Form.Item>
              <Space wrap>
                <Form.Item
                  label="时间"
                  name="startsAt"
                  rules={[{ required: true, message: '请填写会议时间' }]}
                >
                  <Input type="datetime-local" data-testid="review-starts-at" />
                </Form.Item>
                <Form.Item
                  label="地点"
                  name="place"
                  rules={[{ required: true, whitespace: true, message: '请填写会议地点' }]}
                >
                  <Input maxLength={100} data-testid="review-place" />
                </Form.Item>
              </Space>
            </>
          )}
        </Form>
      )}
      {mutation.isError && (
        <Alert
          type="error"
          showIcon
          role="alert"
          title="列入研判未成功"
          description={mutation.error.message}
        />
      )}
    </Modal>
  );
}
