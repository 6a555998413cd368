/**
 * 联合任务: the unit's part of the 调度会 decisions — the tasks it leads or supports (and, for a
 * center, those it handed out), with only the actions the core table allows it: report, complete,
 * withdraw.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Empty, Form, Input, Modal, Segmented, Space, Typography } from 'antd';
import { useState } from 'react';
import type { JointTaskAction } from '../../../../core/domain/dispatch/joint-task.transitions';
import { jointTaskActionLabels } from '../../../../core/domain/dispatch/joint-task.transitions';
import {
  completeTask,
  dispatchKeys,
  fetchTasks,
  type JointTaskView,
  reportTask,
  withdrawTask,
} from '../../api/dispatch';
import { PageSpin } from '../../components/PageSpin';
import { TaskCard } from './TaskCard';

type Filter = 'open' | 'closed' | 'all';

export function JointTasksPage() {
  const [status, setStatus] = useState<Filter>('open');
  const [acting, setActing] = useState<{ task: JointTaskView; action: JointTaskAction } | null>(null);
  const list = useQuery({
    queryKey: dispatchKeys.tasks(status, 1),
    queryFn: ({ signal }) => fetchTasks(status, 1, signal),
  });
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        联合任务
      </Typography.Title>
      <Segmented<Filter>
        value={status}
        onChange={setStatus}
        options={[
          { value: 'open', label: '未办结' },
          { value: 'closed', label: '已办结' },
          { value: 'all', label: '全部' },
        ]}
      />
      {list.isPending && <PageSpin />}
      {list.isError && (
        <Alert type="error" showIcon title="联合任务加载失败" description={list.error.message} />
      )}
      {list.data &&
        (list.data.items.length === 0 ? (
          <Empty description="暂无联合任务" />
        ) : (
          list.data.items.map((t) => (
            <TaskCard
              key={t.id}
              task={t}
              actions={t.allowedActions.map((a) => (
                <Button
                  key={a}
                  type="link"
                  danger={a === 'withdraw'}
                  onClick={() => setActing({ task: t, action: a })}
                >
                  {jointTaskActionLabels[a]}
                </Button>
              ))}
            />
          ))
        ))}
      {acting && <ActDialog {...acting} onClose={() => setActing(null)} />}
    </Space>
  );
}

const fieldLabel: Record<JointTaskAction, string> = {
  report: '进展情况',
  complete: '办理结果',
  withdraw: '撤销理由',
};

function ActDialog({
  task,
  action,
  onClose,
}: {
  task: JointTaskView;
  action: JointTaskAction;
  onClose: () => void;
}) {
  const qc = useQueryClient();
  const [form] = Form.useForm<{ text: string }>();
  const mutation = useMutation({
    mutationFn: ({ text }: { text: string }) =>
      (action === 'report' ? reportTask : action === 'complete' ? completeTask : withdrawTask)(
        task.id,
        text.trim(),
      ),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: dispatchKeys.all });
      onClose();
    },
  });
  return (
    <Modal
      open
      title={`${jointTaskActionLabels[action]}：${task.title}`}
      okText="提交"
      cancelText="取消"
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={mutation.isPending}
    >
      <Form form={form} layout="vertical" onFinish={(v) => mutation.mutate(v)}>
        <Form.Item
          name="text"
          label={fieldLabel[action]}
          rules={[{ required: true, min: 4, message: `请写明${fieldLabel[action]}（至少 4 个字）` }]}
        >
          <Input.TextArea rows={3} maxLength={1000} />
        </Form.Item>
      </Form>
      {mutation.isError && <Alert type="error" showIcon title={mutation.error.message} />}
    </Modal>
  );
}
