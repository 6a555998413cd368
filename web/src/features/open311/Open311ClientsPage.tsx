/**
 * 接入密钥: the system administrator issues, lists and revokes the API keys of Open311 clients (apps
 * such as 掌上四坝 that file matters through /open311/v2). A key is shown once, at issue; the server
 * keeps only its hash, so a lost key is revoked and a new one issued.
 */
import { KeyOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useState } from 'react';
import {
  type CreatedOpen311Client,
  createOpen311ClientBody,
  type Open311Client,
} from '../../../../core/contracts/open311';
import {
  createOpen311Client,
  listOpen311Clients,
  open311ClientKeys,
  revokeOpen311Client,
} from '../../api/open311Clients';
import { useReportError } from '../../components/useReportError';
import { zodRule } from '../../components/zodRule';

interface FormValues {
  name: string;
  contact?: string;
  rateLimitPerMinute: number;
}

const shape = createOpen311ClientBody.shape;
const time = (iso: string | null) => (iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '—');

export function Open311ClientsPage() {
  const { message } = App.useApp();
  const report = useReportError();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<FormValues>();
  const [creating, setCreating] = useState(false);
  const [issued, setIssued] = useState<CreatedOpen311Client | null>(null);
  const [showKey, setShowKey] = useState(false);

  const list = useQuery({
    queryKey: open311ClientKeys.all,
    queryFn: ({ signal }) => listOpen311Clients(signal),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: open311ClientKeys.all });

  const create = useMutation({
    mutationFn: (v: FormValues) => createOpen311Client({ ...v, contact: v.contact || undefined }),
    onSuccess: async (out) => {
      setCreating(false);
      form.resetFields();
      setIssued(out);
      setShowKey(true);
      await refresh();
    },
    onError: (e) => report(e, '签发失败'),
  });
  const revoke = useMutation({
    mutationFn: (c: Open311Client) => revokeOpen311Client(c.id),
    onSuccess: async (c) => {
      message.success(`已吊销“${c.name}”的密钥`);
      await refresh();
    },
    onError: (e) => report(e, '吊销失败'),
  });

  const columns: ColumnsType<Open311Client> = [
    {
      title: '客户端',
      dataIndex: 'name',
      render: (name: string, c) => (
        <Space orientation="vertical" size={0}>
          <Typography.Text strong>{name}</Typography.Text>
          <Typography.Text type="secondary" code>
            {c.keyPrefix}…
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: '状态',
      dataIndex: 'active',
      width: 90,
      render: (active: boolean) => (active ? <Tag color="green">有效</Tag> : <Tag color="red">已吊销</Tag>),
    },
    { title: '每分钟上限', dataIndex: 'rateLimitPerMinute', width: 110, responsive: ['md'] },
    { title: '联系方式', dataIndex: 'contact', responsive: ['lg'], render: (v: string | null) => v ?? '—' },
    { title: '签发时间', dataIndex: 'createdAt', width: 150, responsive: ['md'], render: time },
    { title: '最近使用', dataIndex: 'lastUsedAt', width: 150, responsive: ['lg'], render: time },
    {
      title: '操作',
      key: 'actions',
      width: 90,
      render: (_: unknown, c) =>
        c.active ? (
          <Popconfirm
            title={`吊销“${c.name}”的密钥？`}
            description="吊销后该客户端立即无法提交和查询，且不能恢复。"
            okText="吊销"
            cancelText="取消"
            okButtonProps={{ 'data-testid': 'open311-revoke-ok' } as Record<string, string>}
            onConfirm={() => revoke.mutate(c)}
          >
            <Button danger size="small" data-testid={`open311-revoke-${c.keyPrefix}`}>
              吊销
            </Button>
          </Popconfirm>
        ) : (
          <Typography.Text type="secondary">{time(c.revokedAt)}</Typography.Text>
        ),
    },
  ];

  return (
    <Card
      title={
        <Space>
          <KeyOutlined aria-hidden />
          Open311 接入密钥
        </Space>
      }
      extra={
        <Space wrap>
          <Button icon={<ReloadOutlined aria-hidden />} onClick={() => refresh()} aria-label="刷新" />
          <Button
            type="primary"
            icon={<PlusOutlined aria-hidden />}
            onClick={() => setCreating(true)}
            data-testid="open311-issue"
          >
            签发密钥
          </Button>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">
        市民上报类应用（如掌上四坝、随手拍）通过 Open311
        接口（/open311/v2）向本县（区）提交事项、查询办理进度。
        每个应用一把密钥，单独限速；签发、吊销和每次提交都记入审计日志。
      </Typography.Paragraph>
      <Table<Open311Client>
        rowKey="id"
        size="middle"
        loading={list.isLoading}
        dataSource={list.data ?? []}
        columns={columns}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: '尚未签发任何密钥' }}
      />

      <Modal
        title="签发 Open311 接入密钥"
        open={creating}
        okText="签发"
        cancelText="取消"
        confirmLoading={create.isPending}
        okButtonProps={{ 'data-testid': 'open311-issue-ok' } as Record<string, string>}
        onOk={() => form.submit()}
        onCancel={() => setCreating(false)}
        destroyOnHidden
      >
        <Form<FormValues>
          form={form}
          layout="vertical"
          initialValues={{ rateLimitPerMinute: 60 }}
          onFinish={(v) => create.mutate(v)}
        >
          <Form.Item
            name="name"
            label="客户端名称"
            rules={[{ required: true, whitespace: true, message: '请填写客户端名称' }, zodRule(shape.name)]}
          >
            <Input placeholder="如：掌上四坝" maxLength={60} />
          </Form.Item>
          <Form.Item name="contact" label="对接联系人及电话" rules={[zodRule(shape.contact.unwrap())]}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item
            name="rateLimitPerMinute"
            label="每分钟最多调用次数"
            rules={[{ required: true, message: '请填写调用上限' }]}
          >
            <InputNumber min={1} max={600} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Form>
      </Modal>

      <Modal
        title="密钥已签发"
        open={issued !== null && showKey}
        okText="我已妥善保存"
        onOk={() => setShowKey(false)}
        onCancel={() => setShowKey(false)}
        // The key leaves the page once the dialog is closed: nothing keeps it in the DOM or in state.
        destroyOnHidden
        afterClose={() => setIssued(null)}
        cancelButtonProps={{ style: { display: 'none' } }}
      >
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Alert
            type="warning"
            showIcon
            title="密钥只显示这一次"
            description="系统只保存密钥的摘要，关闭后无法再次查看。请复制后通过安全渠道交给对接单位；遗失的密钥请吊销后重新签发。"
          />
          <Typography.Text>客户端：{issued?.client.name}</Typography.Text>
          <div data-testid="open311-key">
            <Typography.Paragraph
              copyable={{ text: issued?.apiKey ?? '' }}
              code
              style={{ wordBreak: 'break-all' }}
            >
              {issued?.apiKey}
            </Typography.Paragraph>
          </div>
        </Space>
      </Modal>
    </Card>
  );
}
