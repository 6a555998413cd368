/**
 * 平安建设: each village's targets for the year — the computed ones with their figure from the matters,
 * the attested ones with the town's statement — and its standing (达标/未达标/待核). The town states,
 * the district reviews; the buttons follow what the server says the viewer may do.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Empty, Form, Input, Modal, Space, Statistic, Tag, Typography } from 'antd';
import { useState } from 'react';
import {
  attestTarget,
  fetchTargets,
  reviewAttestation,
  type SafetyTargetsView,
  safetyKeys,
} from '../../api/safety';
import { PageSpin } from '../../components/PageSpin';

type Village = SafetyTargetsView['villages'][number];
type Target = Village['targets'][number];

const color: Record<Target['status'], string> = { met: 'success', unmet: 'error', pending: 'warning' };

export function SafetyTargetsPage() {
  const [year] = useState(() => new Date().getFullYear());
  const [acting, setActing] = useState<{
    village: Village;
    target: Target;
    mode: 'attest' | 'review';
  } | null>(null);
  const view = useQuery({
    queryKey: safetyKeys.targets(year),
    queryFn: ({ signal }) => fetchTargets(year, signal),
  });
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        平安建设 · {year} 年
      </Typography.Title>
      {view.isPending && <PageSpin />}
      {view.isError && (
        <Alert type="error" showIcon title="平安建设目标加载失败" description={view.error.message} />
      )}
      {view.data && (
        <>
          <Space wrap size="large" data-testid="targets-summary">
            <Statistic title="达标村（社区）" value={view.data.summary.met} />
            <Statistic title="未达标" value={view.data.summary.unmet} />
            <Statistic title="待核" value={view.data.summary.pending} />
          </Space>
          {view.data.villages.length === 0 && <Empty description="辖区内没有村（社区）" />}
          {view.data.villages.map((v) => (
            <Card
              key={v.village.id}
              size="small"
              data-testid={`village-${v.village.id}`}
              title={`${v.town ? `${v.town.name} · ` : ''}${v.village.name}`}
              extra={<Tag color={color[v.status]}>{v.statusLabel}</Tag>}
            >
              <Space direction="vertical" style={{ width: '100%' }}>
                {v.targets.map((t) => (
                  <div key={t.code} data-testid={`target-${v.village.id}-${t.code}`}>
                    <Space wrap size={6}>
                      <Tag color={color[t.status]}>{t.statusLabel}</Tag>
                      <Typography.Text strong>{t.label}</Typography.Text>
                      <Typography.Text type="secondary">
                        {t.computed ? '系统计算' : '填报核验'}：{t.figure}
                        {t.smallSample && t.computed ? '（样本较少）' : ''}
                      </Typography.Text>
                      {t.mayAttest && (
                        <Button
                          size="small"
                          onClick={() => setActing({ village: v, target: t, mode: 'attest' })}
                        >
                          填报
                        </Button>
                      )}
                      {t.mayReview && (
                        <Button
                          size="small"
                          type="primary"
                          onClick={() => setActing({ village: v, target: t, mode: 'review' })}
                        >
                          审核
                        </Button>
                      )}
                    </Space>
                    {t.attestation && (
                      <Typography.Paragraph type="secondary" style={{ margin: '2px 0 0' }}>
                        佐证：{t.attestation.evidence}
                        {t.attestation.reviewNote && ` · 审核意见：${t.attestation.reviewNote}`}
                      </Typography.Paragraph>
                    )}
                  </div>
                ))}
              </Space>
            </Card>
          ))}
        </>
      )}
      {acting && <TargetDialog year={year} {...acting} onClose={() => setActing(null)} />}
    </Space>
  );
}

function TargetDialog({
  year,
  village,
  target,
  mode,
  onClose,
}: {
  year: number;
  village: Village;
  target: Target;
  mode: 'attest' | 'review';
  onClose: () => void;
}) {
  const qc = useQueryClient();
  const [form] = Form.useForm<{ text: string }>();
  const mutation = useMutation({
    mutationFn: ({ text, approve }: { text: string; approve: boolean }) =>
      mode === 'attest'
        ? attestTarget(village.village.id, target.code, year, text.trim())
        : reviewAttestation(target.attestation!.id, approve, text.trim()),
    onSuccess: (data) => {
      qc.setQueryData(safetyKeys.targets(year), data);
      onClose();
    },
  });
  const submit = (approve: boolean) =>
    form.validateFields().then((v) => mutation.mutate({ text: v.text ?? '', approve }));
  return (
    <Modal
      open
      title={`${mode === 'attest' ? '填报' : '审核'}：${village.village.name} · ${target.label}`}
      onCancel={onClose}
      footer={
        mode === 'attest'
          ? [
              <Button key="c" onClick={onClose}>
                取消
              </Button>,
              <Button key="s" type="primary" loading={mutation.isPending} onClick={() => submit(true)}>
                提交填报
              </Button>,
            ]
          : [
              <Button key="r" danger loading={mutation.isPending} onClick={() => submit(false)}>
                不通过
              </Button>,
              <Button key="a" type="primary" loading={mutation.isPending} onClick={() => submit(true)}>
                通过
              </Button>,
            ]
      }
    >
      {mode === 'review' && target.attestation && (
        <Typography.Paragraph>镇（街道）填报：{target.attestation.evidence}</Typography.Paragraph>
      )}
      <Form form={form} layout="vertical">
        <Form.Item
          name="text"
          label={mode === 'attest' ? '完成情况及佐证' : '审核意见（不通过时必填）'}
          rules={
            mode === 'attest' ? [{ required: true, min: 4, message: '请写明佐证情况（至少 4 个字）' }] : []
          }
        >
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
      {mutation.isError && <Alert type="error" showIcon title={mutation.error.message} />}
    </Modal>
  );
}
