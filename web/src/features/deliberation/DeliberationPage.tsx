import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, List, Space, Tabs, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { Link } from 'react-router';
import { deliberationKeys, listBodies, listMeetings } from '../../api/deliberation';
import { useMe } from '../../app/auth';

const statusColor: Record<string, string> = { planned: 'blue', held: 'orange', published: 'green' };

/** 社会参与: the meetings and the bodies (议事会、理事会、评判团、服务团、协商会) of the jurisdiction. */
export function DeliberationPage() {
  const me = useMe();
  const manage = me.permissions.includes('deliberation.manage');
  const meetings = useQuery({
    queryKey: deliberationKeys.meetings,
    queryFn: ({ signal }) => listMeetings(signal),
  });
  const bodies = useQuery({ queryKey: deliberationKeys.bodies, queryFn: ({ signal }) => listBodies(signal) });
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          议事协商
        </Typography.Title>
        {manage && (
          <Space wrap>
            <Link to="/deliberation/meetings/new">
              <Button type="primary" icon={<PlusOutlined aria-hidden />} data-testid="new-meeting">
                安排会议
              </Button>
            </Link>
            <Link to="/deliberation/bodies/new">
              <Button icon={<PlusOutlined aria-hidden />} data-testid="new-body">
                设立议事组织
              </Button>
            </Link>
          </Space>
        )}
      </Space>
      <Tabs
        items={[
          {
            key: 'meetings',
            label: '会议',
            children: (
              <Card size="small">
                {meetings.isError && (
                  <Alert type="error" showIcon message={(meetings.error as Error).message} />
                )}
                <List
                  loading={meetings.isLoading}
                  dataSource={meetings.data ?? []}
                  locale={{ emptyText: '暂无会议' }}
                  renderItem={(m) => (
                    <List.Item>
                      <List.Item.Meta
                        title={
                          <Link to={`/deliberation/meetings/${m.id}`} data-testid={`meeting-link-${m.id}`}>
                            {m.topic}
                          </Link>
                        }
                        description={
                          <Space wrap size={4}>
                            <Tag color={statusColor[m.status]}>{m.statusLabel}</Tag>
                            <span>{m.body.name}</span>
                            <span>{dayjs(m.startsAt).format('YYYY-MM-DD HH:mm')}</span>
                            <span>{m.place}</span>
                          </Space>
                        }
                      />
                    </List.Item>
                  )}
                />
              </Card>
            ),
          },
          {
            key: 'bodies',
            label: '议事组织',
            children: (
              <Card size="small">
                {bodies.isError && <Alert type="error" showIcon message={(bodies.error as Error).message} />}
                <List
                  loading={bodies.isLoading}
                  dataSource={bodies.data ?? []}
                  locale={{ emptyText: '暂无议事组织' }}
                  renderItem={(b) => (
                    <List.Item>
                      <List.Item.Meta
                        title={
                          <Space wrap size={4}>
                            <Tag>{b.kindLabel}</Tag>
                            <Link to={`/deliberation/bodies/${b.id}`} data-testid={`body-${b.id}`}>
                              {b.name}
                            </Link>
                          </Space>
                        }
                        description={`${b.org.name} · 成员 ${b.memberCount} 人 · 任期 ${b.termStart} 至 ${b.termEnd}`}
                      />
                    </List.Item>
                  )}
                />
              </Card>
            ),
          },
        ]}
      />
    </Space>
  );
}
