import { useMutation } from '@tanstack/react-query';
import { Alert, Checkbox, Form, Input, Modal, Typography } from 'antd';
import type { MatterDetail } from '../../../../core/contracts/matters';
import { applyForConfirmation, referToCourt } from '../../api/court';

const roleWords = { applicant: '申请人', respondent: '被申请人', other: '第三人' } as const;

interface PartyValues {
  partyId: string;
  serviceAddress: string;
  electronicServiceAddress?: string;
  identityVerified: boolean;
  serviceAddressConfirmed: boolean;
}

interface Values {
  parties: PartyValues[];
  claims?: string;
  undisputedFacts?: string;
  reason?: string;
  notesForCourt?: string;
  terms?: string;
  performance?: string;
  jointApplication?: boolean;
}

/** One line per item: the court receives lists (claims, facts, terms), staff type lines. */
const lines = (s: string | undefined) =>
  (s ?? '')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

/**
 * 诉调对接 filings: a failed mediation pushed to the court (在线调解规则 art. 21), or the parties' joint
 * application for judicial confirmation of their agreement (人民调解法 art. 33). The court needs
 * every party's verified identity and a confirmed service address (在线调解规则 art. 17).
 */
export function CourtFilingDialog({
  matter,
  mode,
  onClose,
  onDone,
}: {
  matter: MatterDetail;
  mode: 'referral' | 'confirmation';
  onClose: () => void;
  onDone: () => void;
}) {
  const [form] = Form.useForm<Values>();
  const mutation = useMutation({
    mutationFn: (v: Values) => {
      const parties = v.parties.map((p) => ({
        partyId: p.partyId,
        serviceAddress: p.serviceAddress.trim(),
        ...(p.electronicServiceAddress?.trim()
          ? { electronicServiceAddress: p.electronicServiceAddress.trim() }
          : {}),
        identityVerified: true as const,
        serviceAddressConfirmed: true as const,
      }));
      return mode === 'referral'
        ? referToCourt(matter.id, {
            parties,
            claims: lines(v.claims),
            undisputedFacts: lines(v.undisputedFacts),
            reason: (v.reason ?? '').trim(),
            ...(v.notesForCourt?.trim() ? { notesForCourt: v.notesForCourt.trim() } : {}),
          })
        : applyForConfirmation(matter.id, {
            parties,
            jointApplication: true,
            terms: lines(v.terms),
            performance: (v.performance ?? '').trim(),
          });
    },
    onSuccess: onDone,
  });
  const title = mode === 'referral' ? `推送法院：${matter.code}` : `申请司法确认：${matter.code}`;
  const mustCheck = (message: string) => ({
    validator: (_: unknown, v: boolean) => (v ? Promise.resolve() : Promise.reject(new Error(message))),
  });
  return (
    <Modal
      open
      title={title}
      okText={mode === 'referral' ? '推送法院' : '提交申请'}
      cancelText="取消"
      confirmLoading={mutation.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      width={680}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        aria-label={title}
        initialValues={{
          parties: matter.parties.map((p) => ({
            partyId: p.id,
            identityVerified: false,
            serviceAddressConfirmed: false,
          })),
        }}
        onFinish={(v) => mutation.mutate(v)}
      >
        <Typography.Paragraph type="secondary">
          法院将核验当事人身份并按确认的地址送达。请逐一核对身份证件，并由当事人签署《送达地址确认书》。
        </Typography.Paragraph>
        {matter.parties.map((p, i) => (
          <fieldset key={p.id} style={{ border: '1px solid #eee', padding: '8px 12px', marginBottom: 12 }}>
            <legend style={{ fontSize: 14, width: 'auto', padding: '0 4px' }}>
              {roleWords[p.role]} {p.name}
            </legend>
            <Form.Item name={['parties', i, 'partyId']} hidden>
              <Input />
            </Form.Item>
            <Form.Item
              label="送达地址"
              name={['parties', i, 'serviceAddress']}
              rules={[{ required: true, whitespace: true, message: '请填写送达地址' }]}
            >
              <Input maxLength={200} />
            </Form.Item>
            <Form.Item
              label="电子送达地址（手机号或邮箱，可选）"
              name={['parties', i, 'electronicServiceAddress']}
            >
              <Input maxLength={200} />
            </Form.Item>
            <Form.Item
              name={['parties', i, 'identityVerified']}
              valuePropName="checked"
              rules={[mustCheck('请核验身份证件')]}
            >
              <Checkbox>已核验身份证件</Checkbox>
            </Form.Item>
            <Form.Item
              name={['parties', i, 'serviceAddressConfirmed']}
              valuePropName="checked"
              rules={[mustCheck('须由当事人签署送达地址确认书')]}
            >
              <Checkbox>已签署《送达地址确认书》</Checkbox>
            </Form.Item>
          </fieldset>
        ))}
        {mode === 'referral' ? (
          <>
            <Form.Item
              label="诉讼请求（每行一项）"
              name="claims"
              rules={[{ required: true, whitespace: true, message: '请填写诉讼请求' }]}
            >
              <Input.TextArea rows={3} maxLength={5000} />
            </Form.Item>
            <Form.Item label="无争议事实（每行一项，经双方确认）" name="undisputedFacts">
              <Input.TextArea rows={3} maxLength={5000} />
            </Form.Item>
            <Form.Item
              label="调解不成的原因"
              name="reason"
              rules={[{ required: true, whitespace: true, message: '请填写调解不成的原因' }]}
            >
              <Input.TextArea rows={2} maxLength={1000} showCount />
            </Form.Item>
            <Form.Item label="需要提请法院注意的事项（可选）" name="notesForCourt">
              <Input.TextArea rows={2} maxLength={1000} />
            </Form.Item>
          </>
        ) : (
          <>
            <Form.Item
              label="协议条款（每行一条）"
              name="terms"
              rules={[{ required: true, whitespace: true, message: '请填写调解协议的条款' }]}
            >
              <Input.TextArea rows={4} maxLength={5000} />
            </Form.Item>
            <Form.Item
              label="履行方式和期限"
              name="performance"
              rules={[{ required: true, whitespace: true, message: '请填写履行方式和期限' }]}
            >
              <Input.TextArea rows={2} maxLength={1000} />
            </Form.Item>
            <Form.Item
              name="jointApplication"
              valuePropName="checked"
              rules={[mustCheck('司法确认须由双方当事人共同申请')]}
            >
              <Checkbox>双方当事人共同申请（人民调解法第三十三条）</Checkbox>
            </Form.Item>
          </>
        )}
      </Form>
      {mutation.isError && (
        <Alert type="error" showIcon role="alert" title="提交未成功" description={mutation.error.message} />
      )}
    </Modal>
  );
}
