import { AimOutlined, CheckCircleFilled, DownloadOutlined, EnvironmentOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Radio, Select, Space, Spin, Typography } from 'antd';
import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { categoriesForKind, residentUploadKinds } from '../../../../core/domain/catalog/categories';
import { maskPhone } from '../../../../core/domain/masking';
import { type MatterKind, matterKindLabels } from '../../../../core/domain/matters/model';
import { ApiError, clientId } from '../../api/client';
import { fetchBoundary, fetchPlaces, geoKeys, locate } from '../../api/grids';
import {
  type PublicIntakeBody,
  type PublicIntakeResult,
  submitPublicMatter,
  uploadResidentFile,
} from '../../api/publicMatters';
import { lazyZodRule } from '../../components/lazyZodRule';
import { ServiceNoticePreview } from '../../components/ServiceNoticePreview';
import { serviceItem, serviceItems } from '../matters/options';
import { type CatalogLists, useCountyCatalog } from '../matters/useCountyCatalog';
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
import { PublicCard } from './PublicCard';
import { ResidentFilePicker } from './ResidentFilePicker';

// The map (Leaflet) comes after the form is usable: on 3G the form must not wait for it.
const PlaceMap = lazy(() => import('./PlaceMap').then((m) => ({ default: m.PlaceMap })));

import { usePublicCounty } from './usePublicCounty';

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

// The contracts (and zod) load on the first check, not with the page: see lazyZodRule.
const contracts = () => import('../../../../core/contracts/matters');
const titleRule = lazyZodRule(() => contracts().then((m) => m.intakeBodySchema.shape.title));
const descriptionRule = lazyZodRule(() => contracts().then((m) => m.intakeBodySchema.shape.description));
const addressRule = lazyZodRule(() =>
  contracts().then((m) => m.intakeBodySchema.shape.place.shape.address.unwrap()),
);
const nameRule = lazyZodRule(() => contracts().then((m) => m.partyInputSchema.shape.name));
const phoneRule = lazyZodRule(() => contracts().then((m) => m.partyInputSchema.shape.phone.unwrap()));
const otherAddressRule = lazyZodRule(() =>
  contracts().then((m) => m.partyInputSchema.shape.address.unwrap()),
);

function round6(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}

function PlaceResult({ county, point }: { county: string; point: LatLng | null }) {
  const result = useQuery({
    queryKey: ['geo', 'locate', point?.lng, point?.lat],
    queryFn: ({ signal }) => locate(point?.lng ?? 0, point?.lat ?? 0, signal),
    enabled: point !== null,
    staleTime: Number.POSITIVE_INFINITY,
  });
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
      {state === 'idle' && (
        <Typography.Text type="secondary">点击地图上事情发生的位置（可放大后再点）。</Typography.Text>
      )}
      {state === 'loading' && <Spin size="small" description="正在确认位置…" />}
      {state === 'ok' && result.data && (
        <Typography.Text>
          <EnvironmentOutlined aria-hidden style={{ color: '#d4380d' }} /> 位置：
          {result.data.town?.name ?? ''}
          {result.data.village ? ` ${result.data.village.name}` : ''}
          <span data-testid="place-village" hidden>
            {result.data.village?.name ?? ''}
          </span>
        </Typography.Text>
      )}
      {state === 'outside' && (
        <Typography.Text type="danger">该位置不在{county}范围内，请重新选择。</Typography.Text>
      )}
      {state === 'error' && (
        <Typography.Text type="danger">位置确认失败：{result.error?.message}</Typography.Text>
      )}
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

function SubmittedView({ submitted, onAgain }: { submitted: Submitted; onAgain: () => void }) {
  const navigate = useNavigate();
  const { result, phone } = submitted;
  const uploads = usePendingUploads(submitted);
  const [saveError, setSaveError] = useState<string | null>(null);
  const big = { fontSize: 20, fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace' };
  const sent = uploads.filter((u) => u.state === 'sent').length;
  return (
    <PublicCard data-testid="public-submitted">
      <div style={{ textAlign: 'center', marginBottom: 12 }}>
        <CheckCircleFilled style={{ fontSize: 44, color: '#52c41a' }} aria-hidden />
        <Typography.Title level={3} style={{ margin: '8px 0 0' }}>
          提交成功
        </Typography.Title>
        <Typography.Text type="secondary">
          已交由{result.tracking.holder || '综治中心'}办理，当前状态：{result.tracking.statusLabel}
        </Typography.Text>
      </div>
      <Alert
        type="warning"
        showIcon
        role="alert"
        title="请务必保存下面的事项编号和查询码"
        description={`查询码工作人员也无法帮您找回。编号和查询码已用短信发到 ${maskPhone(phone) ?? '您的手机'}；也请抄写下来、保存为图片或截图。查询进度时还需要这个手机号码。`}
        style={{ marginBottom: 16 }}
        data-testid="public-sms-note"
      />
      <dl style={{ margin: 0 }}>
        <dt style={{ color: '#5b6b7f' }}>事项编号</dt>
        <dd style={{ margin: '0 0 12px' }}>
          <Typography.Text
            strong
            copyable={{ text: result.code, tooltips: ['复制', '已复制'] }}
            style={big}
            data-testid="public-code"
          >
            {result.code}
          </Typography.Text>
        </dd>
        <dt style={{ color: '#5b6b7f' }}>查询码</dt>
        <dd style={{ margin: 0 }}>
          <Typography.Text
            strong
            copyable={{ text: result.trackingSecret, tooltips: ['复制', '已复制'] }}
            style={{ ...big, wordBreak: 'break-all' }}
            data-testid="public-secret"
          >
            {result.trackingSecret}
          </Typography.Text>
        </dd>
      </dl>
      {uploads.length > 0 && (
        <div style={{ marginTop: 16 }} data-testid="public-uploads" aria-live="polite">
          <Typography.Text strong>
            照片和材料：已上传 {sent} / {uploads.length}
          </Typography.Text>
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
        <Typography.Text type="danger" role="alert">
          {saveError}
        </Typography.Text>
      )}
      <Space wrap style={{ marginTop: 20 }}>
        <Button
          size="large"
          icon={<DownloadOutlined aria-hidden />}
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
          type="primary"
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
      </Space>
    </PublicCard>
  );
}

export function PublicSubmitPage() {
  const [form] = Form.useForm<Values>();
  const county = usePublicCounty();
  const kind = Form.useWatch('kind', form);
  const serviceCode = Form.useWatch('serviceCode', form);
  const categoryCode = Form.useWatch('categoryCode', form);
  // What was typed before (another page of the app, a reload, a closed tab): see draft.ts.
  const [draft] = useState(() => loadDraft<Values>());
  // A point passed in the address by an app's own map wins over the draft's (see given-point.ts).
  const [given, setGiven] = useState<GivenPoint | null>(() => givenPointFromUrl(window.location.search));
  const [point, setPoint] = useState<LatLng | null>(() => given?.wgs ?? draft?.point ?? null);
  const [files, setFiles] = useState<PickedFile[]>(() => pendingFiles.current);
  const [placeError, setPlaceError] = useState<string | null>(null);
  const mapRef = useRef<PlaceMapHandle>(null);
  const attempt = useRef<{ json: string; key: string } | null>(null);
  const [submitted, setSubmitted] = useState<Submitted | null>(() => loadSubmitted<Submitted>());
  const countyCode = county.data?.code;
  const { catalog } = useCountyCatalog(countyCode);
  const countyName = county.data?.name ?? '本县（区）';
  const saveTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const pointRef = useRef(point);
  pointRef.current = point;
  const keepDraft = () => {
    if (saveTimer.current) clearTimeout(saveTimer.current);
    saveTimer.current = setTimeout(() => {
      saveDraft<Values>({ values: form.getFieldsValue(true), point: pointRef.current });
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
        if (!loadSubmitted())
          saveDraft<Values>({ values: form.getFieldsValue(true), point: pointRef.current });
      }
    },
    [form],
  );
  const setPicked = (next: PickedFile[]) => {
    pendingFiles.current = next;
    setFiles(next);
  };
  const otherParty = asksOtherParty(kind, categoryCode, catalog);
  const uploadKinds = categoryCode
    ? residentUploadKinds(categoryCode, catalog.categories)
    : (['image'] as const);

  const boundary = useQuery({
    queryKey: geoKeys.boundary(countyCode ?? ''),
    queryFn: ({ signal }) => fetchBoundary(countyCode ?? '', signal),
    enabled: Boolean(countyCode),
    staleTime: Number.POSITIVE_INFINITY,
  });
  const places = useQuery({
    queryKey: geoKeys.places(countyCode ?? ''),
    queryFn: ({ signal }) => fetchPlaces(countyCode ?? '', signal),
    enabled: Boolean(countyCode),
    staleTime: Number.POSITIVE_INFINITY,
  });
  const address = Form.useWatch('address', form);

  const mutation = useMutation({
    mutationFn: (body: PublicIntakeBody) => {
      const json = JSON.stringify(body);
      if (attempt.current?.json !== json) attempt.current = { json, key: clientId() };
      return submitPublicMatter(body, attempt.current.key);
    },
    onSuccess: (result, body) => {
      attempt.current = null;
      const done: Submitted = { result, phone: body.parties[0]?.phone ?? '', at: new Date().toISOString() };
      // A reload of the success page shows the code and secret again (this tab only); the draft is done.
      saveSubmitted(done);
      if (saveTimer.current) clearTimeout(saveTimer.current);
      clearDraft();
      setSubmitted(done);
      window.scrollTo({ top: 0 });
    },
  });

  const pick = (p: LatLng) => {
    setGiven(null);
    setPoint({ lat: round6(p.lat), lng: round6(p.lng) });
    setPlaceError(null);
  };

  const onFinish = (v: Values) => {
    if (!countyCode) return;
    const address = v.address?.trim() || undefined;
    if (!point && !address) {
      setPlaceError('请在地图上点选位置，或填写详细地址');
      return;
    }
    mutation.mutate({
      countyCode,
      kind: v.kind,
      channel: 'online',
      categoryCode: v.categoryCode ?? '',
      serviceCode: v.serviceCode || undefined,
      title: v.title.trim(),
      description: v.description.trim(),
      place: given
        ? { lng: given.lng, lat: given.lat, coordSystem: given.crs, address }
        : { lng: point?.lng, lat: point?.lat, address },
      parties: [
        { role: 'applicant', name: v.name.trim(), phone: v.phone.trim() },
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
    });
  };

  if (submitted) {
    return (
      <SubmittedView
        submitted={submitted}
        onAgain={() => {
          clearSubmitted();
          clearDraft();
          setSubmitted(null);
          setPoint(null);
          setPicked([]);
          form.resetFields();
        }}
      />
    );
  }

  const service = serviceItem(serviceCode, catalog);
  return (
    <div>
      <Typography.Title level={3} style={{ margin: '4px 0 4px' }}>
        反映问题
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        无需注册登录。提交后您会得到事项编号和查询码，凭它们和手机号码随时查询办理进度。
      </Typography.Paragraph>
      {draft && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="public-draft-restored"
          title="已恢复您上次没有提交的内容"
          description="草稿只保存在这部手机的浏览器里，提交后自动清除。"
          action={
            <Button
              size="small"
              onClick={() => {
                clearDraft();
                setPoint(null);
                setPicked([]);
                form.resetFields();
              }}
            >
              清空
            </Button>
          }
        />
      )}
      {county.isError && (
        <Alert type="error" showIcon title="暂时无法连接服务器" description={county.error.message} />
      )}
      <Form<Values>
        form={form}
        layout="vertical"
        size="large"
        aria-label="反映问题"
        data-testid="public-form"
        initialValues={{ kind: 'dispute', ...draft?.values }}
        onValuesChange={(changed: Partial<Values>) => {
          if (changed.kind) form.setFieldsValue({ categoryCode: undefined, serviceCode: undefined });
          keepDraft();
        }}
        onFinish={onFinish}
        scrollToFirstError
      >
        <PublicCard size="small" title="1. 什么事" style={{ marginBottom: 12 }}>
          <Form.Item label="类型" name="kind" rules={[{ required: true, message: '请选择类型' }]}>
            <Radio.Group style={{ display: 'grid', gap: 8 }} data-testid="public-kind">
              {residentKinds.map((k) => (
                <Radio key={k} value={k} data-testid={`public-kind-${k}`}>
                  {matterKindLabels[k]}
                  <Typography.Text type="secondary" style={{ fontSize: 13, marginInlineStart: 6 }}>
                    {kindHints[k]}
                  </Typography.Text>
                </Radio>
              ))}
            </Radio.Group>
          </Form.Item>
          <Form.Item label="具体类别" name="categoryCode" rules={[{ required: true, message: '请选择类别' }]}>
            <Select<string>
              placeholder="请选择"
              options={residentCategoryOptions(kind, catalog)}
              showSearch={{ optionFilterProp: 'label' }}
              data-testid="public-category"
            />
          </Form.Item>
          <Form.Item label="办理事项（可选）" name="serviceCode" extra="选择后会列出需要准备的全部材料。">
            <Select<string>
              allowClear
              placeholder="不清楚可以不选"
              options={serviceItems(kind, true, catalog).map((i) => ({ value: i.code, label: i.name }))}
              data-testid="public-service"
            />
          </Form.Item>
          {service && (
            <div style={{ marginBottom: 16 }}>
              <ServiceNoticePreview item={service} />
            </div>
          )}
          <Form.Item
            label="标题"
            name="title"
            rules={[{ required: true, whitespace: true, message: '请用一句话概括' }, titleRule]}
          >
            <Input maxLength={80} placeholder="一句话概括，如：邻居排水沟堵塞" data-testid="public-title" />
          </Form.Item>
          <Form.Item
            label="具体情况"
            name="description"
            rules={[{ required: true, whitespace: true, message: '请写清楚事情经过' }, descriptionRule]}
          >
            <Input.TextArea
              rows={4}
              maxLength={5000}
              showCount
              placeholder="什么时间、什么地方、发生了什么、希望怎么解决"
              data-testid="public-description"
            />
          </Form.Item>
        </PublicCard>

        <PublicCard size="small" title="2. 在哪里" style={{ marginBottom: 12 }}>
          <Suspense
            fallback={
              <div style={{ height: 280, background: '#eef2f6' }} role="status" aria-label="地图加载中" />
            }
          >
            <PlaceFinder
              places={places.data}
              address={address}
              onFound={(p, zoom) => {
                mapRef.current?.flyTo(p, zoom);
                pick(p);
              }}
            />
            <PlaceMap
              ref={mapRef}
              boundary={boundary.data}
              places={places.data}
              center={county.data?.center ?? null}
              point={point}
              onPick={pick}
              height={280}
            />
          </Suspense>
          <Space wrap style={{ marginTop: 8 }}>
            <Button
              size="middle"
              icon={<AimOutlined aria-hidden />}
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
                size="middle"
                type="link"
                onClick={() => {
                  setGiven(null);
                  setPoint(null);
                }}
              >
                清除位置
              </Button>
            )}
          </Space>
          <PlaceResult county={countyName} point={point} />
          {given?.crs === 'gcj02' && (
            <Typography.Text type="secondary" data-testid="place-given">
              已采用手机地图给出的位置（GCJ-02 坐标，已换算到本地图）。
            </Typography.Text>
          )}
          <Form.Item
            label="详细地址（可选）"
            name="address"
            style={{ marginTop: 12, marginBottom: 0 }}
            rules={[addressRule]}
          >
            <Input maxLength={200} placeholder="村、小区、门牌号或附近地标" data-testid="public-address" />
          </Form.Item>
          {placeError && (
            <Typography.Text type="danger" role="alert">
              {placeError}
            </Typography.Text>
          )}
        </PublicCard>

        <PublicCard size="small" title="3. 您的联系方式" style={{ marginBottom: 12 }}>
          <Form.Item
            label="姓名"
            name="name"
            rules={[{ required: true, whitespace: true, message: '请填写姓名' }, nameRule]}
          >
            <Input maxLength={60} autoComplete="name" data-testid="public-name" />
          </Form.Item>
          <Form.Item
            label="手机号码"
            name="phone"
            rules={[{ required: true, message: '请填写手机号码' }, phoneRule]}
            extra="用于查询办理进度和工作人员联系您；我们会依法保护您的个人信息。"
          >
            <Input inputMode="tel" maxLength={11} autoComplete="tel" data-testid="public-phone" />
          </Form.Item>
        </PublicCard>

        {otherParty && (
          <PublicCard
            size="small"
            title="4. 对方当事人"
            style={{ marginBottom: 12 }}
            data-testid="public-other-party"
          >
            <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
              和您有纠纷的人或单位（如拖欠工资的老板、包工队）。调解达成协议时要写明双方，请尽量填写；电话和住址不清楚可以不填。
            </Typography.Paragraph>
            <Form.Item
              label={kind === 'dispute' ? '对方姓名或单位名称' : '对方姓名或单位名称（知道的话）'}
              name="otherName"
              rules={[
                ...(kind === 'dispute'
                  ? [{ required: true, whitespace: true, message: '请填写对方的姓名或称呼' }]
                  : []),
                nameRule,
              ]}
              extra="不知道全名可以写称呼，如：3号楼502住户、某某建筑队。"
            >
              <Input maxLength={60} data-testid="public-other-name" />
            </Form.Item>
            <Form.Item label="对方手机号码（知道的话）" name="otherPhone" rules={[phoneRule]}>
              <Input inputMode="tel" maxLength={11} data-testid="public-other-phone" />
            </Form.Item>
            <Form.Item
              label="对方住址（知道的话）"
              name="otherAddress"
              rules={[otherAddressRule]}
              style={{ marginBottom: 0 }}
            >
              <Input maxLength={200} data-testid="public-other-address" />
            </Form.Item>
          </PublicCard>
        )}

        <PublicCard size="small" title={`${otherParty ? 5 : 4}. 照片（可选）`} style={{ marginBottom: 12 }}>
          <ResidentFilePicker kinds={uploadKinds} files={files} max={MAX_FILES} onChange={setPicked} />
        </PublicCard>

        {mutation.isError && (
          <Alert
            type="error"
            showIcon
            role="alert"
            title="提交未成功"
            description={mutation.error.message}
            style={{ marginBottom: 12 }}
            data-testid="public-error"
          />
        )}
        <Button
          type="primary"
          htmlType="submit"
          block
          loading={mutation.isPending}
          disabled={!countyCode}
          data-testid="public-submit"
        >
          提交
        </Button>
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, textAlign: 'center' }}>
          已经提交过？<Link to="/public/track">查询办理进度</Link>
        </Typography.Paragraph>
      </Form>
    </div>
  );
}
