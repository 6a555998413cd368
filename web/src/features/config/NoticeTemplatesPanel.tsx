/**
 * 通知模板: the texts residents and staff receive. Each may use only the placeholders its sender fills,
 * and must keep the required ones; the server refuses anything else on save. The preview fills the
 * text with sample values, as the recipient would read it.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, List, Modal, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { NoticeTemplateCode } from '../../../../core/domain/notices/notice-templates';
import {
  catalogKeys,
  fetchNoticeTemplates,
  type NoticeTemplates,
  previewNoticeTemplate,
  saveNoticeTemplates,
} from '../../api/catalog';
import { PageSpin } from '../../components/PageSpin';
import { VersionHistory } from './VersionHistory';

type Template = NoticeTemplates['templates'][number];

export function NoticeTemplatesPanel() {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const q = useQuery({
    queryKey: catalogKeys.notices,
    queryFn: ({ signal }) => fetchNoticeTemplates(signal),
  });
  const [editing, setEditing] = useState<Template | null>(null);
  const save = useMutation({
    mutationFn: (t: { code: NoticeTemplateCode; title: string; text: string }) =>
      saveNoticeTemplates({ baseVersion: q.data?.version ?? 0, templates: [t] }),
    onSuccess: (res) => {
      qc.setQueryData(catalogKeys.notices, res);
      setEditing(null);
      message.success(`已保存为第 ${res.version} 版，此后发出的通知使用新内容。`);
    },
    onError: (e) => message.error(e.message),
  });

  if (q.isPending) return <PageSpin />;
  if (q.isError) return <Alert type="error" showIcon title={q.error.message} />;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Text type="secondary" data-testid="notices-version">
        {q.data.isDefault ? '系统默认内容（未修改过）' : `第 ${q.data.version} 版`}
      </Typography.Text>
      <List
        dataSource={q.data.templates}
        renderItem={(t) => (
          <List.Item
            actions={[
              <Button
                key="edit"
                size="small"
                onClick={() => setEditing(t)}
                data-testid={`notice-edit-${t.code}`}
              >
                修改
              </Button>,
            ]}
          >
            <List.Item.Meta
              title={
                <Space wrap size={4}>
                  {t.label}
                  <Tag>{t.audience}</Tag>
                  {t.customised ? <Tag color="blue">本县已修改</Tag> : null}
                </Space>
              }
              description={<span style={{ wordBreak: 'break-all' }}>{t.text}</span>}
            />
          </List.Item>
        )}
      />
      <Typography.Title level={5}>版本记录</Typography.Title>
      <VersionHistory history={q.data.history} testId="notices-history" />
      {editing ? (
        <TemplateModal
          template={editing}
          saving={save.isPending}
          onCancel={() => setEditing(null)}
          onOk={(v) => save.mutate({ code: editing.code, ...v })}
        />
      ) : null}
    </Space>
  );
}

function TemplateModal({
  template,
  saving,
  onOk,
  onCancel,
}: {
  template: Template;
  saving: boolean;
  onOk: (v: { title: string; text: string }) => void;
  onCancel: () => void;
}) {
  const [form] = Form.useForm<{ title: string; text: string }>();
  const preview = useMutation({
    mutationFn: () => previewNoticeTemplate({ code: template.code, ...form.getFieldsValue() }),
  });
  return (
    <Modal
      open
      width={640}
      title={`修改通知模板：${template.label}`}
      okText="保存为新版本"
      cancelText="取消"
      confirmLoading={saving}
      onCancel={onCancel}
      onOk={() => form.submit()}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'notice-modal-ok' } as Record<string, string>}
    >
      <Typography.Paragraph type="secondary">
        可用占位符（发送时自动替换）：
        {template.placeholders.map((p) => (
          <Tag key={p.name} color={p.required ? 'red' : undefined} style={{ marginBottom: 4 }}>
            {`{${p.name}}`} {p.label}
            {p.required ? '（必须）' : ''}
          </Tag>
        ))}
      </Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ title: template.title, text: template.text }}
        onFinish={(v) => onOk({ title: v.title.trim(), text: v.text.trim() })}
        onValuesChange={() => preview.reset()}
      >
        <Form.Item
          name="title"
          label="标题"
          rules={[{ required: true, whitespace: true, message: '请填写标题' }]}
        >
          <Input maxLength={20} aria-label="通知标题" />
        </Form.Item>
        <Form.Item
          name="text"
          label="内容"
          rules={[{ required: true, whitespace: true, message: '请填写内容' }]}
        >
          <Input.TextArea
            rows={4}
            maxLength={300}
            showCount
            aria-label="通知内容"
            data-testid="notice-text"
          />
        </Form.Item>
      </Form>
      <Button onClick={() => preview.mutate()} loading={preview.isPending} data-testid="notice-preview">
        预览
      </Button>
      {preview.data ? (
        preview.data.ok ? (
          <Alert
            style={{ marginTop: 12 }}
            type="success"
            title={preview.data.title}
            description={preview.data.text}
            data-testid="notice-preview-result"
          />
        ) : (
          <Alert
            style={{ marginTop: 12 }}
            type="error"
            title="不能保存"
            description={preview.data.issues.join('；')}
            data-testid="notice-preview-result"
          />
        )
      ) : null}
      {preview.isError ? (
        <Alert style={{ marginTop: 12 }} type="error" title={preview.error.message} />
      ) : null}
    </Modal>
  );
}
