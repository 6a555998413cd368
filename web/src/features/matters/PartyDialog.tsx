/**
 * Adding a party after intake (the other side of a dispute filed online) or correcting one. A
 * correction changes only the fields filled in: the current values are shown masked as hints, and an
 * empty field keeps what is there.
 */
import { useMutation } from '@tanstack/react-query';
import { Alert, Form, Input, Modal, Select } from 'antd';
import type { MatterDetail, PartyCorrection } from '../../../../core/contracts/matters';
import { addParty, correctParty } from '../../api/matters';

type Role = 'applicant' | 'respondent' | 'other';
const roleOptions: { value: Role; label: string }[] = [
  { value: 'respondent', label: '被反映人（对方当事人）' },
  { value: 'other', label: '其他当事人' },
  { value: 'applicant', label: '反映人' },
];

interface Values {
  role: Role;
  name?: string;
  phone?: string;
  idNumber?: string;
  address?: string;
}

export function PartyDialog({
  matter,
  party,
  onClose,
  onDone,
}: {
  matter: MatterDetail;
  /** The party to correct; none to add one. */
  party?: MatterDetail['parties'][number];
  onClose: () => void;
  onDone: (m: MatterDetail) => void;
}) {
  const [form] = Form.useForm<Values>();
  const mutation = useMutation({
    mutationFn: (v: Values) => {
      const t = (s?: string) => s?.trim() || undefined;
      if (!party)
        return addParty(matter.id, {
          role: v.role,
          name: t(v.name) ?? '',
          phone: t(v.phone),
          idNumber: t(v.idNumber),
          address: t(v.address),
        });
      const body: PartyCorrection = {
        ...(v.role !== party.role ? { role: v.role } : {}),
        ...(t(v.name) ? { name: t(v.name) } : {}),
        ...(t(v.phone) ? { phone: t(v.phone) } : {}),
        ...(t(v.idNumber) ? { idNumber: t(v.idNumber) } : {}),
        ...(t(v.address) ? { address: t(v.address) } : {}),
      };
      return correctParty(matter.id, party.id, body);
    },
    onSuccess: onDone,
  });
  return (
    <Modal
      open
      title={party ? `更正当事人：${party.name}` : '添加当事人'}
      okText="保存"
      cancelText="取消"
      confirmLoading={mutation.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        aria-label={party ? '更正当事人' : '添加当事人'}
        data-testid="party-form"
        initialValues={{ role: party?.role ?? 'respondent' }}
        onFinish={(v) => mutation.mutate(v)}
      >
        {party && (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 12 }}
            title="只填写需要更正的项目，留空的保持不变。更正会记入办理记录。"
          />
        )}
        <Form.Item label="身份" name="role" rules={[{ required: true, message: '请选择' }]}>
          <Select options={roleOptions} data-testid="party-role" />
        </Form.Item>
        <Form.Item
          label="姓名或名称"
          name="name"
          rules={party ? [] : [{ required: true, whitespace: true, message: '请填写姓名或名称' }]}
        >
          <Input maxLength={60} placeholder={party?.name} data-testid="party-name" />
        </Form.Item>
        <Form.Item
          label="手机号码"
          name="phone"
          rules={[{ pattern: /^1[3-9]\d{9}$/, message: '请输入 11 位手机号码' }]}
        >
          <Input
            inputMode="tel"
            maxLength={11}
            placeholder={party?.phone ?? undefined}
            data-testid="party-phone"
          />
        </Form.Item>
        <Form.Item
          label="身份证号码"
          name="idNumber"
          rules={[{ pattern: /^\d{17}[\dXx]$/, message: '请输入 18 位身份证号码' }]}
        >
          <Input maxLength={18} placeholder={party?.idNumber ?? undefined} data-testid="party-id" />
        </Form.Item>
        <Form.Item label="住址" name="address">
          <Input maxLength={200} placeholder={party?.address ?? undefined} data-testid="party-address" />
        </Form.Item>
        {mutation.isError && <Alert type="error" showIcon role="alert" title={mutation.error.message} />}
      </Form>
    </Modal>
  );
}
