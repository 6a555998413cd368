/**
 * 新建课程 (the district's workforce managers): title, kind, materials as links, the short test — each
 * question's options one per line and its right ones by number — the pass mark and the due rule.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, InputNumber, Modal, Select, Space } from 'antd';
import { courseKindLabels, courseKinds } from '../../../../core/domain/training/course';
import type { ApiError } from '../../api/client';
import { createCourse, type NewCourse, trainingKeys } from '../../api/training';

interface CourseForm {
  title: string;
  kind: NewCourse['kind'];
  summary?: string;
  materials?: { title: string; url: string }[];
  questions?: { prompt: string; options: string; correct: string }[];
  passMark: number;
  withinDays: number;
  everyMonths?: number | null;
}

/** "1,2" (numbered from 1, as the form shows them) → [0, 1]. */
const correctOf = (s: string) =>
  s
    .split(/[,，、\s]+/)
    .filter(Boolean)
    .map((n) => Number(n) - 1);

export function toNewCourse(v: CourseForm): NewCourse {
  return {
    title: v.title,
    kind: v.kind,
    summary: v.summary ?? '',
    materials: v.materials ?? [],
    questions: (v.questions ?? []).map((q) => ({
      prompt: q.prompt,
      options: q.options
        .split('\n')
        .map((o) => o.trim())
        .filter(Boolean),
      correct: correctOf(q.correct),
    })),
    passMark: v.passMark,
    withinDays: v.withinDays,
    everyMonths: v.everyMonths ?? null,
  };
}

export function CourseDialog({ onClose }: { onClose: () => void }) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<CourseForm>();
  const save = useMutation({
    mutationFn: (v: CourseForm) => createCourse(toNewCourse(v)),
    onSuccess: () => {
      void message.success('已新建课程');
      void qc.invalidateQueries({ queryKey: trainingKeys.all });
      onClose();
    },
  });
  return (
    <Modal
      open
      title="新建培训课程"
      okText="保存课程"
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      onCancel={onClose}
      destroyOnHidden
      width={640}
    >
      {save.error ? <Alert type="error" showIcon title={(save.error as ApiError).message} /> : null}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ kind: 'routine', passMark: 60, withinDays: 30 }}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item
          name="title"
          label="课程名称"
          rules={[{ required: true, min: 2, message: '请填写课程名称' }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="kind" label="类别">
          <Select options={courseKinds.map((k) => ({ value: k, label: courseKindLabels[k] }))} />
        </Form.Item>
        <Form.Item name="summary" label="内容简介">
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
        <Form.List name="materials">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f, i) => (
                <Space key={f.key} align="baseline" wrap>
                  <Form.Item
                    name={[f.name, 'title']}
                    label={`材料 ${i + 1} 名称`}
                    rules={[{ required: true }]}
                  >
                    <Input maxLength={100} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'url']} label={`材料 ${i + 1} 链接`} rules={[{ required: true }]}>
                    <Input placeholder="https://" maxLength={500} />
                  </Form.Item>
                  <Button onClick={() => remove(f.name)}>删除</Button>
                </Space>
              ))}
              <Button onClick={() => add()} style={{ marginBottom: 16 }}>
                添加材料链接
              </Button>
            </>
          )}
        </Form.List>
        <Form.List name="questions">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f, i) => (
                <div
                  key={f.key}
                  style={{ border: '1px solid #e8ecf1', borderRadius: 8, padding: 8, marginBottom: 8 }}
                >
                  <Form.Item
                    name={[f.name, 'prompt']}
                    label={`第 ${i + 1} 题`}
                    rules={[{ required: true, min: 2 }]}
                  >
                    <Input maxLength={300} />
                  </Form.Item>
                  <Form.Item
                    name={[f.name, 'options']}
                    label={`第 ${i + 1} 题选项（每行一个）`}
                    rules={[{ required: true }]}
                  >
                    <Input.TextArea rows={3} />
                  </Form.Item>
                  <Form.Item
                    name={[f.name, 'correct']}
                    label={`第 ${i + 1} 题正确选项（序号，多个用逗号分隔）`}
                    rules={[{ required: true }]}
                  >
                    <Input maxLength={20} />
                  </Form.Item>
                  <Button onClick={() => remove(f.name)}>删除本题</Button>
                </div>
              ))}
              <Button onClick={() => add()} style={{ marginBottom: 16 }}>
                添加测试题
              </Button>
            </>
          )}
        </Form.List>
        <Form.Item name="passMark" label="及格分（百分制）">
          <InputNumber min={0} max={100} />
        </Form.Item>
        <Form.Item name="withinDays" label="新入职后几天内完成" rules={[{ required: true }]}>
          <InputNumber min={1} max={365} />
        </Form.Item>
        <Form.Item name="everyMonths" label="每隔几个月复训（不填：一次即可）">
          <InputNumber min={1} max={60} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
