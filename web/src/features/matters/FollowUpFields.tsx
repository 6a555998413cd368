import { Form, Radio } from 'antd';
import type { MatterResolvedAnswer } from '../../../../core/domain/matters/model';

/** The questions as the visitor asks them, in the resident's words; the record keeps 事结 / 心结. */
const matterOptions: { value: MatterResolvedAnswer; label: string }[] = [
  { value: 'yes', label: '解决了' },
  { value: 'partly', label: '解决了一部分' },
  { value: 'no', label: '没解决' },
];
const heartOptions = [
  { value: true, label: '心里的疙瘩解开了' },
  { value: false, label: '还有疙瘩没解开' },
];

/**
 * 事心双结 (the Liangzhou model): the follow-up visit asks about both the matter and the person. A
 * matter solved on paper with the resident still aggrieved is not closed, so both answers are required
 * and the KPI 事心双结率 counts them (docs/KPI.md).
 */
export function FollowUpFields() {
  return (
    <>
      <Form.Item
        label="您反映的事情解决了吗？（事结）"
        name="matterResolved"
        rules={[{ required: true, message: '请记录群众认为事情是否解决' }]}
      >
        <Radio.Group
          optionType="button"
          buttonStyle="solid"
          options={matterOptions}
          data-testid="action-follow-up-matter"
        />
      </Form.Item>
      <Form.Item
        label="您心里的疙瘩解开了吗？（心结）"
        name="heartResolved"
        rules={[{ required: true, message: '请记录群众的心结是否化解' }]}
        extra="请照群众的原话记录；心结没解开的，请在回访情况中写明原因。"
      >
        <Radio.Group
          optionType="button"
          buttonStyle="solid"
          options={heartOptions}
          data-testid="action-follow-up-heart"
        />
      </Form.Item>
    </>
  );
}
