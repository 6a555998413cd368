/**
 * 网格员履职标准 for the business administrator: the county's duty list (core/domain/workforce/
 * duty-standard.ts names each figure with its bounds); saving adds a version the assessment uses
 * whenever it is computed afterwards (docs/WORKFORCE.md).
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Flex, InputNumber, Space, Typography } from 'antd';
import { useState } from 'react';
import { type DutyStandard, dutyStandardFields } from '../../../../core/domain/workforce/duty-standard';
import { dutyStandardKeys, fetchDutyStandard, saveDutyStandard } from '../../api/workforce';
import { PageSpin } from '../../components/PageSpin';

export function DutyStandardPage() {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const q = useQuery({ queryKey: dutyStandardKeys, queryFn: ({ signal }) => fetchDutyStandard(signal) });
  const [edits, setEdits] = useState<Partial<DutyStandard>>({});
  const save = useMutation({
    mutationFn: () =>
      saveDutyStandard({ baseVersion: q.data!.version, standard: { ...q.data!.standard, ...edits } }),
    onSuccess: (res) => {
      qc.setQueryData(dutyStandardKeys, res);
      setEdits({});
      message.success(`已保存为第 ${res.version} 版，此后计算的考核按新标准。`);
    },
    onError: (e) => message.error(e.message),
  });
  if (q.isPending) return <PageSpin />;
  if (q.isError) return <Alert type="error" showIcon title={q.error.message} />;
  const count = Object.keys(edits).length;
  return (
    <Card
      title="网格员履职标准"
      extra={
        <Space wrap>
          <Typography.Text type="secondary">
            {q.data.isDefault ? '默认值（未修改过）' : `第 ${q.data.version} 版`}
          </Typography.Text>
          <Button type="primary" disabled={!count} loading={save.isPending} onClick={() => save.mutate()}>
            保存为新版本
          </Button>
        </Space>
      }
    >
      <Flex wrap gap="middle">
        {dutyStandardFields.map((f) => (
          <div key={f.key} style={{ display: 'flex', flexDirection: 'column', minWidth: 150 }}>
            <Typography.Text>{f.label}</Typography.Text>
            <InputNumber
              aria-label={f.label}
              min={f.min}
              max={f.max}
              step={1}
              precision={0}
              value={edits[f.key] ?? q.data.standard[f.key]}
              addonAfter={f.unit}
              style={{ width: 180 }}
              onChange={(v) =>
                setEdits((e) => {
                  const next = { ...e };
                  if (typeof v !== 'number' || v === q.data.standard[f.key]) delete next[f.key];
                  else next[f.key] = v;
                  return next;
                })
              }
            />
          </div>
        ))}
      </Flex>
    </Card>
  );
}
