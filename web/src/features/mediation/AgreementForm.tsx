import { useMutation } from '@tanstack/react-query';
import { Alert, Form, Input, Modal, Segmented } from 'antd';
import { useState } from 'react';
import type { MatterDetail } from '../../../../core/contracts/matters';
import type { AgreementView } from '../../../../core/contracts/mediation';
import { saveAgreement } from '../../api/agreements';

const roleWords = { applicant: '申请人', respondent: '被申请人', other: '第三人' } as const;

interface Values {
  particulars: string[];
  facts: string;
  issues: string;
  responsibility: string;
  terms: string;
  manner: string;
  deadline: string;
  oralRecord: string;
  mediatorNote: string;
}

/** Drafting the agreement with the contents 人民调解法 art. 29 requires, or recording an oral one (art. 28, 30). */
export function AgreementForm({
  matter,
  draft,
  onClose,
  onDone,
}: {
  matter: MatterDetail;
  draft: AgreementView | null;
  onClose: () => void;
  onDone: (a: AgreementView) => void;
}) {
  const [form] = Form.useForm<Values>();
  const [kind, setKind] = useState<'written' | 'oral'>('written');
  const mutation = useMutation({
    mutationFn: (v: Values) => {
      const parties = matter.parties.map((p, i) => ({
        partyId: p.id,
        particulars: (v.particulars?.[i] ?? '').trim(),
      }));
      return kind === 'oral'
        ? saveAgreement(matter.id, {
            form: 'oral',
            parties,
            oralRecord: v.oralRecord.trim(),
            mediatorNote: v.mediatorNote.trim(),
          })
        : saveAgreement(matter.id, {
            form: 'written',
            parties,
            facts: v.facts.trim(),
            issues: v.issues.trim(),
            responsibility: v.responsibility.trim(),
            terms: v.terms
              .split('\n')
              .map((t) => t.trim())
              .filter(Boolean),
            performance: { manner: v.manner.trim(), deadline: v.deadline },
          });
    },
    onSuccess: onDone,
  });
  const c = draft?.content;
  const required = (message: string) => [{ required: true, whitespace: true, message }];
  return (
    <Modal
      open
      title={`调解协议：${matter.code}`}
      okText="保存"
      cancelText="取消"
      width={720}
      confirmLoading={mutation.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      {matter.parties.length < 2 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="agreement-needs-parties"
          title="调解协议须列明至少两方当事人：请先在“当事人”中添加对方当事人。"
        />
      )}
      <Segmented
        block
        value={kind}
        onChange={(v) => setKind(v as 'written' | 'oral')}
        options={[
          { value: 'written', label: '书面协议（调解协议书）' },
          { value: 'oral', label: '口头协议' },
        ]}
        style={{ marginBottom: 12 }}
      />
      <Form<Values>
        form={form}
        layout="vertical"
        aria-label="调解协议"
        onFinish={(v) => mutation.mutate(v)}
        initialValues={{
          particulars: matter.parties.map(
            (p) => c?.parties.find((x) => x.partyId === p.id)?.particulars ?? '',
          ),
          facts: c?.facts ?? '',
          issues: c?.issues ?? '',
          responsibility: c?.responsibility ?? '',
          terms: c?.terms.join('\n') ?? '',
          manner: c?.performance.manner ?? '',
          deadline: c?.performance.deadline ?? '',
        }}
      >
        {matter.parties.map((p, i) => (
          <Form.Item
            key={p.id}
            label={`${roleWords[p.role]} ${p.name} 的基本情况（性别、出生年份、民族、住址等）`}
            name={['particulars', i]}
            rules={kind === 'written' ? required('请填写当事人的基本情况') : []}
          >
            <Input maxLength={300} />
          </Form.Item>
        ))}
        {kind === 'oral' ? (
          <>
            <Form.Item
              label="口头协议的内容（由调解员记录）"
              name="oralRecord"
              rules={required('请记录协议内容')}
            >
              <Input.TextArea rows={4} maxLength={4000} showCount />
            </Form.Item>
            <Form.Item
              label="调解员说明（在场人员、达成经过等）"
              name="mediatorNote"
              rules={required('请填写调解员说明')}
            >
              <Input.TextArea rows={3} maxLength={2000} showCount />
            </Form.Item>
          </>
        ) : (
          <>
            <Form.Item label="纠纷的主要事实" name="facts" rules={required('请填写纠纷的主要事实')}>
              <Input.TextArea rows={3} maxLength={4000} />
            </Form.Item>
            <Form.Item label="争议事项" name="issues" rules={required('请填写争议事项')}>
              <Input.TextArea rows={2} maxLength={2000} />
            </Form.Item>
            <Form.Item
              label="各方当事人的责任"
              name="responsibility"
              rules={required('请填写各方当事人的责任')}
            >
              <Input.TextArea rows={2} maxLength={2000} />
            </Form.Item>
            <Form.Item label="协议内容（每行一条）" name="terms" rules={required('请填写协议内容')}>
              <Input.TextArea rows={4} maxLength={5000} />
            </Form.Item>
            <Form.Item label="履行方式" name="manner" rules={required('请填写履行方式')}>
              <Input maxLength={1000} />
            </Form.Item>
            <Form.Item
              label="履行期限"
              name="deadline"
              rules={[{ required: true, message: '请选择履行期限' }]}
            >
              <Input type="date" />
            </Form.Item>
          </>
        )}
      </Form>
      {mutation.isError && (
        <Alert type="error" showIcon role="alert" title="保存未成功" description={mutation.error.message} />
      )}
    </Modal>
  );
}
