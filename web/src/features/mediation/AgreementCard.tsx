import { FilePdfOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, List, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { MatterDetail } from '../../../../core/contracts/matters';
import type { AgreementView } from '../../../../core/contracts/mediation';
import { agreementKeys, listAgreements } from '../../api/agreements';
import { courtKeys } from '../../api/court';
import { AgreementForm } from './AgreementForm';
import { PerformanceDialog } from './PerformanceDialog';
import { SignDialog } from './SignDialog';

/** 调解协议 on the matter page: draft it, collect the signatures and the seal, print it. */
export function AgreementCard({ m }: { m: MatterDetail }) {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [editing, setEditing] = useState(false);
  const [signing, setSigning] = useState<{ signer: string; label: string } | null>(null);
  const [visiting, setVisiting] = useState(false);
  const list = useQuery({
    queryKey: agreementKeys.matter(m.id),
    queryFn: ({ signal }) => listAgreements(m.id, signal),
    staleTime: 5_000,
  });
  if (list.isPending || list.isError) return null;
  const a: AgreementView | undefined = list.data[0];
  if (!a && m.status !== 'mediating') return null;
  const changed = (next: AgreementView, text: string) => {
    queryClient.setQueryData(agreementKeys.matter(m.id), [next, ...list.data.slice(1)]);
    void queryClient.invalidateQueries({ queryKey: courtKeys.matter(m.id) });
    message.success(text);
  };
  return (
    <Card size="small" title="调解协议" style={{ marginBottom: 16 }} data-testid="agreement-card">
      {!a ? (
        <Button type="primary" onClick={() => setEditing(true)} data-testid="agreement-draft">
          制作调解协议
        </Button>
      ) : (
        <Space direction="vertical" style={{ width: '100%' }}>
          <span>
            {a.form === 'oral' ? '口头协议' : '调解协议书'}{' '}
            <Tag color={a.status === 'effective' ? 'green' : 'gold'} data-testid="agreement-status">
              {a.statusLabel}
            </Tag>
          </span>
          {a.signatures.length > 0 && (
            <List
              size="small"
              dataSource={a.signatures}
              renderItem={(s) => (
                <List.Item key={s.signer}>
                  {s.label}
                  <Typography.Text type="secondary">
                    {s.method === 'seal' ? '已盖章' : s.method === 'scan' ? '签名件' : '已签名'}
                  </Typography.Text>
                </List.Item>
              )}
            />
          )}
          {a.missing.length > 0 && (
            <Space wrap>
              {a.missing.map((x) => (
                <Button
                  key={x.signer}
                  onClick={() => setSigning(x)}
                  data-testid={`sign-${x.signer.split(':')[0]}`}
                >
                  {x.signer === 'org' ? '盖章' : `${x.label} 签名`}
                </Button>
              ))}
            </Space>
          )}
          <Space wrap>
            {a.status === 'draft' && a.signatures.length === 0 && (
              <Button onClick={() => setEditing(true)}>修改协议</Button>
            )}
            <Button
              icon={<FilePdfOutlined aria-hidden />}
              href={`/api/matters/${m.id}/agreements/${a.id}/pdf`}
              target="_blank"
              rel="noopener"
              data-testid="agreement-pdf"
            >
              打印协议书（PDF，共 {a.copies} 份）
            </Button>
          </Space>
          {a.status === 'effective' && (
            <Space wrap>
              {a.performanceDue && <Typography.Text>约定履行期限：{a.performanceDue}</Typography.Text>}
              {a.performance ? (
                <Tag color={a.performance.status === 'performed' ? 'green' : 'orange'}>
                  回访：{a.performance.label}
                </Tag>
              ) : (
                <Button onClick={() => setVisiting(true)} data-testid="agreement-performance">
                  记录履行情况
                </Button>
              )}
            </Space>
          )}
          {a.status === 'effective' && m.status === 'mediating' && (
            <Typography.Text type="success">协议已生效，请办理“达成调解协议”。</Typography.Text>
          )}
        </Space>
      )}
      {editing && (
        <AgreementForm
          matter={m}
          draft={a ?? null}
          onClose={() => setEditing(false)}
          onDone={(next) => {
            setEditing(false);
            changed(next, '调解协议已保存');
          }}
        />
      )}
      {visiting && a && (
        <PerformanceDialog
          matterId={m.id}
          agreement={a}
          onClose={() => setVisiting(false)}
          onDone={(next) => {
            setVisiting(false);
            changed(next, '已记录履行情况');
          }}
        />
      )}
      {signing && a && (
        <SignDialog
          matterId={m.id}
          agreement={a}
          signer={signing.signer}
          label={signing.label}
          onClose={() => setSigning(null)}
          onDone={(next) => {
            setSigning(null);
            changed(next, next.status === 'effective' ? '全部签署完毕，调解协议已生效' : '已签署');
          }}
        />
      )}
    </Card>
  );
}
