/**
 * 考核: each worker's month or quarter against the county's duty standard, the parts of the score,
 * the town's own points (entered here) and the place in the town; exported as XLSX. The formula is
 * core/domain/workforce/assessment.ts (docs/WORKFORCE.md).
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { assessmentWeights } from '../../../../core/domain/workforce/assessment';
import { previousMonth } from '../../../../core/domain/workforce/period';
import type { ApiError } from '../../api/client';
import {
  type AssessmentRow,
  assessmentXlsxUrl,
  fetchAssessment,
  giveTownPoints,
  type TownPointsBody,
  workforceKeys,
} from '../../api/workforce';
import { useCan } from '../../app/auth';

/** The last twelve months and the last four quarters, newest first. */
function periodOptions(now: Date): { value: string; label: string }[] {
  const out: { value: string; label: string }[] = [];
  let key = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`;
  for (let i = 0; i < 12; i++) {
    out.push({ value: key, label: `${key.slice(0, 4)} 年 ${Number(key.slice(5))} 月` });
    const [y, m] = key.split('-').map(Number) as [number, number];
    key = m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
  }
  const y = now.getFullYear();
  const q = Math.floor(now.getMonth() / 3) + 1;
  for (let i = 0; i < 4; i++) {
    const qq = ((q - 1 - i + 8) % 4) + 1;
    const yy = y - (q - i <= 0 ? 1 : 0);
    out.push({ value: `${yy}-Q${qq}`, label: `${yy} 年第 ${qq} 季度` });
  }
  return out;
}

const ratio = (done: number, due: number) => `${done}/${due}`;

export function AssessmentPage() {
  const can = useCan();
  const [period, setPeriod] = useState(() => previousMonth(new Date()));
  const view = useQuery({
    queryKey: workforceKeys.assessment(period),
    queryFn: ({ signal }) => fetchAssessment(period, signal),
  });
  const [rating, setRating] = useState<AssessmentRow | null>(null);
  const rows = [...(view.data?.rows ?? [])].sort(
    (a, b) => (a.town?.name ?? '').localeCompare(b.town?.name ?? '', 'zh-CN') || a.rank - b.rank,
  );
  const w = assessmentWeights;
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        网格员考核
      </Typography.Title>
      <Space wrap>
        <Select
          aria-label="考核期"
          style={{ width: 180 }}
          value={period}
          onChange={setPeriod}
          options={periodOptions(new Date())}
        />
        <Button href={assessmentXlsxUrl(period)} data-testid="assessment-export">
          导出 XLSX
        </Button>
      </Space>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        得分 = 巡查 {w.patrol} 分 + 走访 {w.visit} 分 + 重点人员跟进 {w.followUp} 分（按完成比例，满额为止）+
        及时上报 {w.timeliness} 分 + 有效上报 {w.validity} 分（按比例）+ 镇街评价 0–{w.town} 分。
        {view.data
          ? ` 现行履职标准：每周巡查 ${view.data.standard.standard.patrolsPerWeek} 次，每月走访 ${view.data.standard.standard.visitsPerMonth} 户次、重点人员跟进 ${view.data.standard.standard.followUpsPerMonth} 次，发现后 ${view.data.standard.standard.reportWithinHours} 小时内上报。`
          : ''}
      </Typography.Paragraph>
      {view.error ? <Alert type="error" showIcon title={(view.error as ApiError).message} /> : null}
      {/* The table scrolls sideways on a phone: the region itself takes the focus, so a keyboard user can
          scroll it too (axe scrollable-region-focusable); antd's own scroll box cannot. */}
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scroll box must take the focus to be scrolled by keyboard (WCAG 2.1.1) */}
      <section aria-label="考核结果" tabIndex={0} style={{ overflowX: 'auto' }}>
        <div style={{ minWidth: 1000 }}>
          <Table<AssessmentRow>
            rowKey="userId"
            loading={view.isLoading}
            dataSource={rows}
            pagination={false}
            data-testid="assessment"
            columns={[
              { title: '乡镇（街道）', render: (_, r) => r.town?.name ?? '—' },
              { title: '名次', render: (_, r) => `${r.rank}/${r.rankOf}` },
              { title: '姓名', dataIndex: 'displayName' },
              { title: '村（社区）', render: (_, r) => r.org.name },
              { title: '巡查', render: (_, r) => ratio(r.performance.patrols, r.performance.patrolsDue) },
              { title: '走访', render: (_, r) => ratio(r.performance.visits, r.performance.visitsDue) },
              { title: '跟进', render: (_, r) => ratio(r.performance.followUps, r.performance.followUpsDue) },
              {
                title: '上报（及时/有效/总）',
                render: (_, r) =>
                  `${r.performance.timelyReports}/${r.performance.validReports}/${r.performance.reports}`,
              },
              {
                title: '镇街评价',
                render: (_, r) => (r.townAssessed ? r.parts.town : <Tag>未评</Tag>),
              },
              { title: '总分', dataIndex: 'total', render: (v: number) => <strong>{v}</strong> },
              ...(can('workforce.manage')
                ? [
                    {
                      title: '操作',
                      render: (_: unknown, r: AssessmentRow) => (
                        <Button size="small" onClick={() => setRating(r)}>
                          镇街评价
                        </Button>
                      ),
                    },
                  ]
                : []),
            ]}
          />
        </div>
      </section>
      {rating ? <TownPointsDialog row={rating} period={period} onClose={() => setRating(null)} /> : null}
    </Space>
  );
}

function TownPointsDialog({
  row,
  period,
  onClose,
}: {
  row: AssessmentRow;
  period: string;
  onClose: () => void;
}) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<Omit<TownPointsBody, 'period'>>();
  const save = useMutation({
    mutationFn: (v: Omit<TownPointsBody, 'period'>) => giveTownPoints(row.userId, { ...v, period }),
    onSuccess: () => {
      void message.success('已保存镇街评价');
      void qc.invalidateQueries({ queryKey: workforceKeys.all });
      onClose();
    },
  });
  return (
    <Modal
      open
      title={`${row.displayName} 镇街评价（${period}）`}
      okText="保存"
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      onCancel={onClose}
      destroyOnHidden
    >
      {save.error ? <Alert type="error" showIcon title={(save.error as ApiError).message} /> : null}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ points: row.townAssessed ? row.parts.town : undefined, note: row.townNote ?? '' }}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item
          name="points"
          label={`评价分（0–${assessmentWeights.town}）`}
          rules={[{ required: true, message: '请填写评价分' }]}
        >
          <InputNumber min={0} max={assessmentWeights.town} step={0.5} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item
          name="note"
          label="评价依据"
          rules={[{ required: true, min: 2, message: '请写明评价依据（至少 2 个字）' }]}
        >
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
