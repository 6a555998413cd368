import { Alert } from 'antd';
import { Link } from 'react-router';
import type { IntakeNotice } from './intake-form';
import { statusWord } from './matter-format';

/** What the clerk sees once, right after registering: the code, the resident's tracking secret, duplicates. */
export function IntakeResult({ intake }: { intake: IntakeNotice }) {
  return (
    <Alert
      type={intake.duplicates.length > 0 ? 'warning' : 'success'}
      showIcon
      closable
      style={{ marginBottom: 12 }}
      data-testid="intake-result"
      title={
        intake.trackingSecret
          ? `登记成功，事项编号 ${intake.code}，查询码 ${intake.trackingSecret}（请告知信访人，只显示这一次）`
          : `登记成功，事项编号 ${intake.code}`
      }
      description={
        intake.duplicates.length > 0 ? (
          <div data-testid="intake-duplicates">
            发现 {intake.duplicates.length} 件疑似重复事项，请核对是否需要并单：
            <ul style={{ margin: '4px 0 0', paddingInlineStart: 20 }}>
              {intake.duplicates.map((d) => (
                <li key={d.id}>
                  <Link to={`/matters/${d.id}`}>{d.code}</Link> {d.title}（{statusWord(d.status)}）：
                  {d.reasons.join('；')}
                </li>
              ))}
            </ul>
          </div>
        ) : (
          '未发现疑似重复事项。'
        )
      }
    />
  );
}
