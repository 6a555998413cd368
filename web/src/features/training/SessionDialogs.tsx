/** 登记培训 (a session held by the recorder's own org) and 登记签到 (who was there). */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Checkbox, Form, Input, Modal, Select, Spin } from 'antd';
import { useEffect, useState } from 'react';
import type { ApiError } from '../../api/client';
import {
  type Course,
  createSession,
  fetchSession,
  recordAttendance,
  type Session,
  trainingKeys,
} from '../../api/training';

interface SessionForm {
  courseId: string;
  heldAt: string;
  place: string;
  trainer: string;
}

/** A `datetime-local` value is Beijing wall time: sent with its +08:00 offset. */
const beijing = (local: string) => `${local.length === 16 ? `${local}:00` : local}+08:00`;

export function SessionDialog({
  courses,
  org,
  onClose,
}: {
  courses: Course[];
  org: { id: string; name: string };
  onClose: () => void;
}) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<SessionForm>();
  const save = useMutation({
    mutationFn: (v: SessionForm) =>
      createSession({
        courseId: v.courseId,
        orgId: org.id,
        heldAt: beijing(v.heldAt),
        place: v.place,
        trainer: v.trainer,
      }),
    onSuccess: () => {
      void message.success('已登记培训场次');
      void qc.invalidateQueries({ queryKey: trainingKeys.all });
      onClose();
    },
  });
  return (
    <Modal
      open
      title={`登记培训（举办单位：${org.name}）`}
      okText="登记"
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      onCancel={onClose}
      destroyOnHidden
    >
      {save.error ? <Alert type="error" showIcon title={(save.error as ApiError).message} /> : null}
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Form.Item name="courseId" label="课程" rules={[{ required: true, message: '请选择课程' }]}>
          <Select
            data-testid="session-course"
            options={courses.map((c) => ({ value: c.id, label: c.title }))}
          />
        </Form.Item>
        <Form.Item name="heldAt" label="培训时间" rules={[{ required: true, message: '请填写培训时间' }]}>
          <Input type="datetime-local" />
        </Form.Item>
        <Form.Item
          name="place"
          label="培训地点"
          rules={[{ required: true, min: 2, message: '请填写培训地点' }]}
        >
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item
          name="trainer"
          label="授课人"
          rules={[{ required: true, min: 2, message: '请填写授课人' }]}
        >
          <Input maxLength={100} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function AttendanceDialog({ session, onClose }: { session: Session; onClose: () => void }) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const detail = useQuery({
    queryKey: trainingKeys.session(session.id),
    queryFn: ({ signal }) => fetchSession(session.id, signal),
  });
  const [present, setPresent] = useState<Record<string, boolean>>({});
  useEffect(() => {
    if (detail.data)
      setPresent(Object.fromEntries(detail.data.roll.map((r) => [r.userId, r.present === true])));
  }, [detail.data]);
  const save = useMutation({
    mutationFn: () =>
      recordAttendance(session.id, {
        entries: Object.entries(present).map(([userId, p]) => ({ userId, present: p })),
      }),
    onSuccess: () => {
      void message.success('已登记签到');
      void qc.invalidateQueries({ queryKey: trainingKeys.all });
      onClose();
    },
  });
  return (
    <Modal
      open
      title={`签到：${session.course.name}`}
      okText="保存签到"
      onOk={() => save.mutate()}
      okButtonProps={{ disabled: !detail.data?.roll.length }}
      confirmLoading={save.isPending}
      onCancel={onClose}
      destroyOnHidden
    >
      {save.error ? <Alert type="error" showIcon title={(save.error as ApiError).message} /> : null}
      {detail.isLoading ? <Spin /> : null}
      {detail.data?.roll.length === 0 ? <p>举办单位辖区内没有在岗网格员。</p> : null}
      <div data-testid="training-roll">
        {detail.data?.roll.map((r) => (
          <div key={r.userId} style={{ padding: '4px 0' }}>
            <Checkbox
              checked={present[r.userId] ?? false}
              onChange={(e) => setPresent((p) => ({ ...p, [r.userId]: e.target.checked }))}
            >
              {r.displayName}（{r.org.name}）到场
            </Checkbox>
          </div>
        ))}
      </div>
    </Modal>
  );
}
