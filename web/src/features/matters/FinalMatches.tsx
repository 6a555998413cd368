/**
 * The petitioner's final petitions the server found (信访工作条例 art. 36(3)), closest facts first, and the
 * clerk's judgement: the same facts and reasons are not accepted again, new facts are. The score only
 * orders the list; the clerk decides and says why, and the decision is kept in the log.
 */
import { Alert, Form, Input, Radio } from 'antd';
import { factsVerdictLabels, factsVerdicts } from '../../../../core/domain/matters/finality';
import { ApiError } from '../../api/client';

export interface FinalMatch {
  code: string;
  title: string | null;
  similarity: number;
  reasons: string[];
}

/** The list a refusal carries when the clerk must compare facts first. */
export function finalMatchesOf(e: unknown): FinalMatch[] {
  if (!(e instanceof ApiError)) return [];
  const d = e.details as { finalMatches?: FinalMatch[] } | null;
  return Array.isArray(d?.finalMatches) ? d.finalMatches : [];
}

export function FinalMatches({ matches }: { matches: FinalMatch[] }) {
  return (
    <div data-testid="final-matches">
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 12 }}
        title="该信访人有已复核终结的事项，请核对是否同一事实和理由"
        description={
          <ul style={{ margin: 0, paddingInlineStart: 20 }}>
            {matches.map((m) => (
              <li key={m.code}>
                {m.code}
                {m.title ? ` ${m.title}` : ''}：{m.reasons.join('；')}
              </li>
            ))}
          </ul>
        }
      />
      <Form.Item label="核对结论" name="factsVerdict" rules={[{ required: true, message: '请选择核对结论' }]}>
        <Radio.Group
          options={factsVerdicts.map((v) => ({ value: v, label: factsVerdictLabels[v] }))}
          data-testid="facts-verdict"
        />
      </Form.Item>
      <Form.Item
        label="核对理由"
        name="factsReason"
        rules={[{ required: true, whitespace: true, message: '请写明判断的理由' }]}
      >
        <Input.TextArea rows={2} maxLength={500} data-testid="facts-reason" />
      </Form.Item>
    </div>
  );
}
