import { QuestionCircleOutlined } from '@ant-design/icons';
import { Card, Empty, List, Space, Tooltip, Typography } from 'antd';
import type { MatterDetail } from '../../../../core/contracts/matters';
import { time } from './matter-format';
import { deadlineStateLabels, ProvisionalTag, Remaining } from './tags';

export function MatterDeadlinesCard({ m }: { m: MatterDetail }) {
  return (
    <Card size="small" title="办理期限" style={{ marginBottom: 16 }}>
      {m.deadlines.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有计时中的期限" />
      ) : (
        <List
          size="small"
          dataSource={m.deadlines}
          data-testid="matter-deadlines"
          renderItem={(d) => (
            <List.Item key={d.id}>
              <div style={{ width: '100%' }}>
                <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
                  <Typography.Text strong>{d.label}</Typography.Text>
                  <Remaining state={d.state} remaining={d.remaining} explanation={d.explanation} />
                </Space>
                <div style={{ fontSize: 12, color: '#5b6b7f' }}>
                  {d.org.name} · {deadlineStateLabels[d.state]}
                  {d.dueAt && ` · 期限至 ${time(d.dueAt)}`} <ProvisionalTag note={d.provisionalNote} />
                </div>
                {d.provisionalNote ? (
                  <div style={{ fontSize: 12, color: '#874d00' }}>暂定：{d.provisionalNote}</div>
                ) : null}
                <div style={{ fontSize: 12, color: '#5b6b7f' }}>
                  依据：{d.citation}
                  <Tooltip title={d.explanation}>
                    <QuestionCircleOutlined
                      aria-label={`${d.label}的计算说明`}
                      tabIndex={0}
                      style={{ marginInlineStart: 6, cursor: 'help' }}
                    />
                  </Tooltip>
                </div>
              </div>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
