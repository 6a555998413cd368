/** 巡查/走访/笔记: time and place, kept on the phone first and sent from the outbox (append-only). */
import { type FormEvent, useState } from 'react';
import { type FieldLogKind, fieldLogKindLabels, fieldLogKinds } from '../../../../core/domain/field/labels';
import { clientId } from '../../api/client';
import type { FieldLogBody } from '../../api/field';
import { Alert } from '../../phone/kit/Alert';
import { Button } from '../../phone/kit/Button';
import { Card } from '../../phone/kit/Card';
import { RadioGroup } from '../../phone/kit/Choice';
import { Field } from '../../phone/kit/Field';
import { Tag } from '../../phone/kit/Tag';
import { useField } from './field-context';
import { putItem } from './outbox-store';
import { Rows } from './Panel';
import { PositionPicker } from './PositionPicker';
import { useOutbox, usePosition } from './useFieldStore';
import { useVoiceInput } from './useVoiceInput';

/** `datetime-local` wants local time without a zone. */
function localInputValue(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}

const stateLabel = { pending: '待同步', conflict: '需处理', sent: '已同步' } as const;
const stateColor = { pending: 'orange', conflict: 'red', sent: 'green' } as const;

export function FieldLogPage() {
  const { profile, sync, online } = useField();
  const gps = usePosition();
  const [kind, setKind] = useState<FieldLogKind>('patrol');
  const [at, setAt] = useState(() => localInputValue(new Date()));
  const [address, setAddress] = useState('');
  const [note, setNote] = useState('');
  const [checked, setChecked] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const items = useOutbox().filter((i) => i.type === 'log');
  const voice = useVoiceInput((text) => setNote((cur) => `${cur}${text}`));

  const atProblem = !at ? '请填写时间' : Number.isNaN(new Date(at).getTime()) ? '时间格式不正确。' : null;
  const noteProblem = !note.trim()
    ? '请填写记录内容'
    : note.trim().length < 2
      ? '请填写记录内容（至少 2 个字）'
      : null;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setChecked(true);
    if (atProblem || noteProblem) return;
    setFailure(null);
    const body: FieldLogBody = {
      id: clientId(),
      kind,
      happenedAt: new Date(at).toISOString(),
      note: note.trim(),
      address: address.trim() || undefined,
      ...(gps.position ? { lng: gps.position.lng, lat: gps.position.lat } : {}),
    };
    try {
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
    } catch (err) {
      setFailure(err instanceof Error ? `保存失败：${err.message}` : '保存失败。');
      return;
    }
    setSaved(fieldLogKindLabels[kind]);
    setKind('patrol');
    setAt(localInputValue(new Date()));
    setAddress('');
    setNote('');
    setChecked(false);
    gps.clear();
    if (online) void sync();
  };

  return (
    <>
      <Card title="记巡查走访">
        {saved ? (
          <Alert
            type="success"
            title={`${saved}记录已保存${online ? '' : '（离线，联网后自动同步）'}`}
            data-testid="field-log-saved"
            action={
              <Button size="small" variant="link" onClick={() => setSaved(null)} aria-label="关闭提示">
                关闭
              </Button>
            }
          />
        ) : null}
        {failure ? <Alert type="error" title={failure} /> : null}
        <form onSubmit={(e) => void submit(e)} noValidate>
          <RadioGroup
            label="类型"
            value={kind}
            options={fieldLogKinds.map((k) => ({ value: k, label: fieldLogKindLabels[k] }))}
            onChange={setKind}
            buttons
            data-testid="field-log-kind"
          />
          <Field label="时间" required error={checked ? atProblem : null}>
            {(control) => (
              <input
                {...control}
                type="datetime-local"
                className="zz-input"
                value={at}
                onChange={(e) => setAt(e.target.value)}
              />
            )}
          </Field>
          <PositionPicker gps={gps} label="地点" />
          <Field label="地址或地点描述">
            {(control) => (
              <input
                {...control}
                className="zz-input"
                maxLength={200}
                value={address}
                onChange={(e) => setAddress(e.target.value)}
              />
            )}
          </Field>
          <Field label="情况记录" required error={checked ? noteProblem : null}>
            {(control) => (
              <textarea
                {...control}
                className="zz-input"
                rows={4}
                maxLength={2000}
                value={note}
                onChange={(e) => setNote(e.target.value)}
                data-testid="field-log-note"
              />
            )}
          </Field>
          {voice.supported ? (
            <Button onClick={voice.toggle} aria-pressed={voice.listening} style={{ marginBottom: 16 }}>
              {voice.listening ? '停止语音输入' : '语音输入'}
            </Button>
          ) : null}
          {voice.error ? <div className="zz-field-problem">{voice.error}</div> : null}
          <Button variant="primary" htmlType="submit" block size="large" data-testid="field-log-submit">
            保存
          </Button>
        </form>
      </Card>
      <Card title="本机上的记录">
        <Rows
          items={[...items].reverse().slice(0, 20)}
          rowKey={(i) => i.id}
          render={(i) =>
            i.type === 'log' ? (
              <>
                <div className="zz-row" style={{ gap: 4 }}>
                  <Tag>{fieldLogKindLabels[i.body.kind]}</Tag>
                  <Tag color={stateColor[i.state]}>{stateLabel[i.state]}</Tag>
                  <span className="zz-muted zz-small">
                    {new Date(i.body.happenedAt).toLocaleString('zh-CN', { hour12: false })}
                  </span>
                </div>
                <div>{i.body.note}</div>
                {i.state === 'conflict' && i.message ? <div className="zz-danger">{i.message}</div> : null}
              </>
            ) : null
          }
        />
      </Card>
    </>
  );
}
