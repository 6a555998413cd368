/**
 * 转介服务机构 for the business administrator: the five services of the district center, each with the
 * orgs that provide it (core/domain/referrals/providers.ts). Only orgs of a kind the service allows
 * are offered; saving adds a version the referral form and the server check use from then on.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Flex, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { type ServiceKind, serviceKindLabels, serviceKinds } from '../../../../core/domain/referrals/model';
import { fetchServiceProviders, saveServiceProviders, serviceProvidersKeys } from '../../api/referrals';
import { PageSpin } from '../../components/PageSpin';

export function ReferralProvidersPage() {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const q = useQuery({
    queryKey: serviceProvidersKeys,
    queryFn: ({ signal }) => fetchServiceProviders(signal),
  });
  const [edits, setEdits] = useState<Partial<Record<ServiceKind, string[]>>>({});
  const save = useMutation({
    mutationFn: () =>
      saveServiceProviders({ baseVersion: q.data!.version, providers: { ...q.data!.providers, ...edits } }),
    onSuccess: (res) => {
      qc.setQueryData(serviceProvidersKeys, res);
      setEdits({});
      message.success(`已保存为第 ${res.version} 版，此后的转介按新设置选择服务机构。`);
    },
    onError: (e) => message.error(e.message),
  });
  if (q.isPending) return <PageSpin />;
  if (q.isError) return <Alert type="error" showIcon title={q.error.message} />;
  const count = Object.keys(edits).length;
  return (
    <Card
      title="转介服务机构"
      extra={
        <Space wrap>
          <Typography.Text type="secondary">
            {q.data.isDefault ? '默认（按单位名称推定，未修改过）' : `第 ${q.data.version} 版`}
          </Typography.Text>
          <Button type="primary" disabled={!count} loading={save.isPending} onClick={() => save.mutate()}>
            保存为新版本
          </Button>
        </Space>
      }
    >
      <Flex vertical gap="middle">
        {serviceKinds.map((kind) => {
          const label = serviceKindLabels[kind];
          return (
            <div key={kind} style={{ display: 'flex', flexDirection: 'column', gap: 4 }}>
              <Typography.Text strong>{label}</Typography.Text>
              <Select
                mode="multiple"
                aria-label={`${label}的服务机构`}
                placeholder="选择提供此项服务的单位"
                style={{ width: '100%', maxWidth: 560 }}
                value={edits[kind] ?? q.data.providers[kind]}
                options={q.data.candidates[kind].map((o) => ({ value: o.id, label: o.name }))}
                optionFilterProp="label"
                onChange={(v: string[]) =>
                  setEdits((e) => {
                    const next = { ...e };
                    const same = [...v].sort().join() === [...q.data.providers[kind]].sort().join();
                    if (same) delete next[kind];
                    else next[kind] = v;
                    return next;
                  })
                }
              />
            </div>
          );
        })}
      </Flex>
    </Card>
  );
}
