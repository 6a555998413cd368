/**
 * 上报 in under a minute: tap a category, say or type what happened, take a photo, press 上报. The
 * report goes into the phone's outbox first (with signal or without) and is sent from there, so
 * nothing depends on the network at the moment of pressing.
 */
import { Alert, App, Button, Card, Checkbox, Form, Input, Radio, Space, Typography } from 'antd';
import { useState } from 'react';
import { consentMethodLabels, consentMethods } from '../../../../core/contracts/field';
import { gridEventClasses } from '../../../../core/domain/catalog/categories';
import { clientId } from '../../api/client';
import type { FieldReportBody } from '../../api/field';
import { compressImage } from './compress-image';
import { useField } from './field-context';
import { putItem } from './outbox-store';
import { ReportParties } from './ReportParties';
import { usePosition } from './useFieldStore';
import { useVoiceInput } from './useVoiceInput';

interface PartyValues {
  role: 'applicant' | 'respondent' | 'other';
  name: string;
  phone?: string;
}

interface Values {
  categoryCode: string;
  description: string;
  title?: string;
  address?: string;
  parties: PartyValues[];
  urgent?: boolean;
  outcome: 'village' | 'on_spot';
  solvedHow?: string;
  assisted?: boolean;
  consent?: boolean;
  consentMethod?: (typeof consentMethods)[number];
}

const MAX_PHOTOS = 4;

export function FieldReportPage() {
  const { profile, sync, online } = useField();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const gps = usePosition();
  const [photos, setPhotos] = useState<Blob[]>([]);
  const [compressing, setCompressing] = useState(false);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const outcome = Form.useWatch('outcome', form);
  const assisted = Form.useWatch('assisted', form);
  const voice = useVoiceInput((text) => {
    const cur = form.getFieldValue('description') ?? '';
    form.setFieldValue('description', `${cur}${text}`);
  });

  const addPhotos = async (files: FileList | null) => {
    if (!files?.length) return;
    setCompressing(true);
    try {
      const room = MAX_PHOTOS - photos.length;
      const out = await Promise.all([...files].slice(0, room).map((f) => compressImage(f)));
      setPhotos((p) => [...p, ...out]);
    } catch (e) {
      message.error(e instanceof Error ? e.message : '照片处理失败。');
    } finally {
      setCompressing(false);
    }
  };

  const submit = async (v: Values) => {
    setSaving(true);
    try {
      const category = gridEventClasses.find((c) => c.code === v.categoryCode);
      const description = v.description.trim();
      const title = v.title?.trim() || `${category?.name ?? '网格事件'}：${description.slice(0, 20)}`;
      const place: FieldReportBody['place'] = gps.position
        ? { lng: gps.position.lng, lat: gps.position.lat, address: v.address || undefined }
        : { villageId: profile.orgId, address: v.address || undefined };
      const body: FieldReportBody = {
        clientId: clientId(),
        madeAt: new Date().toISOString(),
        categoryCode: v.categoryCode,
        title: title.slice(0, 80),
        description,
        urgent: v.urgent || undefined,
        place,
        parties: v.parties.map((p) => ({
          role: p.role,
          name: p.name.trim(),
          phone: p.phone?.trim() || undefined,
        })),
        solvedOnSpot: v.outcome === 'on_spot' ? v.solvedHow?.trim() : undefined,
        assisted: v.assisted && v.consentMethod ? { consent: true, method: v.consentMethod } : undefined,
      };
      await putItem({
        type: 'report',
        id: body.clientId,
        userId: profile.userId,
        orgId: profile.orgId,
        createdAt: body.madeAt,
        state: 'pending',
        attempts: 0,
        message: null,
        receipt: null,
        sentAt: null,
        body,
        photos,
        photosSent: 0,
        matterId: null,
      });
      setSaved(body.title);
      form.resetFields();
      setPhotos([]);
      gps.clear();
      window.scrollTo({ top: 0 });
      if (online) void sync();
    } catch (e) {
      message.error(e instanceof Error ? `保存失败：${e.message}` : '保存失败。');
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card size="small" title="上报事件">
      {saved ? (
        <Alert
          type="success"
          showIcon
          closable
          onClose={() => setSaved(null)}
          style={{ marginBottom: 12 }}
          data-testid="field-report-saved"
          title={`已记下“${saved}”`}
          description={online ? '正在上报，可在首页查看结果。' : '当前离线，已存在手机上，联网后自动上报。'}
        />
      ) : null}
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={(v) => void submit(v)}
        initialValues={{
          outcome: 'village',
          parties: [{ role: 'applicant', name: profile.displayName }],
        }}
        requiredMark="optional"
      >
        <Form.Item
          name="categoryCode"
          label="事件类别"
          rules={[{ required: true, message: '请选择事件类别' }]}
        >
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            aria-label="事件类别"
            data-testid="field-category"
          >
            {gridEventClasses.map((c) => (
              <Radio.Button key={c.code} value={c.code} style={{ marginBottom: 6 }}>
                {c.name}
              </Radio.Button>
            ))}
          </Radio.Group>
        </Form.Item>
        <Form.Item
          name="description"
          label="事情经过"
          rules={[
            { required: true, message: '请写明事情经过' },
            { min: 5, message: '请把事情经过写清楚（至少 5 个字）' },
          ]}
          extra={voice.error ?? (voice.supported ? '可按“语音输入”说话，文字会接在后面。' : undefined)}
        >
          <Input.TextArea rows={4} maxLength={5000} aria-label="事情经过" data-testid="field-description" />
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
        <Form.Item name="title" label="标题（可不填，自动生成）">
          <Input maxLength={80} aria-label="标题" data-testid="field-title" />
        </Form.Item>

        <Form.Item label="现场照片（自动压缩，最多 4 张）">
          <Space direction="vertical" style={{ width: '100%' }}>
            <input
              type="file"
              accept="image/jpeg,image/png"
              capture="environment"
              multiple
              aria-label="拍照或选择照片"
              disabled={photos.length >= MAX_PHOTOS || compressing}
              onChange={(e) => {
                void addPhotos(e.target.files);
                e.target.value = '';
              }}
            />
            {photos.length ? (
              <Space wrap>
                <Typography.Text>
                  已选 {photos.length} 张，共 {Math.round(photos.reduce((n, p) => n + p.size, 0) / 1024)} KB
                </Typography.Text>
                <Button size="small" onClick={() => setPhotos([])}>
                  清除照片
                </Button>
              </Space>
            ) : null}
          </Space>
        </Form.Item>

        <Form.Item
          label="位置"
          extra={gps.error ?? (gps.position ? undefined : `不定位时按“${profile.orgName}”登记。`)}
        >
          <Space wrap>
            <Button onClick={gps.locate} loading={gps.locating}>
              {gps.position ? '重新定位' : '获取当前位置'}
            </Button>
            {gps.position ? (
              <Typography.Text data-testid="field-position">
                {gps.position.lng.toFixed(5)}, {gps.position.lat.toFixed(5)}（约{' '}
                {Math.round(gps.position.accuracy)} 米）
              </Typography.Text>
            ) : null}
          </Space>
        </Form.Item>
        <Form.Item name="address" label="地址或地点描述">
          <Input maxLength={200} aria-label="地址或地点描述" />
        </Form.Item>

        <ReportParties />

        <Form.Item name="assisted" valuePropName="checked">
          <Checkbox>代群众登记（本人没有智能手机）</Checkbox>
        </Form.Item>
        {assisted ? (
          <>
            <Form.Item
              name="consentMethod"
              label="本人同意的方式"
              rules={[{ required: true, message: '请选择本人同意的方式' }]}
            >
              <Radio.Group>
                {consentMethods.map((m) => (
                  <Radio key={m} value={m}>
                    {consentMethodLabels[m]}
                  </Radio>
                ))}
              </Radio.Group>
            </Form.Item>
            <Form.Item
              name="consent"
              valuePropName="checked"
              rules={[
                {
                  validator: (_r, v) =>
                    v ? Promise.resolve() : Promise.reject(new Error('代为登记须征得本人同意')),
                },
              ]}
            >
              <Checkbox>本人已同意由网格员代为登记并提交</Checkbox>
            </Form.Item>
          </>
        ) : null}

        <Form.Item name="outcome" label="处理方式">
          <Radio.Group aria-label="处理方式">
            <Radio value="village">提交村（社区）综治中心</Radio>
            <Radio value="on_spot">已就地化解</Radio>
          </Radio.Group>
        </Form.Item>
        {outcome === 'on_spot' ? (
          <Form.Item
            name="solvedHow"
            label="怎样化解的"
            rules={[
              { required: true, message: '请写明就地化解的做法' },
              { min: 5, message: '请写明就地化解的做法（至少 5 个字）' },
            ]}
          >
            <Input.TextArea rows={3} maxLength={2000} aria-label="怎样化解的" />
          </Form.Item>
        ) : null}
        <Form.Item name="urgent" valuePropName="checked">
          <Checkbox>紧急</Checkbox>
        </Form.Item>
        <Button
          type="primary"
          htmlType="submit"
          block
          size="large"
          loading={saving || compressing}
          data-testid="field-report-submit"
        >
          上报
        </Button>
      </Form>
    </Card>
  );
}
