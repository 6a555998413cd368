import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Form, Input, Modal, Select } from 'antd';
import {
  assignService,
  completeService,
  deliberationKeys,
  fetchBody,
  listBodies,
  recordOpinion,
} from '../../api/deliberation';
import { useReportError } from '../../components/useReportError';

interface DialogProps {
  matterId: string;
  onClose: () => void;
}

function useDone(matterId: string, onClose: () => void) {
  const queryClient = useQueryClient();
  return async () => {
    await queryClient.invalidateQueries({ queryKey: deliberationKeys.links(matterId) });
    await queryClient.invalidateQueries({ queryKey: ['matters', 'detail', matterId] });
    onClose();
  };
}

/** 道德评判团: the panel's opinion on a dispute under mediation. */
export function OpinionDialog({ matterId, onClose }: DialogProps) {
  const [form] = Form.useForm<{ bodyId: string; text: string }>();
  const report = useReportError();
  const done = useDone(matterId, onClose);
  const panels = useQuery({
    queryKey: deliberationKeys.bodiesOfKind('panel'),
    queryFn: ({ signal }) => listBodies(signal, 'panel'),
  });
  const m = useMutation({
    mutationFn: (v: { bodyId: string; text: string }) => recordOpinion(v.bodyId, { matterId, text: v.text }),
    onSuccess: done,
    onError: (e) => report(e, '记录失败'),
  });
  return (
    <Modal
      open
      title="记录评判团意见"
      okText="记录"
      cancelText="取消"
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={m.isPending}
    >
      <Form form={form} layout="vertical" onFinish={(v) => m.mutate(v)}>
        <Form.Item name="bodyId" label="评判团" rules={[{ required: true, message: '请选择评判团' }]}>
          <Select
            loading={panels.isLoading}
            options={(panels.data ?? []).map((b) => ({ value: b.id, label: `${b.name}（${b.org.name}）` }))}
            notFoundContent="管辖范围内没有评判团"
          />
        </Form.Item>
        <Form.Item
          name="text"
          label="评判意见"
          rules={[{ required: true, min: 10, message: '请填写评判意见（至少 10 个字）' }]}
        >
          <Input.TextArea rows={4} maxLength={5000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 百事服务团: a small service request from the village window, given to one member. */
export function ServiceDialog({ matterId, onClose }: DialogProps) {
  const [form] = Form.useForm<{ bodyId: string; memberId: string; text: string }>();
  const bodyId = Form.useWatch('bodyId', form);
  const report = useReportError();
  const done = useDone(matterId, onClose);
  const teams = useQuery({
    queryKey: deliberationKeys.bodiesOfKind('service_team'),
    queryFn: ({ signal }) => listBodies(signal, 'service_team'),
  });
  const team = useQuery({
    queryKey: deliberationKeys.body(bodyId ?? ''),
    queryFn: ({ signal }) => fetchBody(bodyId!, signal),
    enabled: !!bodyId,
  });
  const m = useMutation({
    mutationFn: (v: { bodyId: string; memberId: string; text: string }) =>
      assignService(v.bodyId, { matterId, memberId: v.memberId, text: v.text }),
    onSuccess: done,
    onError: (e) => report(e, '派单失败'),
  });
  return (
    <Modal
      open
      title="派给百事服务团"
      okText="派单"
      cancelText="取消"
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={m.isPending}
    >
      <Form form={form} layout="vertical" onFinish={(v) => m.mutate(v)}>
        <Form.Item name="bodyId" label="服务团" rules={[{ required: true, message: '请选择服务团' }]}>
          <Select
            loading={teams.isLoading}
            options={(teams.data ?? []).map((b) => ({ value: b.id, label: b.name }))}
            notFoundContent="本村（社区）没有服务团"
            onChange={() => form.setFieldValue('memberId', undefined)}
          />
        </Form.Item>
        <Form.Item name="memberId" label="服务成员" rules={[{ required: true, message: '请选择服务成员' }]}>
          <Select
            loading={team.isLoading}
            options={(team.data?.members ?? []).map((x) => ({ value: x.id, label: x.name }))}
          />
        </Form.Item>
        <Form.Item
          name="text"
          label="服务内容（将以短信告知成员）"
          rules={[{ required: true, message: '请写明服务内容' }]}
        >
          <Input maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function ServiceDoneDialog({
  matterId,
  contributionId,
  onClose,
}: DialogProps & { contributionId: string }) {
  const [form] = Form.useForm<{ note: string }>();
  const report = useReportError();
  const done = useDone(matterId, onClose);
  const m = useMutation({
    mutationFn: (v: { note: string }) => completeService(contributionId, v.note),
    onSuccess: done,
    onError: (e) => report(e, '登记失败'),
  });
  return (
    <Modal
      open
      title="登记服务完成"
      okText="登记"
      cancelText="取消"
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={m.isPending}
    >
      <Form form={form} layout="vertical" onFinish={(v) => m.mutate(v)}>
        <Form.Item
          name="note"
          label="完成情况"
          rules={[{ required: true, min: 2, message: '请写明完成情况' }]}
        >
          <Input maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
