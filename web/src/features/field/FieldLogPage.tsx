/** 巡查/走访/笔记: time and place, kept on the phone first and sent from the outbox (append-only). */
import { Alert, App, Button, Card, Form, Input, List, Radio, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { type FieldLogKind, fieldLogKindLabels, fieldLogKinds } from '../../../../core/contracts/field';
import { clientId } from '../../api/client';
import type { FieldLogBody } from '../../api/field';
import { useField } from './field-context';
import { putItem } from './outbox-store';
import { useOutbox, usePosition } from './useFieldStore';
import { useVoiceInput } from './useVoiceInput';

interface Values {
  kind: FieldLogKind;
  at: string;
  note: string;
  address?: string;
}

/** `datetime-local` wants local time without a zone. */
function localInputValue(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}

const stateLabel = { pending: '待同步', conflict: '需处理', sent: '已同步' } as const;
const stateColor = { pending: 'orange', conflict: 'red', sent: 'green' } as const;

export function FieldLogPage() {
  const { profile, sync, online } = useField();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const gps = usePosition();
  const [saved, setSaved] = useState<string | null>(null);
  const items = useOutbox().filter((i) => i.type === 'log');
  const voice = useVoiceInput((text) =>
    form.setFieldValue('note', `${form.getFieldValue('note') ?? ''}${text}`),
  );

  const submit = async (v: Values) => {
    const at = new Date(v.at);
    if (Number.isNaN(at.getTime())) {
      message.error('时间格式不正确。');
      return;
    }
    const body: FieldLogBody = {
      id: clientId(),
      kind: v.kind,
      happenedAt: at.toISOString(),
      note: v.note.trim(),
      address: v.address?.trim() || undefined,
      ...(gps.position ? { lng: gps.position.lng, lat: gps.position.lat } : {}),
    };
    await putItem({
      type: 'log',
      id: body.id,
      userId: profile.userId,
      orgId: profile.orgId,
      createdAt: new Date().toISOString(),
      state: 'pending',
      attempts: 0,
      message: null,
      receipt: null,
      sentAt: null,
      body,
    });
    setSaved(fieldLogKindLabels[v.kind]);
    form.resetFields();
    form.setFieldValue('at', localInputValue(new Date()));
    gps.clear();
    if (online) void sync();
  };

  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <Card size="small" title="记巡查走访">
        {saved ? (
          <Alert
            type="success"
            showIcon
            closable
            onClose={() => setSaved(null)}
            style={{ marginBottom: 12 }}
            title={`${saved}记录已保存${online ? '' : '（离线，联网后自动同步）'}`}
            data-testid="field-log-saved"
          />
        ) : null}
        <Form<Values>
          form={form}
          layout="vertical"
          initialValues={{ kind: 'patrol', at: localInputValue(new Date()) }}
          onFinish={(v) => void submit(v)}
        >
          <Form.Item name="kind" label="类型">
            <Radio.Group optionType="button" buttonStyle="solid" aria-label="记录类型">
              {fieldLogKinds.map((k) => (
                <Radio.Button key={k} value={k}>
                  {fieldLogKindLabels[k]}
                </Radio.Button>
              ))}
            </Radio.Group>
          </Form.Item>
          <Form.Item name="at" label="时间" rules={[{ required: true, message: '请填写时间' }]}>
            <Input type="datetime-local" aria-label="时间" />
          </Form.Item>
          <Form.Item label="地点" extra={gps.error ?? undefined}>
            <Space wrap>
              <Button onClick={gps.locate} loading={gps.locating} aria-label="获取手机当前位置">
                {gps.position ? '重新定位' : '获取当前位置'}
              </Button>
              {gps.position ? (
                <Typography.Text>
                  {gps.position.lng.toFixed(5)}, {gps.position.lat.toFixed(5)}
                </Typography.Text>
              ) : null}
            </Space>
          </Form.Item>
          <Form.Item name="address" label="地址或地点描述">
            <Input maxLength={200} aria-label="地址或地点描述" />
          </Form.Item>
          <Form.Item
            name="note"
            label="情况记录"
            rules={[
              { required: true, message: '请填写记录内容' },
              { min: 2, message: '请填写记录内容（至少 2 个字）' },
            ]}
          >
            <Input.TextArea rows={4} maxLength={2000} aria-label="情况记录" data-testid="field-log-note" />
          </Form.Item>
          {voice.supported ? (
            <Button
              onClick={voice.toggle}
              style={{ marginTop: -12, marginBottom: 12 }}
              aria-pressed={voice.listening}
            >
              {voice.listening ? '停止语音输入' : '语音输入'}
            </Button>
          ) : null}
          <Button type="primary" htmlType="submit" block size="large" data-testid="field-log-submit">
            保存
          </Button>
        </Form>
      </Card>
      <Card size="small" title="本机上的记录">
        <List
          size="small"
          locale={{ emptyText: '暂无' }}
          dataSource={[...items].reverse().slice(0, 20)}
          renderItem={(i) =>
            i.type === 'log' ? (
              <List.Item>
                <Space direction="vertical" size={0}>
                  <Space size={4}>
                    <Tag>{fieldLogKindLabels[i.body.kind]}</Tag>
                    <Tag color={stateColor[i.state]}>{stateLabel[i.state]}</Tag>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {new Date(i.body.happenedAt).toLocaleString('zh-CN', { hour12: false })}
                    </Typography.Text>
                  </Space>
                  <span>{i.body.note}</span>
                  {i.state === 'conflict' && i.message ? (
                    <Typography.Text type="danger">{i.message}</Typography.Text>
                  ) : null}
                </Space>
              </List.Item>
            ) : null
          }
        />
      </Card>
    </Space>
  );
}
