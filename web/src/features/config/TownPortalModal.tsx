/**
 * One town's entry (掌上四坝): its name, address, place, introduction, the services it puts first and its
 * notices. The server checks the whole set again on save (unique addresses, places of the county).
 */
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Form, Input, Modal, Select, Space, Switch, Typography } from 'antd';
import { useEffect } from 'react';
import { SLUG_PATTERN } from '../../../../core/domain/portals/town-portal';
import type { TownPortalInput, TownPortalsDoc } from '../../api/portals';

export function TownPortalModal({
  item,
  places,
  services,
  takenSlugs,
  saving,
  onOk,
  onCancel,
}: {
  item: TownPortalInput | null;
  places: TownPortalsDoc['places'];
  services: { code: string; name: string }[];
  takenSlugs: string[];
  saving: boolean;
  onOk: (item: TownPortalInput) => void;
  onCancel: () => void;
}) {
  const [form] = Form.useForm<TownPortalInput>();
  useEffect(() => {
    form.setFieldsValue(
      item ?? {
        slug: '',
        divisionCode: '',
        title: '',
        intro: '',
        serviceCodes: [],
        notices: [],
        active: true,
      },
    );
  }, [form, item]);
  const placeOptions = places.map((p) => ({
    value: p.divisionCode,
    label: p.town ? `${p.town} · ${p.name}` : p.name,
  }));
  return (
    <Modal
      open
      title={item ? `修改「${item.title}」` : '新增掌上入口'}
      okText="保存"
      cancelText="取消"
      confirmLoading={saving}
      okButtonProps={{ 'data-testid': 'portal-modal-ok' } as Record<string, string>}
      onOk={() => form.submit()}
      onCancel={onCancel}
      width={640}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) =>
          onOk({ ...v, intro: v.intro ?? '', serviceCodes: v.serviceCodes ?? [], notices: v.notices ?? [] })
        }
        data-testid="town-portal-form"
      >
        <Form.Item
          name="title"
          label="入口名称"
          rules={[{ required: true, message: '请填写入口名称，如：掌上四坝' }, { max: 20 }]}
        >
          <Input placeholder="如：掌上四坝" data-testid="portal-title" />
        </Form.Item>
        <Form.Item
          name="slug"
          label="网址名（群众扫码打开 /t/网址名）"
          rules={[
            { required: true, message: '请填写网址名' },
            {
              validator: (_, v: string) =>
                !v || SLUG_PATTERN.test(v.trim())
                  ? takenSlugs.includes(v.trim())
                    ? Promise.reject(new Error('这个网址名已被其他入口使用'))
                    : Promise.resolve()
                  : Promise.reject(new Error('只能用汉字、小写字母、数字和“-”，不超过 20 个字')),
            },
          ]}
        >
          <Input placeholder="如：四坝" data-testid="portal-slug" />
        </Form.Item>
        <Form.Item
          name="divisionCode"
          label="所属镇（街道）或村（社区）"
          rules={[{ required: true, message: '请选择' }]}
        >
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            options={placeOptions}
            placeholder="输入名称搜索"
            data-testid="portal-place"
          />
        </Form.Item>
        <Form.Item name="intro" label="简介" rules={[{ max: 200 }]}>
          <Input.TextArea rows={2} placeholder="一两句话，告诉群众这里能办什么" />
        </Form.Item>
        <Form.Item name="serviceCodes" label="优先展示的服务事项（不选则展示全部公开事项）">
          <Select
            mode="multiple"
            showSearch={{ optionFilterProp: 'label' }}
            options={services.map((s) => ({ value: s.code, label: s.name }))}
            placeholder="按展示顺序选择"
          />
        </Form.Item>
        <Typography.Text strong>通知公告</Typography.Text>
        <Form.List name="notices">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} align="start" style={{ display: 'flex', marginTop: 8 }} wrap>
                  <Form.Item
                    name={[f.name, 'title']}
                    rules={[{ required: true, message: '请填写标题' }, { max: 60 }]}
                    noStyle
                  >
                    <Input placeholder="标题" style={{ width: 180 }} aria-label="通知标题" />
                  </Form.Item>
                  <Form.Item
                    name={[f.name, 'date']}
                    rules={[{ required: true, pattern: /^\d{4}-\d{2}-\d{2}$/, message: '日期如 2026-12-01' }]}
                    noStyle
                  >
                    <Input placeholder="2026-12-01" style={{ width: 120 }} aria-label="通知日期" />
                  </Form.Item>
                  <Form.Item
                    name={[f.name, 'body']}
                    rules={[{ required: true, message: '请填写内容' }, { max: 2000 }]}
                    noStyle
                  >
                    <Input.TextArea
                      placeholder="内容"
                      rows={2}
                      style={{ width: 260 }}
                      aria-label="通知内容"
                    />
                  </Form.Item>
                  <Button
                    type="text"
                    icon={<MinusCircleOutlined />}
                    aria-label="删除这条通知"
                    onClick={() => remove(f.name)}
                  />
                </Space>
              ))}
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                style={{ marginTop: 8 }}
                onClick={() => add({ title: '', body: '', date: new Date().toISOString().slice(0, 10) })}
              >
                添加通知
              </Button>
            </>
          )}
        </Form.List>
        <Form.Item name="active" label="启用" valuePropName="checked" style={{ marginTop: 16 }}>
          <Switch checkedChildren="启用" unCheckedChildren="停用" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
