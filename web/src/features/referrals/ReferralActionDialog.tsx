/** One step on a referral, with the fields that step needs (the server checks them again). */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, DatePicker, Form, Input, InputNumber, Modal, Select, Switch } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { referralActionLabels } from '../../../../core/domain/referrals/referral.transitions';
import {
  actOnReferral,
  fetchProviders,
  type ReferralActionBody,
  type ReferralView,
  referralKeys,
} from '../../api/referrals';

interface Values {
  text?: string;
  at?: Dayjs;
  attended?: boolean;
  outcome?: string;
  amountYuan?: number | null;
  aidInKind?: string;
}

function bodyOf(action: ReferralActionBody['action'], v: Values): ReferralActionBody {
  const text = v.text?.trim() ?? '';
  switch (action) {
    case 'accept':
      return { action };
    case 'decline':
    case 'withdraw':
      return { action, reason: text };
    case 'assign':
      return { action, assignee: text };
    case 'schedule':
      return { action, appointmentAt: v.at!.toISOString() };
    case 'record_session':
      return { action, heldAt: v.at!.toISOString(), attended: v.attended ?? true, note: text };
    case 'conclude':
      return {
        action,
        outcome: v.outcome as never,
        note: text,
        amountYuan: v.amountYuan ?? null,
        aidInKind: v.aidInKind?.trim() || null,
      };
  }
}

const textLabel: Partial<Record<ReferralActionBody['action'], string>> = {
  decline: '不予受理的理由',
  withdraw: '撤回理由',
  assign: '承办律师或援助人员',
  record_session: '面谈内容（保密，仅本机构可见）',
  conclude: '办理结果',
};

export function ReferralActionDialog({
  r,
  action,
  onClose,
}: {
  r: ReferralView;
  action: ReferralActionBody['action'];
  onClose: () => void;
}) {
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const options = useQuery({
    queryKey: referralKeys.providers(r.kind),
    queryFn: ({ signal }) => fetchProviders(r.kind, signal),
    enabled: action === 'conclude',
  });
  const mutation = useMutation({
    mutationFn: (v: Values) => actOnReferral(r.id, bodyOf(action, v)),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: referralKeys.all });
      onClose();
    },
  });
  const label = textLabel[action];
  const money = r.kind === 'judicial_relief' || r.kind === 'hardship_aid';
  return (
    <Modal
      open
      title={`${referralActionLabels[action]}：${r.kindLabel}`}
      okText="提交"
      cancelText="取消"
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={mutation.isPending}
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => mutation.mutate(v)}
        initialValues={{ attended: true, at: dayjs() }}
      >
        {(action === 'schedule' || action === 'record_session') && (
          <Form.Item
            name="at"
            label={action === 'schedule' ? '预约时间' : '面谈时间'}
            rules={[{ required: true, message: '请选择时间' }]}
          >
            <DatePicker showTime style={{ width: '100%' }} />
          </Form.Item>
        )}
        {action === 'record_session' && (
          <Form.Item name="attended" label="当事人到场" valuePropName="checked">
            <Switch checkedChildren="到场" unCheckedChildren="未到" />
          </Form.Item>
        )}
        {action === 'conclude' && (
          <Form.Item name="outcome" label="结果" rules={[{ required: true, message: '请选择办理结果' }]}>
            <Select
              data-testid="referral-outcome-select"
              options={(options.data?.outcomes ?? []).map((o) => ({ value: o.code, label: o.label }))}
            />
          </Form.Item>
        )}
        {label && (
          <Form.Item
            name="text"
            label={label}
            rules={
              action === 'record_session'
                ? []
                : [{ required: true, min: action === 'assign' ? 2 : 4, message: `请填写${label}` }]
            }
          >
            <Input.TextArea
              rows={action === 'assign' ? 1 : 3}
              maxLength={action === 'record_session' ? 2000 : 1000}
            />
          </Form.Item>
        )}
        {action === 'conclude' && money && (
          <>
            <Form.Item name="amountYuan" label="金额（元，决定给予时填写）">
              <InputNumber min={0} precision={0} style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item name="aidInKind" label="实物帮扶内容（可选）">
              <Input maxLength={200} />
            </Form.Item>
          </>
        )}
      </Form>
      {action === 'accept' && <p>确认受理该转介？</p>}
      {mutation.isError && <Alert type="error" showIcon title={mutation.error.message} />}
    </Modal>
  );
}
