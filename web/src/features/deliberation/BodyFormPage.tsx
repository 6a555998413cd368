import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Form, Input, Select, Space, Typography } from 'antd';
import { useNavigate } from 'react-router';
import type { CreateBodyBody } from '../../../../core/contracts/deliberation';
import {
  bodyKindLabels,
  bodyKinds,
  positionLabels,
  positions,
  seatingLabels,
  seatings,
} from '../../../../core/domain/deliberation/model';
import { createBody, deliberationKeys } from '../../api/deliberation';
import { useMe } from '../../app/auth';
import { applyServerFieldErrors } from '../../components/formErrors';
import { useReportError } from '../../components/useReportError';

const options = <T extends string>(list: readonly T[], labels: Record<T, string>) =>
  list.map((v) => ({ value: v, label: labels[v] }));

/** Sets up a body at the user's own village, town or district, with its members and terms. */
export function BodyFormPage() {
  const me = useMe();
  const [form] = Form.useForm<CreateBodyBody>();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const report = useReportError();
  const mutation = useMutation({
    mutationFn: createBody,
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: deliberationKeys.all });
      navigate('/deliberation');
    },
    onError: (e) => {
      if (!applyServerFieldErrors(form, ['name', 'termStart', 'termEnd'], e)) report(e, '设立失败');
    },
  });
  return (
    <Card title={`设立议事组织（${me.org?.name ?? ''}）`} style={{ maxWidth: 760 }}>
      <Form<CreateBodyBody>
        form={form}
        layout="vertical"
        initialValues={{ kind: 'council', termStart: '2026-01-01', termEnd: '2028-12-31', members: [] }}
        onFinish={(v) => mutation.mutate({ ...v, orgId: me.org!.id, members: v.members ?? [] })}
      >
        <Form.Item name="kind" label="类别" rules={[{ required: true }]}>
          <Select options={options(bodyKinds, bodyKindLabels)} data-testid="body-kind" />
        </Form.Item>
        <Form.Item name="name" label="名称" rules={[{ required: true, message: '请填写组织名称' }]}>
          <Input placeholder="如：某某村百姓议事会" data-testid="body-name" maxLength={60} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="termStart" label="届期开始" rules={[{ required: true }]}>
            <Input type="date" data-testid="body-term-start" />
          </Form.Item>
          <Form.Item name="termEnd" label="届期结束" rules={[{ required: true }]}>
            <Input type="date" data-testid="body-term-end" />
          </Form.Item>
        </Space>
        <Typography.Text strong>成员</Typography.Text>
        <Form.List name="members">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Card key={f.key} size="small" style={{ margin: '8px 0' }}>
                  <Space wrap align="start">
                    <Form.Item
                      name={[f.name, 'name']}
                      label="姓名"
                      rules={[{ required: true, message: '请填写姓名' }]}
                    >
                      <Input data-testid={`member-name-${f.name}`} maxLength={40} />
                    </Form.Item>
                    <Form.Item
                      name={[f.name, 'phone']}
                      label="手机（用于会议短信通知）"
                      rules={[{ pattern: /^1[3-9]\d{9}$/, message: '请输入 11 位手机号码' }]}
                    >
                      <Input data-testid={`member-phone-${f.name}`} inputMode="tel" />
                    </Form.Item>
                    <Form.Item name={[f.name, 'position']} label="职务" rules={[{ required: true }]}>
                      <Select style={{ width: 100 }} options={options(positions, positionLabels)} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'seatedBy']} label="产生方式" rules={[{ required: true }]}>
                      <Select style={{ width: 120 }} options={options(seatings, seatingLabels)} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'termStart']} hidden>
                      <Input />
                    </Form.Item>
                    <Form.Item name={[f.name, 'termEnd']} hidden>
                      <Input />
                    </Form.Item>
                    <Button
                      type="text"
                      aria-label="删除此成员"
                      icon={<MinusCircleOutlined aria-hidden />}
                      onClick={() => remove(f.name)}
                    />
                  </Space>
                </Card>
              ))}
              <Button
                icon={<PlusOutlined aria-hidden />}
                data-testid="add-member"
                onClick={() =>
                  add({
                    position: 'member',
                    seatedBy: 'elected',
                    termStart: form.getFieldValue('termStart'),
                    termEnd: form.getFieldValue('termEnd'),
                  })
                }
              >
                添加成员
              </Button>
            </>
          )}
        </Form.List>
        <div style={{ marginTop: 16 }}>
          <Button type="primary" htmlType="submit" loading={mutation.isPending} data-testid="body-submit">
            设立
          </Button>
        </div>
      </Form>
    </Card>
  );
}
