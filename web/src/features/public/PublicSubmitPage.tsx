import { type FormEvent, lazy, Suspense, useEffect, useRef, useState } from 'react';
import { categoriesForKind, residentUploadKinds } from '../../../../core/domain/catalog/categories';
import { maskPhone } from '../../../../core/domain/masking';
import { type MatterKind, matterKindLabels } from '../../../../core/domain/matters/model';
import { ApiError, clientId } from '../../api/client';
import { fetchBoundary, fetchPlaces, locate } from '../../api/grids';
import {
  type PublicIntakeBody,
  type PublicIntakeResult,
  submitPublicMatter,
  uploadResidentFile,
} from '../../api/publicMatters';
import { useAction, useFetch } from '../../phone/fetch';
import { Alert } from '../../phone/kit/Alert';
import { Button } from '../../phone/kit/Button';
import { Card } from '../../phone/kit/Card';
import { RadioGroup, Select } from '../../phone/kit/Choice';
import { Field } from '../../phone/kit/Field';
import { Icon } from '../../phone/kit/icons';
import { Spin } from '../../phone/kit/Spin';
import { Link, navigate } from '../../phone/router';
import { serviceItem, serviceItems } from '../matters/options';
import type { CatalogLists } from '../matters/useCountyCatalog';
import { saveCodeCard } from './code-card-image';
import {
  clearDraft,
  clearSubmitted,
  loadDraft,
  loadSubmitted,
  type PickedFile,
  pendingFiles,
  saveDraft,
  saveSubmitted,
} from './draft';
import { type GivenPoint, givenPointFromUrl } from './given-point';
import { PlaceFinder } from './PlaceFinder';
import type { LatLng, PlaceMapHandle } from './PlaceMap';
import { PublicServiceNotice } from './PublicServiceNotice';
import { ResidentFilePicker } from './ResidentFilePicker';
import { usePublicCatalog } from './usePublicCatalog';
import { usePublicCounty } from './usePublicCounty';

// The map (Leaflet) comes after the form is usable: on 3G the form must not wait for it.
const PlaceMap = lazy(() => import('./PlaceMap').then((m) => ({ default: m.PlaceMap })));

type ResidentKind = Extract<MatterKind, 'dispute' | 'request' | 'consultation' | 'petition'>;
const residentKinds: readonly ResidentKind[] = ['dispute', 'request', 'consultation', 'petition'];
const kindHints: Record<ResidentKind, string> = {
  dispute: '邻里、家庭、土地、工资等纠纷，需要调解',
  request: '需要办理、解决的具体事情',
  consultation: '想了解政策、法律或办事流程',
  petition: '建议、检举控告、申诉求决等信访事项',
};

interface Values {
  kind: ResidentKind;
  categoryCode?: string;
  serviceCode?: string;
  title: string;
  description: string;
  address?: string;
  name: string;
  phone: string;
  /** A dispute's other side (对方当事人): a written agreement needs both (人民调解法 art. 29). */
  otherName?: string;
  otherPhone?: string;
  otherAddress?: string;
}

type Problems = Partial<Record<keyof Values, string>>;

/** The resident's submission on this tab's success page (sessionStorage, see draft.ts). */
interface Submitted {
  result: PublicIntakeResult;
  phone: string;
  at: string;
}

/** Categories by name only, sub-categories indented: a code like MED-02 means nothing to a resident. */
function residentCategoryOptions(kind: MatterKind | undefined, catalog: CatalogLists) {
  if (!kind) return [];
  return categoriesForKind(kind, catalog.categories).map((c) => ({
    value: c.code,
    label: c.parentCode ? `　└ ${c.name}` : c.name,
  }));
}

const MAX_FILES = 9;

/**
 * Who is on the other side: always asked for a dispute (required there), and for a request filed
 * under a dispute category (wages owed: the employer), where it is optional.
 */
function asksOtherParty(
  kind: MatterKind | undefined,
  categoryCode: string | undefined,
  catalog: CatalogLists,
) {
  if (kind === 'dispute') return true;
  return (
    kind === 'request' &&
    !!categoryCode &&
    catalog.categories.find((c) => c.code === categoryCode)?.group === 'mediation'
  );
}

const blank = (s: string | undefined) => !s?.trim();

/** Every field's problem, in the form's order: the required ones here, the formats from the contracts. */
async function problemsOf(v: Partial<Values>, otherParty: boolean): Promise<Problems> {
  const out: Problems = {};
  if (!v.kind) out.kind = '请选择类型';
  if (!v.categoryCode) out.categoryCode = '请选择类别';
  if (blank(v.title)) out.title = '请用一句话概括';
  if (blank(v.description)) out.description = '请写清楚事情经过';
  if (blank(v.name)) out.name = '请填写姓名';
  if (!v.phone) out.phone = '请填写手机号码';
  if (otherParty && v.kind === 'dispute' && blank(v.otherName)) out.otherName = '请填写对方的姓名或称呼';
  try {
    const { fieldSchemas, problemOf } = await import('./intake-checks');
    for (const [field, schema] of Object.entries(fieldSchemas) as [keyof typeof fieldSchemas, never][]) {
      if (!otherParty && field.startsWith('other')) continue;
      const p = out[field] ? null : problemOf(schema, v[field]);
      if (p) out[field] = p;
    }
  } catch {
    // The checks could not load (signal lost): the server checks the same and answers in words.
  }
  return out;
}

function round6(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}

function PlaceResult({ county, point }: { county: string; point: LatLng | null }) {
  const result = useFetch(
    point ? `locate:${point.lng},${point.lat}` : null,
    () => locate(point?.lng ?? 0, point?.lat ?? 0),
    {
      staleMs: Number.POSITIVE_INFINITY,
      retry: (n, e) => !(e instanceof ApiError && e.status > 0 && e.status < 500) && n < 2,
    },
  );
  const outside = result.error instanceof ApiError && result.error.code === 'OUTSIDE_COUNTY';
  const state = !point
    ? 'idle'
    : result.isPending
      ? 'loading'
      : result.data
        ? 'ok'
        : outside
          ? 'outside'
          : 'error';
  return (
    <div
      data-testid="place-result"
      data-state={state}
      aria-live="polite"
      style={{ minHeight: 24, marginTop: 8 }}
    >
      {state === 'idle' && <span className="zz-muted">点击地图上事情发生的位置（可放大后再点）。</span>}
      {state === 'loading' && <Spin small tip="正在确认位置…" />}
      {state === 'ok' && result.data && (
        <span>
          <Icon name="pin" className="zz-danger" /> 位置：
          {result.data.town?.name ?? ''}
          {result.data.village ? ` ${result.data.village.name}` : ''}
          <span data-testid="place-village" hidden>
            {result.data.village?.name ?? ''}
          </span>
        </span>
      )}
      {state === 'outside' && <span className="zz-danger">该位置不在{county}范围内，请重新选择。</span>}
      {state === 'error' && <span className="zz-danger">位置确认失败：{result.error?.message}</span>}
    </div>
  );
}

type UploadState = {
  id: string;
  name: string;
  state: 'waiting' | 'sending' | 'sent' | 'failed';
  message?: string;
};

/** Sends the photos picked before submitting, one by one, with the new matter's proof. */
function usePendingUploads(submitted: Submitted) {
  const [uploads, setUploads] = useState<UploadState[]>(() =>
    pendingFiles.current.map((f) => ({ id: f.id, name: f.name, state: 'waiting' })),
  );
  useEffect(() => {
    const files = pendingFiles.current;
    if (files.length === 0) return;
    pendingFiles.current = [];
    let stopped = false;
    const proof = {
      code: submitted.result.code,
      secret: submitted.result.trackingSecret,
      phone: submitted.phone,
    };
    void (async () => {
      for (const [i, f] of files.entries()) {
        if (stopped) return;
        setUploads((u) => u.map((x, k) => (k === i ? { ...x, state: 'sending' } : x)));
        try {
          await uploadResidentFile(proof, f.file, f.name);
          setUploads((u) => u.map((x, k) => (k === i ? { ...x, state: 'sent' } : x)));
        } catch (e) {
          const message = e instanceof Error ? e.message : '上传失败';
          setUploads((u) => u.map((x, k) => (k === i ? { ...x, state: 'failed', message } : x)));
        } finally {
          if (f.preview) URL.revokeObjectURL(f.preview);
        }
      }
    })();
    return () => {
      stopped = true;
    };
  }, [submitted]);
  return uploads;
}

/** A code shown large, with a button that copies it (the resident pastes it into a note or a chat). */
function Copyable({ text, label, testId }: { text: string; label: string; testId: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="zz-row">
      <span className="zz-code" data-testid={testId}>
        {text}
      </span>
      <Button
        size="small"
        variant="link"
        aria-label={`复制${label}`}
        onClick={() =>
          void navigator.clipboard?.writeText(text).then(
            () => setCopied(true),
            () => undefined,
          )
        }
      >
        {copied ? '已复制' : '复制'}
      </Button>
    </div>
  );
}

function SubmittedView({ submitted, onAgain }: { submitted: Submitted; onAgain: () => void }) {
  const { result, phone } = submitted;
  const uploads = usePendingUploads(submitted);
  const [saveError, setSaveError] = useState<string | null>(null);
  const sent = uploads.filter((u) => u.state === 'sent').length;
  return (
    <Card data-testid="public-submitted">
      <div style={{ textAlign: 'center', marginBottom: 12 }}>
        <Icon name="check" className="zz-big-check" />
        <h1 className="zz-title" style={{ margin: '8px 0 0' }}>
          提交成功
        </h1>
        <span className="zz-muted">
          已交由{result.tracking.holder || '综治中心'}办理，当前状态：{result.tracking.statusLabel}
        </span>
      </div>
      <Alert
        type="warning"
        title="请务必保存下面的事项编号和查询码"
        description={`查询码工作人员也无法帮您找回。编号和查询码已用短信发到 ${maskPhone(phone) ?? '您的手机'}；也请抄写下来、保存为图片或截图。查询进度时还需要这个手机号码。`}
        data-testid="public-sms-note"
      />
      <dl style={{ margin: 0 }}>
        <dt className="zz-muted">事项编号</dt>
        <dd style={{ margin: '0 0 12px' }}>
          <Copyable text={result.code} label="事项编号" testId="public-code" />
        </dd>
        <dt className="zz-muted">查询码</dt>
        <dd style={{ margin: 0 }}>
          <Copyable text={result.trackingSecret} label="查询码" testId="public-secret" />
        </dd>
      </dl>
      {uploads.length > 0 && (
        <div style={{ marginTop: 16 }} data-testid="public-uploads" aria-live="polite">
          <strong>
            照片和材料：已上传 {sent} / {uploads.length}
          </strong>
          <ul style={{ margin: '4px 0 0', paddingInlineStart: 20 }}>
            {uploads.map((u) => (
              <li key={u.id} data-state={u.state} data-testid="public-upload">
                {u.name}：
                {u.state === 'sent'
                  ? '已上传'
                  : u.state === 'failed'
                    ? `未能上传（${u.message}），可在“查询进度”里重新补充`
                    : u.state === 'sending'
                      ? '正在上传…'
                      : '等待上传'}
              </li>
            ))}
          </ul>
        </div>
      )}
      {saveError && (
        <p className="zz-danger" role="alert">
          {saveError}
        </p>
      )}
      <div className="zz-row" style={{ marginTop: 20 }}>
        <Button
          size="large"
          icon={<Icon name="download" />}
          onClick={() =>
            void saveCodeCard({
              code: result.code,
              secret: result.trackingSecret,
              holder: result.tracking.holder || '综治中心',
              at: new Date(submitted.at),
            }).catch((e: unknown) => setSaveError(e instanceof Error ? e.message : '保存失败，请截图保存。'))
          }
          data-testid="public-save-image"
        >
          保存为图片
        </Button>
        <Button
          variant="primary"
          size="large"
          onClick={() =>
            navigate('/public/track', { state: { code: result.code, secret: result.trackingSecret, phone } })
          }
          data-testid="public-go-track"
        >
          查询办理进度
        </Button>
        <Button size="large" onClick={onAgain} data-testid="public-again">
          再反映一件
        </Button>
      </div>
    </Card>
  );
}

export function PublicSubmitPage() {
  const county = usePublicCounty();
  // What was typed before (another page of the app, a reload, a closed tab): see draft.ts.
  const [draft] = useState(() => loadDraft<Values>());
  const initial = (): Partial<Values> => ({ kind: 'dispute', ...draft?.values });
  const [values, setValues] = useState<Partial<Values>>(initial);
  const [problems, setProblems] = useState<Problems>({});
  const valuesRef = useRef(values);
  valuesRef.current = values;
  // A point passed in the address by an app's own map wins over the draft's (see given-point.ts).
  const [given, setGiven] = useState<GivenPoint | null>(() => givenPointFromUrl(window.location.search));
  const [point, setPoint] = useState<LatLng | null>(() => given?.wgs ?? draft?.point ?? null);
  const [files, setFiles] = useState<PickedFile[]>(() => pendingFiles.current);
  const [placeError, setPlaceError] = useState<string | null>(null);
  const mapRef = useRef<PlaceMapHandle>(null);
  const attempt = useRef<{ json: string; key: string } | null>(null);
  const [submitted, setSubmitted] = useState<Submitted | null>(() => loadSubmitted<Submitted>());
  const countyCode = county.data?.code;
  const { catalog } = usePublicCatalog(countyCode);
  const countyName = county.data?.name ?? '本县（区）';
  const saveTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const pointRef = useRef(point);
  pointRef.current = point;
  const keepDraft = () => {
    if (saveTimer.current) clearTimeout(saveTimer.current);
    saveTimer.current = setTimeout(() => {
      saveDraft<Values>({ values: valuesRef.current, point: pointRef.current });
    }, 300);
  };
  // The point is not a form field: keep it with the draft when it changes.
  // biome-ignore lint/correctness/useExhaustiveDependencies: keepDraft reads the latest values itself.
  useEffect(() => {
    if (!submitted) keepDraft();
  }, [point]);
  useEffect(
    () => () => {
      // Leaving the page (办事指南, 查询进度): what was typed in the last 300 ms is kept too.
      if (saveTimer.current) {
        clearTimeout(saveTimer.current);
        if (!loadSubmitted()) saveDraft<Values>({ values: valuesRef.current, point: pointRef.current });
      }
    },
    [],
  );
  const set = <K extends keyof Values>(field: K, value: Values[K] | undefined) => {
    const next: Partial<Values> = { ...valuesRef.current, [field]: value };
    // Another type has other categories and services.
    if (field === 'kind') Object.assign(next, { categoryCode: undefined, serviceCode: undefined });
    valuesRef.current = next;
    setValues(next);
    if (problems[field]) setProblems((p) => ({ ...p, [field]: undefined }));
    keepDraft();
  };
  const text = (field: keyof Values) => ({
    value: (values[field] as string | undefined) ?? '',
    onChange: (e: { target: { value: string } }) => set(field, e.target.value),
  });
  const setPicked = (next: PickedFile[]) => {
    pendingFiles.current = next;
    setFiles(next);
  };
  const { kind, categoryCode, serviceCode } = values;
  const otherParty = asksOtherParty(kind, categoryCode, catalog);
  const uploadKinds = categoryCode
    ? residentUploadKinds(categoryCode, catalog.categories)
    : (['image'] as const);

  const boundary = useFetch(
    countyCode ? `geo:boundary:${countyCode}` : null,
    () => fetchBoundary(countyCode ?? ''),
    { staleMs: Number.POSITIVE_INFINITY },
  );
  const places = useFetch(
    countyCode ? `geo:places:${countyCode}` : null,
    () => fetchPlaces(countyCode ?? ''),
    {
      staleMs: Number.POSITIVE_INFINITY,
    },
  );

  const mutation = useAction((body: PublicIntakeBody) => {
    const json = JSON.stringify(body);
    if (attempt.current?.json !== json) attempt.current = { json, key: clientId() };
    return submitPublicMatter(body, attempt.current.key);
  });
  const [checking, setChecking] = useState(false);

  const pick = (p: LatLng) => {
    setGiven(null);
    setPoint({ lat: round6(p.lat), lng: round6(p.lng) });
    setPlaceError(null);
  };

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const v = valuesRef.current;
    setChecking(true);
    const found = await problemsOf(v, asksOtherParty(v.kind, v.categoryCode, catalog));
    setChecking(false);
    setProblems(found);
    if (Object.values(found).some(Boolean)) {
      // As antd's scrollToFirstError did: the first field with a problem, in view and focused.
      requestAnimationFrame(() => {
        const first = document.querySelector<HTMLElement>(
          '[data-testid="public-form"] [aria-invalid="true"], [data-testid="public-form"] .zz-fieldset:has(.zz-field-problem) input',
        );
        first?.scrollIntoView({ block: 'center' });
        first?.focus({ preventScroll: true });
      });
      return;
    }
    if (!countyCode) return;
    const address = v.address?.trim() || undefined;
    if (!point && !address) {
      setPlaceError('请在地图上点选位置，或填写详细地址');
      return;
    }
    const body: PublicIntakeBody = {
      countyCode,
      kind: v.kind ?? 'dispute',
      channel: 'online',
      categoryCode: v.categoryCode ?? '',
      serviceCode: v.serviceCode || undefined,
      title: (v.title ?? '').trim(),
      description: (v.description ?? '').trim(),
      place: given
        ? { lng: given.lng, lat: given.lat, coordSystem: given.crs, address }
        : { lng: point?.lng, lat: point?.lat, address },
      parties: [
        { role: 'applicant', name: (v.name ?? '').trim(), phone: (v.phone ?? '').trim() },
        ...(asksOtherParty(v.kind, v.categoryCode, catalog) && v.otherName?.trim()
          ? [
              {
                role: 'respondent' as const,
                name: v.otherName.trim(),
                phone: v.otherPhone?.trim() || undefined,
                address: v.otherAddress?.trim() || undefined,
              },
            ]
          : []),
      ],
    };
    const result = await mutation.run(body);
    if (!result) return;
    attempt.current = null;
    const done: Submitted = { result, phone: body.parties[0]?.phone ?? '', at: new Date().toISOString() };
    // A reload of the success page shows the code and secret again (this tab only); the draft is done.
    saveSubmitted(done);
    if (saveTimer.current) clearTimeout(saveTimer.current);
    saveTimer.current = null;
    clearDraft();
    setSubmitted(done);
    window.scrollTo({ top: 0 });
  };

  const resetForm = () => {
    const fresh: Partial<Values> = { kind: 'dispute' };
    valuesRef.current = fresh;
    setValues(fresh);
    setProblems({});
    setPoint(null);
    setPicked([]);
  };

  if (submitted) {
    return (
      <SubmittedView
        submitted={submitted}
        onAgain={() => {
          clearSubmitted();
          clearDraft();
          setSubmitted(null);
          resetForm();
        }}
      />
    );
  }

  const service = serviceItem(serviceCode, catalog);
  return (
    <div>
      <h1 className="zz-title">反映问题</h1>
      <p className="zz-muted">
        无需注册登录。提交后您会得到事项编号和查询码，凭它们和手机号码随时查询办理进度。
      </p>
      {draft && (
        <Alert
          type="info"
          data-testid="public-draft-restored"
          title="已恢复您上次没有提交的内容"
          description="草稿只保存在这部手机的浏览器里，提交后自动清除。"
          action={
            <Button
              size="small"
              onClick={() => {
                clearDraft();
                resetForm();
              }}
            >
              清空
            </Button>
          }
        />
      )}
      {county.isError && (
        <Alert type="error" title="暂时无法连接服务器" description={county.error?.message} />
      )}
      <form aria-label="反映问题" data-testid="public-form" noValidate onSubmit={(e) => void onSubmit(e)}>
        <Card title="1. 什么事">
          <RadioGroup
            label="类型"
            value={kind}
            onChange={(k) => set('kind', k)}
            error={problems.kind}
            data-testid="public-kind"
            options={residentKinds.map((k) => ({
              value: k,
              testId: `public-kind-${k}`,
              label: (
                <>
                  {matterKindLabels[k]}
                  <span className="zz-muted zz-small" style={{ marginInlineStart: 6 }}>
                    {kindHints[k]}
                  </span>
                </>
              ),
            }))}
          />
          <Field label="具体类别" required error={problems.categoryCode}>
            {(c) => (
              <Select
                control={c}
                value={categoryCode}
                placeholder="请选择"
                options={residentCategoryOptions(kind, catalog)}
                onChange={(v) => set('categoryCode', v)}
                data-testid="public-category"
              />
            )}
          </Field>
          <Field label="办理事项（可选）" extra="选择后会列出需要准备的全部材料。">
            {(c) => (
              <Select
                control={c}
                value={serviceCode}
                placeholder="不清楚可以不选"
                options={serviceItems(kind, true, catalog).map((i) => ({ value: i.code, label: i.name }))}
                onChange={(v) => set('serviceCode', v)}
                data-testid="public-service"
              />
            )}
          </Field>
          {service && <PublicServiceNotice item={service} />}
          <Field label="标题" required error={problems.title}>
            {(c) => (
              <input
                {...c}
                {...text('title')}
                className="zz-input"
                maxLength={80}
                placeholder="一句话概括，如：邻居排水沟堵塞"
                data-testid="public-title"
              />
            )}
          </Field>
          <Field label="具体情况" required error={problems.description}>
            {(c) => (
              <>
                <textarea
                  {...c}
                  {...text('description')}
                  className="zz-input"
                  rows={4}
                  maxLength={5000}
                  placeholder="什么时间、什么地方、发生了什么、希望怎么解决"
                  data-testid="public-description"
                />
                <div className="zz-count" aria-hidden>
                  {(values.description ?? '').length} / 5000
                </div>
              </>
            )}
          </Field>
        </Card>

        <Card title="2. 在哪里">
          <PlaceFinder
            places={places.data}
            address={values.address}
            onFound={(p, zoom) => {
              mapRef.current?.flyTo(p, zoom);
              pick(p);
            }}
          />
          <Suspense
            fallback={
              <div style={{ height: 280, background: '#eef2f6' }} role="status" aria-label="地图加载中" />
            }
          >
            <PlaceMap
              handle={mapRef}
              boundary={boundary.data}
              places={places.data}
              center={county.data?.center ?? null}
              point={point}
              onPick={pick}
              height={280}
            />
          </Suspense>
          <div className="zz-row" style={{ marginTop: 8 }}>
            <Button
              icon={<Icon name="aim" />}
              onClick={() => {
                const c = mapRef.current?.getCenter();
                if (c) pick(c);
                else setPlaceError('请先放大地图到村（社区），再使用地图中心位置');
              }}
            >
              使用地图中心位置
            </Button>
            {point && (
              <Button
                variant="link"
                onClick={() => {
                  setGiven(null);
                  setPoint(null);
                }}
              >
                清除位置
              </Button>
            )}
          </div>
          <PlaceResult county={countyName} point={point} />
          {given?.crs === 'gcj02' && (
            <p className="zz-muted" data-testid="place-given" style={{ margin: 0 }}>
              已采用手机地图给出的位置（GCJ-02 坐标，已换算到本地图）。
            </p>
          )}
          <Field label="详细地址（可选）" error={problems.address} className="zz-field-last">
            {(c) => (
              <input
                {...c}
                {...text('address')}
                className="zz-input"
                maxLength={200}
                placeholder="村、小区、门牌号或附近地标"
                data-testid="public-address"
              />
            )}
          </Field>
          {placeError && (
            <p className="zz-danger" role="alert" style={{ margin: 0 }}>
              {placeError}
            </p>
          )}
        </Card>

        <Card title="3. 您的联系方式">
          <Field label="姓名" required error={problems.name}>
            {(c) => (
              <input
                {...c}
                {...text('name')}
                className="zz-input"
                maxLength={60}
                autoComplete="name"
                data-testid="public-name"
              />
            )}
          </Field>
          <Field
            label="手机号码"
            required
            error={problems.phone}
            extra="用于查询办理进度和工作人员联系您；我们会依法保护您的个人信息。"
          >
            {(c) => (
              <input
                {...c}
                {...text('phone')}
                className="zz-input"
                type="tel"
                inputMode="tel"
                maxLength={11}
                autoComplete="tel"
                data-testid="public-phone"
              />
            )}
          </Field>
        </Card>

        {otherParty && (
          <Card title="4. 对方当事人" data-testid="public-other-party">
            <p className="zz-muted" style={{ marginTop: 0 }}>
              和您有纠纷的人或单位（如拖欠工资的老板、包工队）。调解达成协议时要写明双方，请尽量填写；电话和住址不清楚可以不填。
            </p>
            <Field
              label={kind === 'dispute' ? '对方姓名或单位名称' : '对方姓名或单位名称（知道的话）'}
              required={kind === 'dispute'}
              error={problems.otherName}
              extra="不知道全名可以写称呼，如：3号楼502住户、某某建筑队。"
            >
              {(c) => (
                <input
                  {...c}
                  {...text('otherName')}
                  className="zz-input"
                  maxLength={60}
                  data-testid="public-other-name"
                />
              )}
            </Field>
            <Field label="对方手机号码（知道的话）" error={problems.otherPhone}>
              {(c) => (
                <input
                  {...c}
                  {...text('otherPhone')}
                  className="zz-input"
                  type="tel"
                  inputMode="tel"
                  maxLength={11}
                  data-testid="public-other-phone"
                />
              )}
            </Field>
            <Field label="对方住址（知道的话）" error={problems.otherAddress} className="zz-field-last">
              {(c) => (
                <input
                  {...c}
                  {...text('otherAddress')}
                  className="zz-input"
                  maxLength={200}
                  data-testid="public-other-address"
                />
              )}
            </Field>
          </Card>
        )}

        <Card title={`${otherParty ? 5 : 4}. 照片（可选）`}>
          <ResidentFilePicker kinds={uploadKinds} files={files} max={MAX_FILES} onChange={setPicked} />
        </Card>

        {mutation.error && (
          <Alert
            type="error"
            title="提交未成功"
            description={mutation.error.message}
            data-testid="public-error"
          />
        )}
        <Button
          variant="primary"
          size="large"
          htmlType="submit"
          block
          loading={mutation.isPending || checking}
          disabled={!countyCode}
          data-testid="public-submit"
        >
          提交
        </Button>
        <p className="zz-muted" style={{ marginTop: 12, textAlign: 'center' }}>
          已经提交过？<Link to="/public/track">查询办理进度</Link>
        </p>
      </form>
    </div>
  );
}
