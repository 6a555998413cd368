/** 转介服务: refer a party of the matter to a provider of the chosen service, with its eligibility ground. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Form, Input, Modal, Select } from 'antd';
import { type ServiceKind, serviceKindLabels, serviceKinds } from '../../../../core/domain/referrals/model';
import { createReferral, fetchProviders, referralKeys } from '../../api/referrals';

interface Values {
  kind: ServiceKind;
  providerOrgId: string;
  partyId?: string;
  eligibilityBasis: string;
  eligibilityNote?: string;
  reason: string;
}

export function NewReferralDialog({
  matterId,
  parties,
  onClose,
}: {
  matterId: string;
  parties: { id: string; name: string; role: string }[];
  onClose: () => void;
}) {
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('kind', form);
  const options = useQuery({
    queryKey: referralKeys.providers(kind ?? 'legal_aid'),
    queryFn: ({ signal }) => fetchProviders(kind!, signal),
    enabled: !!kind,
  });
  const mutation = useMutation({
    mutationFn: (v: Values) =>
      createReferral(matterId, {
        kind: v.kind,
        providerOrgId: v.providerOrgId,
        partyId: v.partyId ?? null,
        eligibilityBasis: v.eligibilityBasis,
        eligibilityNote: v.eligibilityNote?.trim() ?? '',
        reason: v.reason.trim(),
      }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: referralKeys.all });
      onClose();
    },
  });
  return (
    <Modal
      open
      title="转介服务"
      okText="转介"
      cancelText="取消"
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={mutation.isPending}
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => mutation.mutate(v)}
        onValuesChange={(changed: Partial<Values>) => {
          if (changed.kind) form.setFieldsValue({ providerOrgId: undefined, eligibilityBasis: undefined });
        }}
      >
        <Form.Item name="kind" label="服务类别" rules={[{ required: true, message: '请选择服务类别' }]}>
          <Select
            data-testid="referral-kind"
            options={serviceKinds.map((k) => ({ value: k, label: serviceKindLabels[k] }))}
          />
        </Form.Item>
        <Form.Item
          name="providerOrgId"
          label="服务机构"
          rules={[{ required: true, message: '请选择服务机构' }]}
        >
          <Select
            data-testid="referral-provider"
            disabled={!kind}
            showSearch={{ optionFilterProp: 'label' }}
            loading={options.isFetching}
            options={(options.data?.items ?? []).map((o) => ({ value: o.id, label: o.name }))}
            notFoundContent="本县暂无提供该服务的机构"
          />
        </Form.Item>
        <Form.Item name="partyId" label="当事人">
          <Select
            data-testid="referral-party"
            allowClear
            options={parties.map((p) => ({ value: p.id, label: p.name }))}
          />
        </Form.Item>
        <Form.Item
          name="eligibilityBasis"
          label="申请依据"
          rules={[{ required: true, message: '请选择申请依据' }]}
        >
          <Select
            data-testid="referral-basis"
            disabled={!kind}
            options={(options.data?.eligibility ?? []).map((e) => ({ value: e.basis, label: e.label }))}
          />
        </Form.Item>
        <Form.Item name="eligibilityNote" label="依据说明（可选）">
          <Input maxLength={500} />
        </Form.Item>
        <Form.Item
          name="reason"
          label="转介理由"
          rules={[{ required: true, min: 4, message: '请写明转介理由（至少 4 个字）' }]}
        >
          <Input.TextArea rows={3} maxLength={500} data-testid="referral-reason" />
        </Form.Item>
      </Form>
      {mutation.isError && <Alert type="error" showIcon title={mutation.error.message} />}
    </Modal>
  );
}
