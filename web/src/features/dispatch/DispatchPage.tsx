/**
 * 工作调度会: the center's meetings, newest first, and calling a new one — the participants from the
 * center's own stations and from outside its tree, and the agenda the server draws from what is open
 * (疑难复杂事项, 超期事项, 风险预警, the last meeting's joint tasks with their state).
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  DatePicker,
  Empty,
  Form,
  Input,
  List,
  Modal,
  Radio,
  Select,
  Space,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { type MeetingKind, meetingKindLabels, meetingKinds } from '../../../../core/domain/dispatch/model';
import {
  createMeeting,
  dispatchKeys,
  fetchAgendaDraft,
  fetchMeetings,
  fetchParticipantOptions,
} from '../../api/dispatch';
import { PageSpin } from '../../components/PageSpin';
import { AgendaList } from './AgendaList';

export function DispatchPage() {
  const [page] = useState(1);
  const [calling, setCalling] = useState(false);
  const list = useQuery({
    queryKey: dispatchKeys.meetings(page),
    queryFn: ({ signal }) => fetchMeetings(page, signal),
  });
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          工作调度会
        </Typography.Title>
        <Button type="primary" onClick={() => setCalling(true)}>
          召开调度会
        </Button>
      </Space>
      {list.isPending && <PageSpin />}
      {list.isError && (
        <Alert type="error" showIcon title="调度会加载失败" description={list.error.message} />
      )}
      {list.data &&
        (list.data.items.length === 0 ? (
          <Empty description="还没有召开过调度会" />
        ) : (
          <List
            dataSource={list.data.items}
            renderItem={(m) => (
              <List.Item key={m.id}>
                <List.Item.Meta
                  title={<Link to={`/dispatch/${m.id}`}>{m.topic}</Link>}
                  description={`${m.kindLabel} · ${new Date(m.startsAt).toLocaleString('zh-CN')} · ${m.place} · ${m.convener.name}`}
                />
                <Tag>
                  联合任务 {m.taskCount} 项{m.openTaskCount ? `，未办结 ${m.openTaskCount}` : ''}
                </Tag>
              </List.Item>
            )}
          />
        ))}
      {calling && <CallMeetingDialog onClose={() => setCalling(false)} />}
    </Space>
  );
}

interface CallForm {
  kind: MeetingKind;
  topic: string;
  startsAt: dayjs.Dayjs;
  place: string;
  participantOrgIds: string[];
  external: string;
}

function CallMeetingDialog({ onClose }: { onClose: () => void }) {
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [form] = Form.useForm<CallForm>();
  const options = useQuery({
    queryKey: dispatchKeys.options,
    queryFn: ({ signal }) => fetchParticipantOptions(signal),
  });
  const draft = useQuery({ queryKey: dispatchKeys.draft, queryFn: ({ signal }) => fetchAgendaDraft(signal) });
  const mutation = useMutation({
    mutationFn: (v: CallForm) =>
      createMeeting({
        kind: v.kind,
        topic: v.topic,
        startsAt: v.startsAt.toISOString(),
        place: v.place,
        participantOrgIds: v.participantOrgIds,
        externalParticipants: (v.external ?? '')
          .split(/[，,、\n]/)
          .map((s) => s.trim())
          .filter(Boolean),
      }),
    onSuccess: (m) => {
      void qc.invalidateQueries({ queryKey: dispatchKeys.all });
      navigate(`/dispatch/${m.id}`);
    },
  });
  const inside = options.data?.items.filter((o) => o.inside) ?? [];
  const outside = options.data?.items.filter((o) => !o.inside) ?? [];
  return (
    <Modal
      open
      width={760}
      title="召开工作调度会"
      okText="召开并生成议程"
      cancelText="取消"
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={mutation.isPending}
    >
      <Form<CallForm>
        form={form}
        layout="vertical"
        initialValues={{ kind: 'regular', startsAt: dayjs(), place: '综治中心会议室', participantOrgIds: [] }}
        onFinish={(v) => mutation.mutate(v)}
      >
        <Form.Item name="kind" label="会议类型">
          <Radio.Group options={meetingKinds.map((k) => ({ value: k, label: meetingKindLabels[k] }))} />
        </Form.Item>
        <Form.Item name="topic" label="会议议题" rules={[{ required: true, message: '请填写会议议题' }]}>
          <Input maxLength={80} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="startsAt" label="会议时间" rules={[{ required: true }]}>
            <DatePicker showTime format="YYYY-MM-DD HH:mm" />
          </Form.Item>
          <Form.Item name="place" label="会议地点" rules={[{ required: true, message: '请填写会议地点' }]}>
            <Input maxLength={100} />
          </Form.Item>
        </Space>
        <Form.Item
          name="participantOrgIds"
          label="参会单位（本中心站所、区直部门、人民法庭）"
          rules={[{ required: true, message: '请至少选择一个参会单位' }]}
        >
          <Select
            mode="multiple"
            data-testid="participants"
            optionFilterProp="label"
            loading={options.isPending}
            options={[
              {
                label: '本镇（街道）站所',
                options: inside.map((o) => ({ value: o.org.id, label: o.org.name })),
              },
              {
                label: '外部基层政法单位',
                options: outside.map((o) => ({ value: o.org.id, label: o.org.name })),
              },
            ]}
          />
        </Form.Item>
        <Form.Item name="external" label="系统外参会单位（可选，用逗号分隔）">
          <Input placeholder="如：武警中队、供电所" />
        </Form.Item>
      </Form>
      <Typography.Title level={5}>自动生成的议程</Typography.Title>
      {draft.isPending ? <PageSpin /> : <AgendaList items={draft.data?.items ?? []} />}
      {mutation.isError && <Alert type="error" showIcon title={mutation.error.message} />}
    </Modal>
  );
}
