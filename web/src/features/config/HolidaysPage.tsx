/**
 * 节假日安排 for the business administrator (docs/LEGAL.md §8). Which years are on file and how far
 * they reach; loading next year when the State Council publishes it (paste the notice as published,
 * or import a JSON/ICS file) → the product reads it → the year as a calendar with what it could not
 * read → correct by clicking days → save. Saving recomputes every deadline that was counted
 * provisionally (暂定) through that year, and tells their handlers when a date moved.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Input,
  InputNumber,
  List,
  Radio,
  Space,
  Table,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { useState } from 'react';
import {
  calendarKeys,
  fetchHolidayOverview,
  fetchHolidayYear,
  type HolidayArrangementBody,
  type HolidayPreview,
  previewHolidays,
  saveHolidayYear,
} from '../../api/calendar';
import { PageSpin } from '../../components/PageSpin';
import { CountyRestDaysCard } from './CountyRestDaysCard';
import { HolidayYearCalendar } from './HolidayYearCalendar';

type Draft = {
  arrangement: HolidayArrangementBody;
  baseVersion: number;
  problems: HolidayPreview['problems'];
};
type Format = 'notice' | 'json' | 'ics';

const statusLabels = { official: '正式', provisional: '暂定' } as const;

function toggled(
  a: HolidayArrangementBody,
  date: string,
  next: 'rest' | 'work' | 'plain',
): HolidayArrangementBody {
  const restDays = a.restDays.filter((d) => d.date !== date);
  const workdays = a.workdays.filter((d) => d.date !== date);
  if (next === 'rest') restDays.push({ date, name: '放假（管理员标注）' });
  if (next === 'work') workdays.push({ date, name: '调休上班（管理员标注）' });
  const byDate = (x: { date: string }, y: { date: string }) => x.date.localeCompare(y.date);
  return { ...a, restDays: restDays.sort(byDate), workdays: workdays.sort(byDate) };
}

export function HolidaysPage() {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const q = useQuery({
    queryKey: calendarKeys.overview,
    queryFn: ({ signal }) => fetchHolidayOverview(signal),
  });
  const [format, setFormat] = useState<Format>('notice');
  const [content, setContent] = useState('');
  const [year, setYear] = useState<number | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);

  const read = useMutation({
    mutationFn: () => previewHolidays({ format, content, ...(year ? { year } : {}) }),
    onSuccess: (p) =>
      setDraft({ arrangement: p.arrangement, baseVersion: p.currentVersion, problems: p.problems }),
    onError: (e) => message.error(e.message),
  });
  const open = useMutation({
    mutationFn: (y: number) => fetchHolidayYear(y),
    onSuccess: (d) => setDraft({ arrangement: d.arrangement, baseVersion: d.version, problems: [] }),
    onError: (e) => message.error(e.message),
  });
  const save = useMutation({
    mutationFn: (d: Draft) => saveHolidayYear(d.arrangement, d.baseVersion),
    onSuccess: (res) => {
      const r = res.recomputed;
      message.success(
        `${res.year} 年节假日安排已保存为第 ${res.version} 版。重算暂定期限 ${r.examined} 个：${r.changed} 个已更新，其中 ${r.moved} 个日期变动（已通知承办人）${r.kept ? `，${r.kept} 个保留已告知群众的日期` : ''}。`,
        8,
      );
      setDraft(null);
      setContent('');
      void qc.invalidateQueries({ queryKey: calendarKeys.overview });
      void qc.invalidateQueries({ queryKey: calendarKeys.coverage });
    },
    onError: (e) => message.error(e.message),
  });

  if (q.isPending) return <PageSpin />;
  if (q.isError) return <Alert type="error" showIcon title={q.error.message} />;
  const o = q.data;

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card title="节假日安排" data-testid="holidays-overview">
        <Typography.Paragraph type="secondary">
          法定期限按工作日计算时，要扣除国务院办公厅每年公布的放假日、计入调休上班日。某一年尚未载入时，跨入该年的期限暂按周末推算，标为“暂定”；载入后自动重算，日期变动的会通知承办人。
        </Typography.Paragraph>
        <Space wrap style={{ marginBottom: 12 }}>
          <Tag color="green">正式安排覆盖至 {o.coverage.coveredTo ?? '—'} 年</Tag>
          <Tag color="orange">{o.coverage.provisionalFrom} 年起为暂定</Tag>
          <Typography.Text data-testid="provisional-count">
            本县（区）当前暂定期限：{o.provisionalDeadlines} 个
          </Typography.Text>
        </Space>
        <Table
          size="small"
          rowKey="year"
          pagination={{ pageSize: 5, showSizeChanger: false }}
          scroll={{ x: 640 }}
          dataSource={o.years}
          columns={[
            { title: '年度', dataIndex: 'year', width: 70 },
            {
              title: '状态',
              width: 80,
              render: (_v, y) => (
                <Tag color={y.status === 'official' ? 'green' : 'orange'}>{statusLabels[y.status]}</Tag>
              ),
            },
            { title: '放假/调休上班', width: 120, render: (_v, y) => `${y.restDays} 天 / ${y.workdays} 天` },
            { title: '来源', render: (_v, y) => y.source?.title ?? '—' },
            { title: '版本', width: 70, render: (_v, y) => `第 ${y.version} 版` },
            {
              title: '',
              width: 80,
              render: (_v, y) => (
                <Button
                  size="small"
                  onClick={() => open.mutate(y.year)}
                  aria-label={`查看或修改 ${y.year} 年`}
                >
                  查看
                </Button>
              ),
            },
          ]}
        />
      </Card>

      <Card title="载入新年度">
        <Space direction="vertical" style={{ width: '100%' }}>
          <Radio.Group
            value={format}
            onChange={(e) => setFormat(e.target.value as Format)}
            optionType="button"
            options={[
              { value: 'notice', label: '粘贴通知原文' },
              { value: 'json', label: '导入 JSON 文件' },
              { value: 'ics', label: '导入 ICS 日历' },
            ]}
          />
          <Space wrap>
            <span>年度（原文标题中有年度时可不填）</span>
            <InputNumber
              min={2000}
              max={2100}
              value={year}
              onChange={(v) => setYear(typeof v === 'number' ? v : null)}
              aria-label="年度"
            />
          </Space>
          {format === 'notice' ? (
            <Input.TextArea
              rows={8}
              value={content}
              onChange={(e) => setContent(e.target.value)}
              placeholder="把《国务院办公厅关于 N 年部分节假日安排的通知》全文粘贴在这里，例如：一、元旦：1月1日（周五）至3日（周日）放假，共3天。二、春节：……"
              aria-label="通知原文"
              data-testid="notice-text"
            />
          ) : (
            <Upload
              accept={format === 'json' ? '.json,application/json' : '.ics,text/calendar'}
              maxCount={1}
              beforeUpload={(file) => {
                void file.text().then(setContent);
                return false;
              }}
            >
              <Button>选择文件</Button>
            </Upload>
          )}
          <Button
            type="primary"
            disabled={!content.trim()}
            loading={read.isPending}
            onClick={() => read.mutate()}
          >
            识别
          </Button>
        </Space>
      </Card>

      {draft ? (
        <Card
          title={`${draft.arrangement.year} 年节假日安排（核对后保存）`}
          data-testid="holiday-draft"
          extra={
            <Space wrap>
              <Button onClick={() => setDraft(null)}>放弃</Button>
              <Button
                type="primary"
                loading={save.isPending}
                onClick={() => save.mutate(draft)}
                data-testid="save-holidays"
              >
                保存{draft.baseVersion ? `为第 ${draft.baseVersion + 1} 版` : ''}
              </Button>
            </Space>
          }
        >
          <Space direction="vertical" style={{ width: '100%' }}>
            {draft.problems.length ? (
              <Alert
                type={draft.problems.some((p) => p.level === 'error') ? 'error' : 'warning'}
                showIcon
                title="以下内容没有读出或需要核对："
                description={
                  <List
                    size="small"
                    dataSource={draft.problems}
                    renderItem={(p) => (
                      <List.Item>
                        {p.message}
                        {p.line ? (
                          <Typography.Text type="secondary">（{p.line.slice(0, 60)}）</Typography.Text>
                        ) : null}
                      </List.Item>
                    )}
                  />
                }
              />
            ) : (
              <Alert type="success" showIcon title="全部读出，请与公布的通知核对每一天后保存。" />
            )}
            <Space wrap>
              <span>状态</span>
              <Radio.Group
                value={draft.arrangement.status}
                onChange={(e) =>
                  setDraft({ ...draft, arrangement: { ...draft.arrangement, status: e.target.value } })
                }
                options={[
                  { value: 'official', label: '正式（已公布的通知）' },
                  { value: 'provisional', label: '暂定（预排，期限仍标暂定）' },
                ]}
              />
            </Space>
            <Space wrap style={{ width: '100%' }}>
              <Input
                style={{ width: 420, maxWidth: '100%' }}
                addonBefore="通知标题"
                value={draft.arrangement.source?.title ?? ''}
                onChange={(e) =>
                  setDraft({
                    ...draft,
                    arrangement: {
                      ...draft.arrangement,
                      source: {
                        number: null,
                        publishedOn: null,
                        via: null,
                        ...draft.arrangement.source,
                        title: e.target.value,
                      },
                    },
                  })
                }
              />
              <Input
                style={{ width: 260, maxWidth: '100%' }}
                addonBefore="文号"
                value={draft.arrangement.source?.number ?? ''}
                onChange={(e) =>
                  setDraft({
                    ...draft,
                    arrangement: {
                      ...draft.arrangement,
                      source: {
                        title: `国务院办公厅关于${draft.arrangement.year}年部分节假日安排的通知`,
                        publishedOn: null,
                        via: null,
                        ...draft.arrangement.source,
                        number: e.target.value || null,
                      },
                    },
                  })
                }
              />
            </Space>
            <Typography.Text>
              放假 {draft.arrangement.restDays.length} 天，调休上班 {draft.arrangement.workdays.length} 天
            </Typography.Text>
            <HolidayYearCalendar
              year={draft.arrangement.year}
              restDays={draft.arrangement.restDays}
              workdays={draft.arrangement.workdays}
              flagged={draft.problems.flatMap((p) => (p.date ? [p.date] : []))}
              onToggle={(date, next) =>
                setDraft({ ...draft, arrangement: toggled(draft.arrangement, date, next) })
              }
            />
          </Space>
        </Card>
      ) : null}

      <CountyRestDaysCard overview={o} />
    </Space>
  );
}
