/** The people involved in a report; the first is the one who raised it (反映人). */
import { clientId } from '../../api/client';
import { Button } from '../../phone/kit/Button';

export interface PartyValues {
  /** The row's own key (rows can be removed from the middle). */
  key: string;
  role: 'applicant' | 'respondent' | 'other';
  name: string;
  phone: string;
}

const roles = [
  { value: 'applicant', label: '反映人' },
  { value: 'respondent', label: '对方' },
  { value: 'other', label: '其他' },
] as const;

export const phonePattern = /^1[3-9]\d{9}$/;

/** What is wrong with a row, in words; null when it can be sent. */
export function partyProblem(p: PartyValues): string | null {
  if (!p.name.trim()) return '请填写姓名';
  if (p.phone.trim() && !phonePattern.test(p.phone.trim())) return '请输入 11 位手机号码';
  return null;
}

export function ReportParties({
  parties,
  onChange,
  checked,
}: {
  parties: PartyValues[];
  onChange: (next: PartyValues[]) => void;
  /** Problems are shown once the worker has pressed 上报. */
  checked: boolean;
}) {
  const set = (idx: number, patch: Partial<PartyValues>) =>
    onChange(parties.map((p, i) => (i === idx ? { ...p, ...patch } : p)));
  return (
    <fieldset className="zz-fieldset">
      <legend className="zz-label">当事人（第一位为反映人）</legend>
      {parties.map((p, idx) => {
        const problem = checked ? partyProblem(p) : null;
        const n = idx + 1;
        return (
          <div key={p.key}>
            <div className="zz-party">
              <select
                className="zz-input zz-select"
                style={{ width: 96 }}
                aria-label={`第 ${n} 位当事人身份`}
                value={p.role}
                onChange={(e) => set(idx, { role: e.target.value as PartyValues['role'] })}
              >
                {roles.map((r) => (
                  <option key={r.value} value={r.value}>
                    {r.label}
                  </option>
                ))}
              </select>
              <input
                className="zz-input"
                style={{ width: 110 }}
                placeholder="姓名"
                aria-label={`第 ${n} 位当事人姓名`}
                aria-invalid={problem === '请填写姓名' || undefined}
                value={p.name}
                onChange={(e) => set(idx, { name: e.target.value })}
              />
              <input
                className="zz-input"
                style={{ width: 130 }}
                placeholder="手机（可不填）"
                inputMode="tel"
                aria-label={`第 ${n} 位当事人手机`}
                aria-invalid={problem === '请输入 11 位手机号码' || undefined}
                value={p.phone}
                onChange={(e) => set(idx, { phone: e.target.value })}
              />
              {parties.length > 1 ? (
                <Button
                  onClick={() => onChange(parties.filter((_, i) => i !== idx))}
                  aria-label={`删除第 ${n} 位当事人`}
                >
                  删除
                </Button>
              ) : null}
            </div>
            {problem ? (
              <div className="zz-field-problem" role="alert" style={{ marginTop: -4, marginBottom: 8 }}>
                第 {n} 位当事人：{problem}
              </div>
            ) : null}
          </div>
        );
      })}
      <Button
        onClick={() => onChange([...parties, { key: clientId(), role: 'respondent', name: '', phone: '' }])}
      >
        添加当事人
      </Button>
    </fieldset>
  );
}
