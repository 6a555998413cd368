import { Checkbox, Form, Input, Select } from 'antd';

/**
 * 调解记录 of one session (人民调解法 art. 20, 27; 在线调解规则 art. 22): when, how, where, who else
 * took part (invited with the parties' consent), and the facts both sides accept in writing.
 * Participants are typed one per line as "姓名 关系" (关系: 亲属、邻里、同事、专业人员、社会组织人员、其他).
 */
export function SessionFields() {
  const participants = Form.useWatch('sessionParticipants');
  return (
    <>
      <Form.Item label="调解时间" name="sessionAt" rules={[{ required: true, message: '请填写调解时间' }]}>
        <Input type="datetime-local" />
      </Form.Item>
      <Form.Item label="方式" name="sessionMode" initialValue="in_person">
        <Select
          options={[
            { value: 'in_person', label: '现场' },
            { value: 'video', label: '视频' },
            { value: 'phone', label: '电话' },
          ]}
        />
      </Form.Item>
      <Form.Item label="地点" name="sessionPlace">
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item
        label="邀请参与的其他人员（每行一人：姓名 关系）"
        name="sessionParticipants"
        extra="关系填：亲属、邻里、同事、专业人员、社会组织人员或其他。"
      >
        <Input.TextArea rows={2} maxLength={1000} />
      </Form.Item>
      {participants?.trim() && (
        <Form.Item
          name="sessionConsent"
          valuePropName="checked"
          rules={[
            {
              validator: (_, v) =>
                v ? Promise.resolve() : Promise.reject(new Error('邀请其他人员参与调解须征得当事人同意')),
            },
          ]}
        >
          <Checkbox>已征得当事人同意（《人民调解法》第二十条）</Checkbox>
        </Form.Item>
      )}
      <Form.Item label="经双方书面确认的无争议事实（每行一项）" name="sessionFacts">
        <Input.TextArea rows={2} maxLength={5000} />
      </Form.Item>
    </>
  );
}
