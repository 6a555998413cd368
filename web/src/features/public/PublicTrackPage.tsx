import { DownloadOutlined, FileTextOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Checkbox, Form, Input, List, Radio, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useRef, useState } from 'react';
import { useLocation, useSearchParams } from 'react-router';
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
import { Remaining } from '../matters/tags';
import { downloadBlob } from './code-card-image';
import type { PickedFile } from './draft';
import { PublicCard } from './PublicCard';
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

function time(iso: string): string {
  return dayjs(iso).format('YYYY年M月D日 HH:mm');
}

interface ActValues {
  rating?: RatingValue;
  substantive?: boolean;
  reason?: string;
}

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
  const [form] = Form.useForm<ActValues>();
  const rating = Form.useWatch('rating', form);
  const mutation = useMutation({
    mutationFn: (v: ActValues) =>
      residentAct({
        ...proof,
        action,
        rating: action === 'rate' ? v.rating : undefined,
        substantive: action === 'rate' && v.rating === 'unsatisfied' ? (v.substantive ?? false) : undefined,
        reason: v.reason?.trim() || undefined,
      }),
    onSuccess: (t) =>
      onDone(
        t,
        action === 'rate'
          ? '评价已提交，感谢您的反馈'
          : action === 'withdraw'
            ? '您已撤回这件信访事项'
            : `已提交${label}`,
      ),
  });
  const reasonRequired = action !== 'rate' || rating === 'unsatisfied';
  return (
    <PublicCard size="small" title={label} style={{ marginBottom: 12 }} data-testid={`track-act-${action}`}>
      <Form<ActValues> form={form} layout="vertical" onFinish={(v) => mutation.mutate(v)} aria-label={label}>
        {action === 'rate' && (
          <>
            <Form.Item
              label="您对办理结果满意吗？"
              name="rating"
              rules={[{ required: true, message: '请选择' }]}
            >
              <Radio.Group
                optionType="button"
                buttonStyle="solid"
                size="large"
                options={ratingValues.map((r) => ({ value: r, label: ratingLabels[r] }))}
                data-testid="track-rating"
              />
            </Form.Item>
            {rating === 'unsatisfied' && (
              <Form.Item name="substantive" valuePropName="checked">
                <Checkbox>问题没有真正解决（将重新办理）</Checkbox>
              </Form.Item>
            )}
          </>
        )}
        {action === 'withdraw' && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 12 }}
            title="撤回后，这件信访事项将终止办理。撤回是您本人的决定，任何单位和个人不得要求您撤回。"
          />
        )}
        <Form.Item
          label={
            action === 'rate'
              ? reasonRequired
                ? '不满意的原因'
                : '意见建议（可选）'
              : action === 'withdraw'
                ? '撤回的理由'
                : '请说明理由'
          }
          name="reason"
          rules={reasonRequired ? [{ required: true, whitespace: true, message: '请填写理由' }] : []}
        >
          <Input.TextArea rows={3} maxLength={2000} showCount />
        </Form.Item>
        {mutation.isError && (
          <Alert
            type="error"
            showIcon
            role="alert"
            title={mutation.error.message}
            style={{ marginBottom: 12 }}
          />
        )}
        <Button
          type="primary"
          htmlType="submit"
          loading={mutation.isPending}
          block
          data-testid={`track-submit-${action}`}
        >
          {action === 'rate' ? '提交评价' : action === 'withdraw' ? '确认撤回' : `提交${label}`}
        </Button>
      </Form>
    </PublicCard>
  );
}

/** A petition that ended by a mediation agreement or by his withdrawal: what happened, and its document. */
function EndingCard({ ending }: { ending: NonNullable<Tracking['ending']> }) {
  return (
    <PublicCard size="small" title={ending.label} style={{ marginBottom: 12 }} data-testid="track-ending">
      <Typography.Paragraph style={{ fontSize: 16, marginBottom: 8 }}>{ending.words}</Typography.Paragraph>
      <Typography.Text type="secondary" data-testid="track-ending-document">
        结案文书：{ending.documentTitle}
        {ending.documentId ? '（见下方“文书下载”）' : ''}
      </Typography.Text>
    </PublicCard>
  );
}

/** The latest written answer, in its own words, before anything is asked of the resident. */
function AnswerCard({ answer }: { answer: NonNullable<Tracking['answer']> }) {
  return (
    <PublicCard size="small" title={answer.title} style={{ marginBottom: 12 }} data-testid="track-answer">
      {answer.lines.map((l) => (
        <Typography.Paragraph key={l} style={{ whiteSpace: 'pre-wrap', marginBottom: 8, fontSize: 16 }}>
          {l}
        </Typography.Paragraph>
      ))}
      <Typography.Text type="secondary" style={{ fontSize: 13 }}>
        {answer.org} · {time(answer.at)}
      </Typography.Text>
    </PublicCard>
  );
}

/** Documents served to the resident, downloaded with the same code, secret and phone (never in a link). */
/** 人民调解法 art. 33: the parties may jointly ask the court to confirm the agreement within 30 days. */
function ConfirmationCard({ window: w }: { window: NonNullable<Tracking['confirmationWindow']> }) {
  return (
    <PublicCard
      size="small"
      title="申请司法确认"
      style={{ marginBottom: 12 }}
      data-testid="track-confirmation"
    >
      <Typography.Paragraph style={{ margin: 0 }}>
        调解协议已于 {time(w.agreedAt)} 生效。双方当事人可以在 30 日内共同向人民法院申请司法确认，
        确认后可以申请强制执行。
      </Typography.Paragraph>
      <div style={{ marginTop: 6 }}>
        {w.open ? (
          <Typography.Text strong>请在 {time(w.dueAt)} 前申请</Typography.Text>
        ) : (
          <Typography.Text type="secondary">申请期限已于 {time(w.dueAt)} 届满</Typography.Text>
        )}
      </div>
      {w.provisionalNote ? (
        <div style={{ fontSize: 13, color: '#874d00' }}>暂定：{w.provisionalNote}</div>
      ) : null}
      <div style={{ fontSize: 13, color: '#5b6b7f' }}>依据：{w.citation}</div>
    </PublicCard>
  );
}

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
    <PublicCard size="small" title="文书下载" style={{ marginBottom: 12 }} data-testid="track-documents">
      <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
        {documents.map((d) => (
          <li
            key={`${d.kind}-${d.id}`}
            style={{ display: 'flex', alignItems: 'center', gap: 8, padding: '6px 0', flexWrap: 'wrap' }}
          >
            <FileTextOutlined aria-hidden style={{ color: '#1f5fa8' }} />
            <span style={{ flex: 1, minWidth: 140 }}>
              {d.title}
              <span style={{ display: 'block', fontSize: 12, color: '#5b6b7f' }}>{time(d.at)}</span>
            </span>
            <Button
              icon={<DownloadOutlined aria-hidden />}
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
        <Typography.Text type="danger" role="alert">
          {error}
        </Typography.Text>
      )}
    </PublicCard>
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
    <PublicCard
      size="small"
      title="我提交的照片和材料"
      style={{ marginBottom: 12 }}
      data-testid="track-files"
    >
      {tracking.files.length > 0 ? (
        <ul style={{ margin: '0 0 8px', paddingInlineStart: 20 }} data-testid="track-files-sent">
          {tracking.files.map((f) => (
            <li key={f.id}>
              {f.fileName}
              <span style={{ fontSize: 12, color: '#5b6b7f' }}> · {time(f.createdAt)}</span>
            </li>
          ))}
        </ul>
      ) : (
        <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
          还没有提交照片。
        </Typography.Paragraph>
      )}
      {uploads.open && (
        <>
          <Typography.Paragraph style={{ marginBottom: 8 }}>
            办理期间可以补充{kindsInWords(uploads.kinds)}，还可以传 {uploads.remaining} 个。
          </Typography.Paragraph>
          <ResidentFilePicker
            kinds={uploads.kinds}
            files={files}
            max={uploads.remaining}
            onChange={setFiles}
            testId="track-picker"
          />
          {files.length > 0 && (
            <Button
              type="primary"
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
            <Typography.Text type="danger" role="alert">
              {error}
            </Typography.Text>
          )}
        </>
      )}
    </PublicCard>
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
      <PublicCard size="small" style={{ marginBottom: 12 }}>
        <Typography.Text type="secondary">{tracking.code}</Typography.Text>
        <Typography.Title level={4} style={{ margin: '4px 0' }}>
          {tracking.title}
        </Typography.Title>
        <Typography.Text type="secondary">{tracking.category}</Typography.Text>
        <div style={{ marginTop: 12, fontSize: 16 }}>
          办理状态：
          <Tag color="blue" style={{ fontSize: 16, padding: '2px 10px' }} data-testid="track-status">
            {tracking.statusLabel}
          </Tag>
        </div>
        {statusHints[tracking.status] && (
          <Typography.Paragraph style={{ margin: '6px 0 0' }}>
            {statusHints[tracking.status]}
          </Typography.Paragraph>
        )}
        <Typography.Paragraph style={{ margin: '6px 0 0' }} data-testid="track-holder">
          现在由 <Typography.Text strong>{tracking.holder || '综治中心'}</Typography.Text> 负责办理。
        </Typography.Paragraph>
      </PublicCard>
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
        <PublicCard size="small" title="办理期限" style={{ marginBottom: 12 }}>
          <List
            size="small"
            dataSource={tracking.deadlines as TrackingDeadline[]}
            renderItem={(d) => (
              <List.Item key={`${d.label}-${d.dueAt ?? ''}`}>
                <div style={{ width: '100%' }}>
                  <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, flexWrap: 'wrap' }}>
                    <Typography.Text strong>{d.label}</Typography.Text>
                    {d.state ? (
                      <Remaining state={d.state} remaining={d.remaining} />
                    ) : (
                      <Typography.Text>{d.remaining}</Typography.Text>
                    )}
                  </div>
                  {d.dueAt && <div style={{ fontSize: 13, color: '#5b6b7f' }}>期限至 {time(d.dueAt)}</div>}
                  {d.provisionalNote ? (
                    <div style={{ fontSize: 13, color: '#874d00' }} data-testid="track-provisional">
                      暂定：{d.provisionalNote}
                    </div>
                  ) : null}
                  <div style={{ fontSize: 13, color: '#5b6b7f' }}>依据：{d.citation}</div>
                </div>
              </List.Item>
            )}
          />
        </PublicCard>
      )}
      <PublicCard size="small" title="办理经过" style={{ marginBottom: 12 }}>
        {/* A plain list, not antd's Timeline: 9 KB less on the residents' first load. */}
        <ol data-testid="track-timeline" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {timeline.map((e, i) => (
            <li
              key={`${e.at}-${e.label}-${e.status ?? ''}`}
              style={{
                borderInlineStart: `3px solid ${i === timeline.length - 1 ? '#1f5fa8' : '#d9d9d9'}`,
                padding: '0 0 12px 12px',
              }}
            >
              <Typography.Text strong>{e.label}</Typography.Text>
              {e.status && <Typography.Text type="secondary">（{e.status}）</Typography.Text>}
              <div style={{ fontSize: 13, color: '#5b6b7f' }}>{time(e.at)}</div>
            </li>
          ))}
        </ol>
      </PublicCard>
    </div>
  );
}

export function PublicTrackPage() {
  const [form] = Form.useForm<TrackingProof>();
  const location = useLocation();
  const [params] = useSearchParams();
  const [shown, setShown] = useState<{ proof: TrackingProof; tracking: Tracking } | null>(null);
  // What the resident just did (rated, asked for a review), said in the page rather than in a toast.
  const [note, setNote] = useState<string | null>(null);
  const resultRef = useRef<HTMLDivElement>(null);
  // Coming from the submission: the code, secret and phone are handed over in memory, never in the address.
  const handed = location.state as Partial<TrackingProof> | null;

  const mutation = useMutation({
    mutationFn: (proof: TrackingProof) => trackMatter(proof),
    onSuccess: (tracking, proof) => {
      setShown({ proof, tracking });
      setNote(null);
      requestAnimationFrame(() => resultRef.current?.scrollIntoView({ block: 'start', behavior: 'smooth' }));
    },
  });

  useEffect(() => {
    const code = params.get('code');
    if (code && !handed?.code) form.setFieldValue('code', code);
  }, [params, handed, form]);

  return (
    <div>
      <Typography.Title level={3} style={{ margin: '4px 0 4px' }}>
        查询办理进度
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        请输入事项编号、查询码和提交时填写的手机号码。
      </Typography.Paragraph>
      <PublicCard size="small" style={{ marginBottom: 12 }}>
        <Form<TrackingProof>
          form={form}
          layout="vertical"
          size="large"
          aria-label="查询办理进度"
          initialValues={{ code: handed?.code, secret: handed?.secret, phone: handed?.phone }}
          onFinish={(v) =>
            mutation.mutate({
              // Any way the resident typed them: 6206022026000123, a secret in lower case without dashes.
              code: normalizeMatterCode(v.code),
              secret: v.secret.trim().toUpperCase(),
              phone: v.phone.trim(),
            })
          }
        >
          <Form.Item
            label="事项编号"
            name="code"
            rules={[
              { required: true, message: '请输入事项编号' },
              {
                validator: async (_r, v: string | undefined) => {
                  if (v && !matterCodePattern.test(normalizeMatterCode(v)))
                    throw new Error('事项编号是 16 位数字，如 620602-2026-000123（横线可以不输）');
                },
              },
            ]}
          >
            <Input
              placeholder="620602-2026-000123"
              inputMode="numeric"
              maxLength={30}
              data-testid="track-code"
            />
          </Form.Item>
          <Form.Item
            label="查询码"
            name="secret"
            rules={[
              { required: true, whitespace: true, message: '请输入查询码' },
              { min: 20, message: '查询码不完整，请核对' },
            ]}
          >
            <Input maxLength={40} autoCapitalize="characters" spellCheck={false} data-testid="track-secret" />
          </Form.Item>
          <Form.Item
            label="手机号码"
            name="phone"
            rules={[
              { required: true, message: '请输入手机号码' },
              { pattern: /^1[3-9]\d{9}$/, message: '请输入 11 位手机号码' },
            ]}
          >
            <Input inputMode="tel" maxLength={11} autoComplete="tel" data-testid="track-phone" />
          </Form.Item>
          {mutation.isError && (
            <Alert
              type="error"
              showIcon
              role="alert"
              title={mutation.error.message}
              style={{ marginBottom: 12 }}
              data-testid="track-error"
            />
          )}
          <Button
            type="primary"
            htmlType="submit"
            block
            loading={mutation.isPending}
            data-testid="track-submit"
          >
            查询
          </Button>
        </Form>
      </PublicCard>
      <div ref={resultRef} style={{ scrollMarginTop: 72 }}>
        {shown && note && (
          <Alert
            type="success"
            showIcon
            role="status"
            title={note}
            style={{ marginBottom: 12 }}
            data-testid="track-note"
          />
        )}
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
