/**
 * 风险预警参数 for the business administrator: every threshold, window and weight of the four
 * early-warning rules, grouped by rule (core/domain/risk/policy.ts describes each number once, with
 * its bounds). None of them is set by law; saving adds a version the rules use from the next run.
 * Cards of label + number rather than a table, so it reads on a 375 px phone.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Flex, InputNumber, Space, Typography } from 'antd';
import { useState } from 'react';
import {
  type RiskPolicyGroup,
  riskPolicyFields,
  riskPolicyGroupLabels,
} from '../../../../core/domain/risk/policy';
import { fetchRiskPolicies, type RiskPoliciesView, riskPolicyKeys, saveRiskPolicies } from '../../api/config';
import { PageSpin } from '../../components/PageSpin';

type Values = RiskPoliciesView['policies'];
const groups = Object.keys(riskPolicyGroupLabels) as RiskPolicyGroup[];

/** A bound JavaScript prints in exponent form (below 1e-6), which ARIA value attributes do not accept. */
const tinyBounds = (f: { min: number; max: number }) =>
  String(f.min).includes('e') || String(f.max).includes('e');

export function RiskPoliciesPage() {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const q = useQuery({ queryKey: riskPolicyKeys, queryFn: ({ signal }) => fetchRiskPolicies(signal) });
  const [edits, setEdits] = useState<Record<string, number>>({});
  const save = useMutation({
    mutationFn: () => {
      const policies = structuredClone(q.data!.policies) as Values;
      for (const [k, v] of Object.entries(edits)) {
        const [g, key] = k.split('.') as [RiskPolicyGroup, string];
        policies[g][key] = v;
      }
      return saveRiskPolicies({ baseVersion: q.data!.version, policies });
    },
    onSuccess: (res) => {
      qc.setQueryData(riskPolicyKeys, res);
      setEdits({});
      message.success(`已保存为第 ${res.version} 版，自下一次预警运行起生效。`);
    },
    onError: (e) => message.error(e.message),
  });
  if (q.isPending) return <PageSpin />;
  if (q.isError) return <Alert type="error" showIcon title={q.error.message} />;
  const count = Object.keys(edits).length;

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title="风险预警参数"
        extra={
          <Space wrap>
            <Typography.Text type="secondary">
              {q.data.isDefault ? '默认值（未修改过）' : `第 ${q.data.version} 版`}
            </Typography.Text>
            <Button disabled={!count} onClick={() => setEdits({})}>
              放弃修改
            </Button>
            <Button
              type="primary"
              disabled={!count}
              loading={save.isPending}
              onClick={() => save.mutate()}
              data-testid="risk-policies-save"
            >
              保存为新版本
            </Button>
          </Space>
        }
      >
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          这些阈值、窗口和权重都不是法律规定，而是本县（区）的工作经验值：默认值只是起点，请结合误报排除率调整。保存后自下一次预警运行起生效，已发出的预警不变。
        </Typography.Paragraph>
      </Card>
      {groups.map((g) => (
        <Card key={g} size="small" title={riskPolicyGroupLabels[g]}>
          <Flex wrap gap="middle">
            {riskPolicyFields
              .filter((f) => f.group === g)
              .map((f) => {
                const k = `${f.group}.${f.key}`;
                const saved = q.data.policies[g][f.key];
                return (
                  <div
                    key={k}
                    style={{ display: 'flex', flexDirection: 'column', minWidth: 150, maxWidth: 320 }}
                  >
                    <Typography.Text>{f.label}</Typography.Text>
                    <InputNumber
                      aria-label={`${riskPolicyGroupLabels[g]}·${f.label}`}
                      // Bounds like 1e-15 would reach aria-valuemin in exponent form, which screen
                      // readers cannot read (axe aria-valid-attr-value): such a field leaves the
                      // bounds to the server, whose 400 names the field and its range in Chinese.
                      min={tinyBounds(f) ? undefined : f.min}
                      max={tinyBounds(f) ? undefined : f.max}
                      step={f.integer ? 1 : undefined}
                      precision={f.integer ? 0 : undefined}
                      value={edits[k] ?? saved}
                      addonAfter={f.unit || undefined}
                      style={{ width: 180 }}
                      onChange={(v) =>
                        setEdits((e) => {
                          const next = { ...e };
                          if (typeof v !== 'number' || v === saved) delete next[k];
                          else next[k] = v;
                          return next;
                        })
                      }
                    />
                  </div>
                );
              })}
          </Flex>
        </Card>
      ))}
    </Space>
  );
}
