/**
 * One 调度会: who sat at the table (inside the center's tree or from outside), the agenda as drawn,
 * and its decisions — each a joint task with its mechanism, lead, co-units, due day and live state.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Form,
  Input,
  Select,
  Space,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useParams } from 'react-router';
import { type Mechanism, mechanismLabels, mechanisms } from '../../../../core/domain/dispatch/model';
import { addJointTask, type DispatchMeetingView, dispatchKeys, fetchMeeting } from '../../api/dispatch';
import { PageSpin } from '../../components/PageSpin';
import { AgendaList } from './AgendaList';
import { TaskCard } from './TaskCard';

export function DispatchMeetingPage() {
  const { id = '' } = useParams();
  const m = useQuery({
    queryKey: dispatchKeys.meeting(id),
    queryFn: ({ signal }) => fetchMeeting(id, signal),
  });
  if (m.isPending) return <PageSpin />;
  if (m.isError) return <Alert type="error" showIcon title="调度会加载失败" description={m.error.message} />;
  const v = m.data;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {v.topic}
      </Typography.Title>
      <Descriptions size="small" column={{ xs: 1, md: 2 }}>
        <Descriptions.Item label="类型">{v.kindLabel}</Descriptions.Item>
        <Descriptions.Item label="召集">{v.convener.name}</Descriptions.Item>
        <Descriptions.Item label="时间">{new Date(v.startsAt).toLocaleString('zh-CN')}</Descriptions.Item>
        <Descriptions.Item label="地点">{v.place}</Descriptions.Item>
      </Descriptions>
      <Card size="small" title="参会单位">
        <Space wrap>
          {v.participants.map((p) => (
            <Tag key={p.org?.id ?? p.name} color={p.inside ? 'blue' : 'purple'}>
              {p.name}
              {p.inside ? '' : '（外部）'}
            </Tag>
          ))}
        </Space>
      </Card>
      <Card size="small" title="议程">
        <AgendaList items={v.agenda} />
      </Card>
      <Card size="small" title={`决定事项（联合任务 ${v.tasks.length} 项）`}>
        <Space direction="vertical" style={{ width: '100%' }}>
          {v.tasks.map((t) => (
            <TaskCard key={t.id} task={t} />
          ))}
          {v.mayDecide && <DecisionForm meeting={v} />}
        </Space>
      </Card>
    </Space>
  );
}

interface DecisionValues {
  title: string;
  mechanism: Mechanism;
  leadOrgId: string;
  coOrgIds: string[];
  dueDate: dayjs.Dayjs;
  agendaSeq?: number;
}

function DecisionForm({ meeting }: { meeting: DispatchMeetingView }) {
  const qc = useQueryClient();
  const [form] = Form.useForm<DecisionValues>();
  const units = meeting.participants.flatMap((p) => (p.org ? [{ value: p.org.id, label: p.org.name }] : []));
  const mutation = useMutation({
    mutationFn: (v: DecisionValues) =>
      addJointTask(meeting.id, {
        title: v.title,
        mechanism: v.mechanism,
        leadOrgId: v.leadOrgId,
        coOrgIds: v.coOrgIds ?? [],
        dueDate: v.dueDate.format('YYYY-MM-DD'),
        agendaSeq: v.agendaSeq ?? null,
      }),
    onSuccess: (m) => {
      qc.setQueryData(dispatchKeys.meeting(meeting.id), m);
      void qc.invalidateQueries({ queryKey: dispatchKeys.all });
      form.resetFields();
    },
  });
  return (
    <Card size="small" type="inner" title="记录决定：交办联合任务">
      <Form<DecisionValues>
        form={form}
        layout="vertical"
        data-testid="decision-form"
        initialValues={{ coOrgIds: [], dueDate: dayjs().add(7, 'day') }}
        onFinish={(v) => mutation.mutate(v)}
      >
        <Form.Item
          name="title"
          label="任务内容"
          rules={[{ required: true, min: 4, message: '请写明任务内容（至少 4 个字）' }]}
        >
          <Input.TextArea rows={2} maxLength={200} />
        </Form.Item>
        <Space wrap align="start">
          <Form.Item
            name="mechanism"
            label="工作机制"
            rules={[{ required: true, message: '请选择工作机制' }]}
          >
            <Select
              style={{ minWidth: 160 }}
              data-testid="mechanism"
              options={mechanisms.map((k) => ({ value: k, label: mechanismLabels[k] }))}
            />
          </Form.Item>
          <Form.Item
            name="leadOrgId"
            label="牵头单位"
            rules={[{ required: true, message: '请选择牵头单位' }]}
          >
            <Select style={{ minWidth: 200 }} data-testid="lead" options={units} />
          </Form.Item>
          <Form.Item name="coOrgIds" label="配合单位">
            <Select mode="multiple" style={{ minWidth: 220 }} data-testid="co" options={units} />
          </Form.Item>
          <Form.Item name="dueDate" label="完成时限" rules={[{ required: true, message: '请选择日期' }]}>
            <DatePicker data-testid="due" />
          </Form.Item>
          <Form.Item name="agendaSeq" label="对应议程（可选）">
            <Select
              allowClear
              style={{ minWidth: 120 }}
              options={meeting.agenda.map((a) => ({ value: a.seq, label: `第 ${a.seq} 项` }))}
            />
          </Form.Item>
        </Space>
        {mutation.isError && (
          <Alert type="error" showIcon title={mutation.error.message} style={{ marginBottom: 8 }} />
        )}
        <Button type="primary" htmlType="submit" loading={mutation.isPending}>
          交办
        </Button>
      </Form>
    </Card>
  );
}
