import { type FormEvent, useEffect, useRef, useState } from 'react';
import { matterCodePattern, normalizeMatterCode } from '../../../../core/domain/matters/code';
import { type RatingValue, ratingLabels, ratingValues } from '../../../../core/domain/matters/model';
import {
  fetchResidentDocument,
  type ResidentAction,
  type ResidentDocument,
  residentAct,
  type Tracking,
  type TrackingDeadline,
  type TrackingProof,
  trackMatter,
  uploadResidentFile,
} from '../../api/publicMatters';
import { useAction } from '../../phone/fetch';
import { Alert } from '../../phone/kit/Alert';
import { Button } from '../../phone/kit/Button';
import { Card } from '../../phone/kit/Card';
import { RadioGroup } from '../../phone/kit/Choice';
import { Field } from '../../phone/kit/Field';
import { Icon } from '../../phone/kit/icons';
import { Tag } from '../../phone/kit/Tag';
import { useLocation } from '../../phone/router';
import { downloadBlob } from './code-card-image';
import type { PickedFile } from './draft';
import { kindsInWords, ResidentFilePicker } from './ResidentFilePicker';

/** Plain words for what the status means to the person who asked. */
const statusHints: Record<string, string> = {
  registered: '已收到，正在决定是否受理。',
  filed: '已立案，正在安排处理。',
  transferring: '正在转交给负责办理的单位。',
  objected: '正在确认由哪个单位办理。',
  handling: '正在办理。',
  mediating: '正在调解。',
  checking: '办理结果正在核查。',
  answered: '已答复，请您评价办理结果。',
  rated: '您已评价，感谢您的反馈。',
  followed_up: '已回访。',
  reviewing: '正在复查。',
  reexamining: '正在复核。',
  referred_to_court: '已引导您通过诉讼解决。',
  not_accepted: '不予受理，原因见书面告知。',
  channelled: '已告知您应当通过的法定途径。',
  mediated: '经调解达成协议，已化解，办理终结。',
  withdrawn: '您已撤回，办理终止。',
  voided: '已作废。',
  merged: '已与相同事项合并办理。',
  archived: '已办结归档。',
};

/** 2026年12月7日 08:05, in the phone's own time zone (as the page has always shown it). */
function time(iso: string): string {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}年${d.getMonth() + 1}月${d.getDate()}日 ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A deadline's remaining time in the colour of its state (phone.css keeps each at 4.5:1). */
const remainingClass: Record<NonNullable<TrackingDeadline['state']>, string> = {
  running: 'zz-remaining-running',
  due_soon: 'zz-remaining-due_soon',
  overdue: 'zz-remaining-overdue',
  paused: 'zz-remaining-paused',
  done: 'zz-remaining-done',
};

function ActCard({
  proof,
  action,
  label,
  onDone,
}: {
  proof: TrackingProof;
  action: ResidentAction;
  label: string;
  onDone: (t: Tracking, note: string) => void;
}) {
  const [rating, setRating] = useState<RatingValue | undefined>();
  const [substantive, setSubstantive] = useState(false);
  const [reason, setReason] = useState('');
  const [problems, setProblems] = useState<{ rating?: string; reason?: string }>({});
  const mutation = useAction(() =>
    residentAct({
      ...proof,
      action,
      rating: action === 'rate' ? rating : undefined,
      substantive: action === 'rate' && rating === 'unsatisfied' ? substantive : undefined,
      reason: reason.trim() || undefined,
    }),
  );
  const reasonRequired = action !== 'rate' || rating === 'unsatisfied';
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const found = {
      rating: action === 'rate' && !rating ? '请选择' : undefined,
      reason: reasonRequired && !reason.trim() ? '请填写理由' : undefined,
    };
    setProblems(found);
    if (found.rating || found.reason) return;
    const t = await mutation.run(undefined);
    if (!t) return;
    onDone(
      t,
      action === 'rate'
        ? '评价已提交，感谢您的反馈'
        : action === 'withdraw'
          ? '您已撤回这件信访事项'
          : `已提交${label}`,
    );
  };
  return (
    <Card title={label} data-testid={`track-act-${action}`}>
      <form aria-label={label} noValidate onSubmit={(e) => void submit(e)}>
        {action === 'rate' && (
          <>
            <RadioGroup
              label="您对办理结果满意吗？"
              buttons
              value={rating}
              onChange={(r) => {
                setRating(r);
                setProblems((p) => ({ ...p, rating: undefined }));
              }}
              error={problems.rating}
              options={ratingValues.map((r) => ({ value: r, label: ratingLabels[r] }))}
              data-testid="track-rating"
            />
            {rating === 'unsatisfied' && (
              <label className="zz-radio" style={{ marginBottom: 16 }}>
                <input
                  type="checkbox"
                  checked={substantive}
                  onChange={(e) => setSubstantive(e.target.checked)}
                />
                <span>问题没有真正解决（将重新办理）</span>
              </label>
            )}
          </>
        )}
        {action === 'withdraw' && (
          <Alert
            type="warning"
            role="status"
            title="撤回后，这件信访事项将终止办理。撤回是您本人的决定，任何单位和个人不得要求您撤回。"
          />
        )}
        <Field
          label={
            action === 'rate'
              ? reasonRequired
                ? '不满意的原因'
                : '意见建议（可选）'
              : action === 'withdraw'
                ? '撤回的理由'
                : '请说明理由'
          }
          required={reasonRequired}
          error={problems.reason}
        >
          {(c) => (
            <>
              <textarea
                {...c}
                className="zz-input"
                rows={3}
                maxLength={2000}
                value={reason}
                onChange={(e) => {
                  setReason(e.target.value);
                  setProblems((p) => ({ ...p, reason: undefined }));
                }}
              />
              <div className="zz-count" aria-hidden>
                {reason.length} / 2000
              </div>
            </>
          )}
        </Field>
        {mutation.error && <Alert type="error" title={mutation.error.message} />}
        <Button
          variant="primary"
          htmlType="submit"
          loading={mutation.isPending}
          block
          data-testid={`track-submit-${action}`}
        >
          {action === 'rate' ? '提交评价' : action === 'withdraw' ? '确认撤回' : `提交${label}`}
        </Button>
      </form>
    </Card>
  );
}

/** A petition that ended by a mediation agreement or by his withdrawal: what happened, and its document. */
function EndingCard({ ending }: { ending: NonNullable<Tracking['ending']> }) {
  return (
    <Card title={ending.label} data-testid="track-ending">
      <p style={{ fontSize: 16, margin: '0 0 8px' }}>{ending.words}</p>
      <span className="zz-muted" data-testid="track-ending-document">
        结案文书：{ending.documentTitle}
        {ending.documentId ? '（见下方“文书下载”）' : ''}
      </span>
    </Card>
  );
}

/** The latest written answer, in its own words, before anything is asked of the resident. */
function AnswerCard({ answer }: { answer: NonNullable<Tracking['answer']> }) {
  return (
    <Card title={answer.title} data-testid="track-answer">
      {answer.lines.map((l) => (
        <p key={l} style={{ whiteSpace: 'pre-wrap', margin: '0 0 8px', fontSize: 16 }}>
          {l}
        </p>
      ))}
      <span className="zz-muted zz-small">
        {answer.org} · {time(answer.at)}
      </span>
    </Card>
  );
}

/** 人民调解法 art. 33: the parties may jointly ask the court to confirm the agreement within 30 days. */
function ConfirmationCard({ window: w }: { window: NonNullable<Tracking['confirmationWindow']> }) {
  return (
    <Card title="申请司法确认" data-testid="track-confirmation">
      <p style={{ margin: 0 }}>
        调解协议已于 {time(w.agreedAt)} 生效。双方当事人可以在 30 日内共同向人民法院申请司法确认，
        确认后可以申请强制执行。
      </p>
      <div style={{ marginTop: 6 }}>
        {w.open ? (
          <strong>请在 {time(w.dueAt)} 前申请</strong>
        ) : (
          <span className="zz-muted">申请期限已于 {time(w.dueAt)} 届满</span>
        )}
      </div>
      {w.provisionalNote ? <div className="zz-small zz-warning">暂定：{w.provisionalNote}</div> : null}
      <div className="zz-small zz-muted">依据：{w.citation}</div>
    </Card>
  );
}

/** Documents served to the resident, downloaded with the same code, secret and phone (never in a link). */
function DocumentsCard({ documents, proof }: { documents: ResidentDocument[]; proof: TrackingProof }) {
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const get = async (d: ResidentDocument) => {
    setBusy(d.id);
    setError(null);
    try {
      const { blob, fileName } = await fetchResidentDocument(proof, { kind: d.kind, id: d.id });
      downloadBlob(blob, fileName ?? `${d.title}.pdf`);
    } catch (e) {
      setError(e instanceof Error ? e.message : '下载未成功，请稍后再试。');
    } finally {
      setBusy(null);
    }
  };
  return (
    <Card title="文书下载" data-testid="track-documents">
      <ul className="zz-plain-list">
        {documents.map((d) => (
          <li key={`${d.kind}-${d.id}`} className="zz-row">
            <Icon name="file" className="zz-primary" />
            <span style={{ flex: 1, minWidth: 140 }}>
              {d.title}
              <span className="zz-muted" style={{ display: 'block', fontSize: 12 }}>
                {time(d.at)}
              </span>
            </span>
            <Button
              icon={<Icon name="download" />}
              loading={busy === d.id}
              onClick={() => void get(d)}
              aria-label={`下载${d.title}`}
              data-testid="track-document-download"
              data-title={d.title}
            >
              下载
            </Button>
          </li>
        ))}
      </ul>
      {error && (
        <p className="zz-danger" role="alert">
          {error}
        </p>
      )}
    </Card>
  );
}

/** What the resident sent, and more while the matter is being worked. */
function FilesCard({
  tracking,
  proof,
  onSent,
}: {
  tracking: Tracking;
  proof: TrackingProof;
  onSent: () => void;
}) {
  const [files, setFiles] = useState<PickedFile[]>([]);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { uploads } = tracking;
  if (!uploads.open && tracking.files.length === 0) return null;
  const send = async () => {
    setSending(true);
    setError(null);
    const left: PickedFile[] = [];
    const problems: string[] = [];
    for (const f of files) {
      try {
        await uploadResidentFile(proof, f.file, f.name);
        if (f.preview) URL.revokeObjectURL(f.preview);
      } catch (e) {
        left.push(f);
        problems.push(`${f.name}：${e instanceof Error ? e.message : '上传失败'}`);
      }
    }
    setFiles(left);
    setSending(false);
    if (problems.length) setError(problems.join('；'));
    onSent();
  };
  return (
    <Card title="我提交的照片和材料" data-testid="track-files">
      {tracking.files.length > 0 ? (
        <ul style={{ margin: '0 0 8px', paddingInlineStart: 20 }} data-testid="track-files-sent">
          {tracking.files.map((f) => (
            <li key={f.id}>
              {f.fileName}
              <span className="zz-muted" style={{ fontSize: 12 }}>
                {' '}
                · {time(f.createdAt)}
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="zz-muted" style={{ marginTop: 0 }}>
          还没有提交照片。
        </p>
      )}
      {uploads.open && (
        <>
          <p style={{ margin: '0 0 8px' }}>
            办理期间可以补充{kindsInWords(uploads.kinds)}，还可以传 {uploads.remaining} 个。
          </p>
          <ResidentFilePicker
            kinds={uploads.kinds}
            files={files}
            max={uploads.remaining}
            onChange={setFiles}
            testId="track-picker"
          />
          {files.length > 0 && (
            <Button
              variant="primary"
              block
              loading={sending}
              onClick={() => void send()}
              style={{ marginTop: 8 }}
              data-testid="track-files-send"
            >
              上传 {files.length} 个文件
            </Button>
          )}
          {error && (
            <p className="zz-danger" role="alert">
              {error}
            </p>
          )}
        </>
      )}
    </Card>
  );
}

function TrackingView({
  tracking,
  proof,
  onChange,
  onRefresh,
}: {
  tracking: Tracking;
  proof: TrackingProof;
  onChange: (t: Tracking, note: string) => void;
  onRefresh: () => void;
}) {
  const timeline = [...tracking.timeline].sort((a, b) => a.at.localeCompare(b.at));
  return (
    <div data-testid="track-result">
      <Card>
        <span className="zz-muted">{tracking.code}</span>
        <h2 style={{ margin: '4px 0', fontSize: 20 }}>{tracking.title}</h2>
        <span className="zz-muted">{tracking.category}</span>
        <div style={{ marginTop: 12, fontSize: 16 }}>
          办理状态：
          <Tag color="blue" className="zz-tag-large" data-testid="track-status">
            {tracking.statusLabel}
          </Tag>
        </div>
        {statusHints[tracking.status] && <p style={{ margin: '6px 0 0' }}>{statusHints[tracking.status]}</p>}
        <p style={{ margin: '6px 0 0' }} data-testid="track-holder">
          现在由 <strong>{tracking.holder || '综治中心'}</strong> 负责办理。
        </p>
      </Card>
      {/* The answer and the documents first: the resident rates what they have read. */}
      {tracking.ending && <EndingCard ending={tracking.ending} />}
      {tracking.answer && <AnswerCard answer={tracking.answer} />}
      {tracking.documents.length > 0 && <DocumentsCard documents={tracking.documents} proof={proof} />}
      {tracking.confirmationWindow && <ConfirmationCard window={tracking.confirmationWindow} />}
      {tracking.actions.map((a) =>
        a.action === 'rate' ||
        a.action === 'request_review' ||
        a.action === 'request_reexam' ||
        a.action === 'withdraw' ? (
          <ActCard key={a.action} proof={proof} action={a.action} label={a.label} onDone={onChange} />
        ) : null,
      )}
      <FilesCard tracking={tracking} proof={proof} onSent={onRefresh} />
      {tracking.deadlines.length > 0 && (
        <Card title="办理期限">
          <ul className="zz-plain-list">
            {(tracking.deadlines as TrackingDeadline[]).map((d) => (
              <li key={`${d.label}-${d.dueAt ?? ''}`}>
                <div className="zz-row" style={{ justifyContent: 'space-between' }}>
                  <strong>{d.label}</strong>
                  <span
                    className={d.state ? remainingClass[d.state] : undefined}
                    data-deadline-state={d.state}
                  >
                    {d.remaining}
                  </span>
                </div>
                {d.dueAt && <div className="zz-small zz-muted">期限至 {time(d.dueAt)}</div>}
                {d.provisionalNote ? (
                  <div className="zz-small zz-warning" data-testid="track-provisional">
                    暂定：{d.provisionalNote}
                  </div>
                ) : null}
                <div className="zz-small zz-muted">依据：{d.citation}</div>
              </li>
            ))}
          </ul>
        </Card>
      )}
      <Card title="办理经过">
        <ol data-testid="track-timeline" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {timeline.map((e, i) => (
            <li
              key={`${e.at}-${e.label}-${e.status ?? ''}`}
              style={{
                borderInlineStart: `3px solid ${i === timeline.length - 1 ? '#1f5fa8' : '#d9d9d9'}`,
                padding: '0 0 12px 12px',
              }}
            >
              <strong>{e.label}</strong>
              {e.status && <span className="zz-muted">（{e.status}）</span>}
              <div className="zz-small zz-muted">{time(e.at)}</div>
            </li>
          ))}
        </ol>
      </Card>
    </div>
  );
}

type ProofFields = { code: string; secret: string; phone: string };

/** The three fields' problems, in the words the page has always used. */
function proofProblems(v: ProofFields): Partial<ProofFields> {
  const out: Partial<ProofFields> = {};
  if (!v.code) out.code = '请输入事项编号';
  else if (!matterCodePattern.test(normalizeMatterCode(v.code)))
    out.code = '事项编号是 16 位数字，如 620602-2026-000123（横线可以不输）';
  if (!v.secret.trim()) out.secret = '请输入查询码';
  else if (v.secret.length < 20) out.secret = '查询码不完整，请核对';
  if (!v.phone) out.phone = '请输入手机号码';
  else if (!/^1[3-9]\d{9}$/.test(v.phone)) out.phone = '请输入 11 位手机号码';
  return out;
}

export function PublicTrackPage() {
  const location = useLocation();
  // Coming from the submission: the code, secret and phone are handed over in memory, never in the address.
  const handed = location.state as Partial<TrackingProof> | null;
  const [fields, setFields] = useState<ProofFields>(() => ({
    code: handed?.code ?? new URLSearchParams(location.search).get('code') ?? '',
    secret: handed?.secret ?? '',
    phone: handed?.phone ?? '',
  }));
  const [problems, setProblems] = useState<Partial<ProofFields>>({});
  const [shown, setShown] = useState<{ proof: TrackingProof; tracking: Tracking } | null>(null);
  // What the resident just did (rated, asked for a review), said in the page rather than in a toast.
  const [note, setNote] = useState<string | null>(null);
  const resultRef = useRef<HTMLDivElement>(null);
  const mutation = useAction((proof: TrackingProof) => trackMatter(proof));

  // A link with ?code= fills the code in (the secret never travels in an address).
  useEffect(() => {
    const code = new URLSearchParams(location.search).get('code');
    if (code && !handed?.code) setFields((f) => ({ ...f, code }));
  }, [location.search, handed]);

  const field = (name: keyof ProofFields) => ({
    value: fields[name],
    onChange: (e: { target: { value: string } }) => {
      setFields((f) => ({ ...f, [name]: e.target.value }));
      if (problems[name]) setProblems((p) => ({ ...p, [name]: undefined }));
    },
  });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const found = proofProblems(fields);
    setProblems(found);
    if (found.code || found.secret || found.phone) return;
    const proof: TrackingProof = {
      // Any way the resident typed them: 6206022026000123, a secret in lower case without dashes.
      code: normalizeMatterCode(fields.code),
      secret: fields.secret.trim().toUpperCase(),
      phone: fields.phone.trim(),
    };
    const tracking = await mutation.run(proof);
    if (!tracking) return;
    setShown({ proof, tracking });
    setNote(null);
    requestAnimationFrame(() => resultRef.current?.scrollIntoView({ block: 'start', behavior: 'smooth' }));
  };

  return (
    <div>
      <h1 className="zz-title">查询办理进度</h1>
      <p className="zz-muted">请输入事项编号、查询码和提交时填写的手机号码。</p>
      <Card>
        <form aria-label="查询办理进度" noValidate onSubmit={(e) => void submit(e)}>
          <Field label="事项编号" required error={problems.code}>
            {(c) => (
              <input
                {...c}
                {...field('code')}
                className="zz-input"
                placeholder="620602-2026-000123"
                inputMode="numeric"
                maxLength={30}
                data-testid="track-code"
              />
            )}
          </Field>
          <Field label="查询码" required error={problems.secret}>
            {(c) => (
              <input
                {...c}
                {...field('secret')}
                className="zz-input"
                maxLength={40}
                autoCapitalize="characters"
                spellCheck={false}
                data-testid="track-secret"
              />
            )}
          </Field>
          <Field label="手机号码" required error={problems.phone}>
            {(c) => (
              <input
                {...c}
                {...field('phone')}
                className="zz-input"
                type="tel"
                inputMode="tel"
                maxLength={11}
                autoComplete="tel"
                data-testid="track-phone"
              />
            )}
          </Field>
          {mutation.error && <Alert type="error" title={mutation.error.message} data-testid="track-error" />}
          <Button
            variant="primary"
            size="large"
            htmlType="submit"
            block
            loading={mutation.isPending}
            data-testid="track-submit"
          >
            查询
          </Button>
        </form>
      </Card>
      <div ref={resultRef} style={{ scrollMarginTop: 72 }}>
        {shown && note && <Alert type="success" title={note} data-testid="track-note" />}
        {shown && (
          <TrackingView
            tracking={shown.tracking}
            proof={shown.proof}
            onChange={(tracking, done) => {
              setShown({ proof: shown.proof, tracking });
              setNote(done);
            }}
            onRefresh={() =>
              void trackMatter(shown.proof)
                .then((tracking) => setShown({ proof: shown.proof, tracking }))
                .catch(() => undefined)
            }
          />
        )}
      </div>
    </div>
  );
}
