/** The people involved in a report; the first is the one who raised it (反映人). */
import { Button, Form, Input, Select, Space } from 'antd';

export function ReportParties() {
  return (
    <Form.List name="parties">
      {(fields, { add, remove }) => (
        <Form.Item label="当事人（第一位为反映人）">
          <Space direction="vertical" style={{ width: '100%' }}>
            {fields.map((f, idx) => (
              <Space key={f.key} wrap align="start">
                <Form.Item name={[f.name, 'role']} noStyle>
                  <Select
                    style={{ width: 96 }}
                    aria-label={`第 ${idx + 1} 位当事人身份`}
                    options={[
                      { value: 'applicant', label: '反映人' },
                      { value: 'respondent', label: '对方' },
                      { value: 'other', label: '其他' },
                    ]}
                  />
                </Form.Item>
                <Form.Item
                  name={[f.name, 'name']}
                  noStyle
                  rules={[{ required: true, whitespace: true, message: '请填写姓名' }]}
                >
                  <Input
                    placeholder="姓名"
                    style={{ width: 110 }}
                    aria-label={`第 ${idx + 1} 位当事人姓名`}
                  />
                </Form.Item>
                <Form.Item
                  name={[f.name, 'phone']}
                  noStyle
                  rules={[{ pattern: /^1[3-9]\d{9}$/, message: '请输入 11 位手机号码' }]}
                >
                  <Input
                    placeholder="手机（可不填）"
                    style={{ width: 130 }}
                    inputMode="tel"
                    aria-label={`第 ${idx + 1} 位当事人手机`}
                  />
                </Form.Item>
                {fields.length > 1 ? (
                  <Button onClick={() => remove(f.name)} aria-label={`删除第 ${idx + 1} 位当事人`}>
                    删除
                  </Button>
                ) : null}
              </Space>
            ))}
            <Button onClick={() => add({ role: 'respondent', name: '' })}>添加当事人</Button>
          </Space>
        </Form.Item>
      )}
    </Form.List>
  );
}
