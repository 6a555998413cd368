/**
 * 本县（区）自定休息日: rest days of the county's own (some autonomous areas have local festivals),
 * off by default. Like the other local time-limit settings, a change applies to clocks that start
 * afterwards.
 */
import { DeleteOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Input, List, Space, Switch, Typography } from 'antd';
import { useState } from 'react';
import { calendarKeys, type HolidayOverview, saveCountyRestDays } from '../../api/calendar';

export function CountyRestDaysCard({ overview }: { overview: HolidayOverview }) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const saved = overview.countyRestDays;
  const [enabled, setEnabled] = useState(saved.enabled);
  const [days, setDays] = useState(saved.days);
  const [date, setDate] = useState('');
  const [name, setName] = useState('');
  const save = useMutation({
    mutationFn: () => saveCountyRestDays({ enabled, days, baseVersion: saved.version }),
    onSuccess: (res) => {
      qc.setQueryData(calendarKeys.overview, res);
      message.success('已保存；此后开始计时的期限按新的休息日计算。');
    },
    onError: (e) => message.error(e.message),
  });
  const validDate = /^\d{4}-\d{2}-\d{2}$/.test(date);
  return (
    <Card
      title="本县（区）自定休息日"
      extra={
        <Button type="primary" loading={save.isPending} onClick={() => save.mutate()}>
          保存
        </Button>
      }
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          有地方性节日的县（区）可在此增加休息日（默认不启用）。只影响此后开始计时的期限。
        </Typography.Paragraph>
        <Space>
          <Switch checked={enabled} onChange={setEnabled} aria-label="启用本县（区）自定休息日" />
          <span>{enabled ? '已启用' : '未启用'}</span>
        </Space>
        <Space wrap>
          <Input
            style={{ width: 150 }}
            placeholder="2027-06-21"
            value={date}
            onChange={(e) => setDate(e.target.value.trim())}
            aria-label="日期（年-月-日）"
          />
          <Input
            style={{ width: 180 }}
            placeholder="节日名称"
            value={name}
            onChange={(e) => setName(e.target.value)}
            aria-label="节日名称"
          />
          <Button
            disabled={!validDate || !name.trim()}
            onClick={() => {
              setDays(
                [...days.filter((d) => d.date !== date), { date, name: name.trim() }].sort((a, b) =>
                  a.date.localeCompare(b.date),
                ),
              );
              setDate('');
              setName('');
            }}
          >
            添加
          </Button>
        </Space>
        <List
          size="small"
          locale={{ emptyText: '没有自定休息日' }}
          dataSource={days}
          renderItem={(d) => (
            <List.Item
              actions={[
                <Button
                  key="del"
                  size="small"
                  icon={<DeleteOutlined aria-hidden />}
                  aria-label={`删除 ${d.date}`}
                  onClick={() => setDays(days.filter((x) => x.date !== d.date))}
                />,
              ]}
            >
              {d.date} {d.name}
            </List.Item>
          )}
        />
      </Space>
    </Card>
  );
}
