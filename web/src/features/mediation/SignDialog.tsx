import { useMutation } from '@tanstack/react-query';
import { Alert, Modal, Segmented, Typography, Upload } from 'antd';
import { useState } from 'react';
import type { AgreementView } from '../../../../core/contracts/mediation';
import { signAgreement, uploadAttachment } from '../../api/agreements';
import { SignaturePad } from './SignaturePad';

/**
 * One signature on the agreement: drawn on the screen, or a scan of the signed paper; the org's
 * seal is applied as its e-seal (or a scan of the sealed paper).
 */
export function SignDialog({
  matterId,
  agreement,
  signer,
  label,
  onClose,
  onDone,
}: {
  matterId: string;
  agreement: AgreementView;
  signer: string;
  label: string;
  onClose: () => void;
  onDone: (a: AgreementView) => void;
}) {
  const isOrg = signer === 'org';
  const [method, setMethod] = useState<'on_screen' | 'scan' | 'seal'>(isOrg ? 'seal' : 'on_screen');
  const [drawn, setDrawn] = useState<Blob | null>(null);
  const [scan, setScan] = useState<File | null>(null);
  const mutation = useMutation({
    mutationFn: async () => {
      let attachmentId: string | undefined;
      if (method === 'on_screen') {
        if (!drawn) throw new Error('请先在签名区签名');
        attachmentId = (await uploadAttachment(matterId, drawn, `签名-${label}.png`)).id;
      } else if (method === 'scan') {
        if (!scan) throw new Error('请选择签名件（JPG、PNG 或 PDF）');
        attachmentId = (await uploadAttachment(matterId, scan, scan.name)).id;
      }
      const who = signer.startsWith('party:')
        ? { signer: 'party' as const, partyId: signer.slice('party:'.length) }
        : { signer: signer as 'mediator' | 'org' };
      return signAgreement(matterId, agreement.id, {
        ...who,
        method,
        ...(attachmentId ? { attachmentId } : {}),
      });
    },
    onSuccess: onDone,
  });
  return (
    <Modal
      open
      title={`${isOrg ? '盖章' : '签名'}：${label}`}
      okText="确认"
      cancelText="取消"
      confirmLoading={mutation.isPending}
      onOk={() => mutation.mutate()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Segmented
        block
        value={method}
        onChange={(v) => setMethod(v as typeof method)}
        options={
          isOrg
            ? [
                { value: 'seal', label: '加盖电子印章' },
                { value: 'scan', label: '上传盖章件' },
              ]
            : [
                { value: 'on_screen', label: '当场手写签名' },
                { value: 'scan', label: '上传签名件' },
              ]
        }
        style={{ marginBottom: 12 }}
      />
      {method === 'on_screen' && <SignaturePad label={label} onChange={setDrawn} />}
      {method === 'scan' && (
        <Upload
          accept=".jpg,.jpeg,.png,.pdf"
          maxCount={1}
          beforeUpload={(f) => {
            setScan(f);
            return false;
          }}
          onRemove={() => setScan(null)}
        >
          <Typography.Link>选择签名件（JPG、PNG 或 PDF）</Typography.Link>
        </Upload>
      )}
      {method === 'seal' && (
        <Typography.Paragraph>以调解组织名义加盖电子印章，操作人和时间记入日志。</Typography.Paragraph>
      )}
      {mutation.isError && (
        <Alert type="error" showIcon role="alert" title="未成功" description={mutation.error.message} />
      )}
    </Modal>
  );
}
