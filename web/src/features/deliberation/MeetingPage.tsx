import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  List,
  Popconfirm,
  Space,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { Link, useParams } from 'react-router';
import type { MeetingDetail } from '../../../../core/contracts/deliberation';
import {
  decisionMethodLabels,
  outcomeLabels,
  positionLabels,
  seatingLabels,
} from '../../../../core/domain/deliberation/model';
import {
  deliberationKeys,
  fetchMeeting,
  publishMeeting,
  registerSpeaker,
  type SpeakerBody,
} from '../../api/deliberation';
import { PageSpin } from '../../components/PageSpin';
import { useReportError } from '../../components/useReportError';
import { DecisionForm } from './DecisionForm';
import { HoldForm } from './HoldForm';

type Item = MeetingDetail['items'][number];

function Decision({ item }: { item: Item }) {
  if (!item.outcome || !item.method) return null;
  const tally =
    item.votesFor === null
      ? ''
      : `赞成 ${item.votesFor}，反对 ${item.votesAgainst}，弃权 ${item.votesAbstain}`;
  return (
    <Space direction="vertical" size={4} style={{ width: '100%' }} data-testid={`decision-${item.id}`}>
      <Space wrap size={4}>
        <Tag color={item.outcome === 'adopted' ? 'green' : item.outcome === 'rejected' ? 'red' : 'default'}>
          {outcomeLabels[item.outcome]}
        </Tag>
        <span>{decisionMethodLabels[item.method]}</span>
        {item.paperBallots && <Tag>纸质选票</Tag>}
        <span data-testid={`tally-${item.id}`}>{tally}</span>
      </Space>
      <div>理由：{item.reasoning}</div>
      {item.dissent && <div>不同意见：{item.dissent}</div>}
      {item.tasks.map((t) => (
        <Card key={t.id} size="small" data-testid={`task-${t.id}`}>
          <Space wrap size={4}>
            <strong>{t.title}</strong>
            <span>承办：{t.owner.name}</span>
            <span>期限：{t.dueOn}</span>
            <Link to={`/matters/${t.matterId}`}>{t.matterCode}</Link>
            <Tag color={t.done ? 'green' : 'blue'}>{t.done ? '已办结' : t.matterStatus}</Tag>
            {t.overdue && <Tag color="red">已逾期</Tag>}
          </Space>
        </Card>
      ))}
    </Space>
  );
}

function SpeakerForm({ meetingId }: { meetingId: string }) {
  const [form] = Form.useForm<SpeakerBody>();
  const queryClient = useQueryClient();
  const report = useReportError();
  const mutation = useMutation({
    mutationFn: (v: SpeakerBody) => registerSpeaker(meetingId, v),
    onSuccess: (m) => {
      queryClient.setQueryData(deliberationKeys.meeting(m.id), m);
      form.resetFields();
    },
    onError: (e) => report(e, '登记失败'),
  });
  return (
    <Form<SpeakerBody> form={form} layout="inline" onFinish={(v) => mutation.mutate(v)} style={{ rowGap: 8 }}>
      <Form.Item name="name" rules={[{ required: true, message: '请填写姓名' }]}>
        <Input placeholder="姓名" data-testid="speaker-name" maxLength={40} />
      </Form.Item>
      <Form.Item name="phone" rules={[{ pattern: /^1[3-9]\d{9}$/, message: '请输入 11 位手机号码' }]}>
        <Input placeholder="手机（可不填）" inputMode="tel" />
      </Form.Item>
      <Form.Item name="subject" rules={[{ required: true, message: '请填写想发言的内容' }]}>
        <Input placeholder="发言内容" data-testid="speaker-subject" maxLength={200} />
      </Form.Item>
      <Button htmlType="submit" loading={mutation.isPending} data-testid="speaker-submit">
        登记发言
      </Button>
    </Form>
  );
}

/** One meeting: agenda with its matters, speakers, attendance and minutes, decisions, publication. */
export function MeetingPage() {
  const { id = '' } = useParams();
  const queryClient = useQueryClient();
  const report = useReportError();
  const q = useQuery({
    queryKey: deliberationKeys.meeting(id),
    queryFn: ({ signal }) => fetchMeeting(id, signal),
  });
  const publish = useMutation({
    mutationFn: () => publishMeeting(id),
    onSuccess: (m) => queryClient.setQueryData(deliberationKeys.meeting(m.id), m),
    onError: (e) => report(e, '公开失败'),
  });
  if (q.isLoading) return <PageSpin />;
  if (q.isError || !q.data)
    return <Alert type="error" showIcon message={(q.error as Error)?.message ?? '加载失败'} />;
  const m = q.data;
  const manage = m.mayManage;
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <Card
        title={
          <Space wrap>
            <span data-testid="meeting-topic">{m.topic}</span>
            <Tag
              color={m.status === 'published' ? 'green' : m.status === 'held' ? 'orange' : 'blue'}
              data-testid="meeting-status"
            >
              {m.statusLabel}
            </Tag>
          </Space>
        }
      >
        <Descriptions column={{ xs: 1, sm: 2 }} size="small">
          <Descriptions.Item label="议事组织">{`${m.body.name}（${m.body.kindLabel}）`}</Descriptions.Item>
          <Descriptions.Item label="所属">{m.org.name}</Descriptions.Item>
          <Descriptions.Item label="时间">{dayjs(m.startsAt).format('YYYY-MM-DD HH:mm')}</Descriptions.Item>
          <Descriptions.Item label="地点">{m.place}</Descriptions.Item>
          {m.heldAt && (
            <Descriptions.Item label="出席">
              <span data-testid="meeting-attendance">
                成员 {m.presentMemberIds.length}/{m.members.length} 人，现场群众 {m.countedInRoom} 人
              </span>
            </Descriptions.Item>
          )}
        </Descriptions>
        {m.minutes && (
          <div style={{ marginTop: 8 }}>
            <Typography.Text strong>会议记录</Typography.Text>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }} data-testid="meeting-minutes">
              {m.minutes}
            </Typography.Paragraph>
          </div>
        )}
        {m.status === 'published' && (
          <Alert
            type="success"
            showIcon
            message={
              <span>
                决定已于 {dayjs(m.publishedAt).format('YYYY-MM-DD HH:mm')} 村务公开。
                <a href={`/public/decisions?orgId=${m.org.id}`} data-testid="public-link">
                  查看公开页面
                </a>
              </span>
            }
          />
        )}
        {manage && m.status === 'held' && (
          <Popconfirm
            title="公开后决定不能再修改，确认公开？"
            okText="公开"
            cancelText="取消"
            onConfirm={() => publish.mutate()}
          >
            <Button type="primary" loading={publish.isPending} data-testid="publish" style={{ marginTop: 8 }}>
              村务公开
            </Button>
          </Popconfirm>
        )}
      </Card>

      <Card size="small" title="议程">
        <List
          dataSource={m.items}
          renderItem={(it) => (
            <List.Item data-testid={`item-${it.seq}`}>
              <Space direction="vertical" style={{ width: '100%' }}>
                <strong>
                  {it.seq}. {it.title}
                </strong>
                {it.background && (
                  <Typography.Text type="secondary">研判依据：{it.background}</Typography.Text>
                )}
                <Space wrap size={4}>
                  {it.matters.map((x) => (
                    <Link key={x.id} to={`/matters/${x.id}`}>
                      <Tag>{`${x.title}（${x.code}）· ${x.status}`}</Tag>
                    </Link>
                  ))}
                </Space>
                <Decision item={it} />
                {manage && m.status === 'held' && !it.outcome && <DecisionForm meeting={m} itemId={it.id} />}
              </Space>
            </List.Item>
          )}
        />
      </Card>

      {manage && m.status === 'planned' && <HoldForm meeting={m} />}

      <Card size="small" title="群众发言登记">
        <List
          size="small"
          dataSource={m.speakers}
          locale={{ emptyText: '暂无登记' }}
          renderItem={(s) => (
            <List.Item>
              {s.name}
              {s.phone ? `（${s.phone}）` : ''}：{s.subject}
            </List.Item>
          )}
        />
        {manage && m.status === 'planned' && <SpeakerForm meetingId={m.id} />}
      </Card>

      <Card size="small" title="成员与会议通知">
        <List
          size="small"
          dataSource={m.members}
          renderItem={(x) => (
            <List.Item>
              {x.name} · {positionLabels[x.position]} · {seatingLabels[x.seatedBy]} · {x.termStart} 至{' '}
              {x.termEnd}
              {x.phone ? ` · ${x.phone}` : ''}
            </List.Item>
          )}
        />
        <List
          size="small"
          header="通知发送"
          dataSource={m.invitations}
          locale={{ emptyText: '未发送通知' }}
          renderItem={(n) => (
            <List.Item>
              {n.channel} · {n.recipient} · {n.status}
              {n.attempts > 1 ? `（尝试 ${n.attempts} 次）` : ''}
            </List.Item>
          )}
        />
      </Card>
    </Space>
  );
}
