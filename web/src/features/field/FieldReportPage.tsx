/**
 * 上报 in under a minute: tap a category, say or type what happened, take a photo, press 上报. The
 * report goes into the phone's outbox first (with signal or without) and is sent from there, so
 * nothing depends on the network at the moment of pressing.
 */
import { type FormEvent, useState } from 'react';
import { gridEventClasses } from '../../../../core/domain/catalog/categories';
import { consentMethodLabels, consentMethods } from '../../../../core/domain/field/labels';
import { clientId } from '../../api/client';
import type { FieldReportBody } from '../../api/field';
import { Alert } from '../../phone/kit/Alert';
import { Button, buttonClass } from '../../phone/kit/Button';
import { Card } from '../../phone/kit/Card';
import { Checkbox, RadioGroup } from '../../phone/kit/Choice';
import { Field } from '../../phone/kit/Field';
import { Icon } from '../../phone/kit/icons';
import { compressImage } from './compress-image';
import { useField } from './field-context';
import { putItem } from './outbox-store';
import { PositionPicker } from './PositionPicker';
import { type PartyValues, partyProblem, ReportParties } from './ReportParties';
import { usePosition } from './useFieldStore';
import { useVoiceInput } from './useVoiceInput';

type ConsentMethod = (typeof consentMethods)[number];

interface Values {
  categoryCode: string | undefined;
  description: string;
  title: string;
  address: string;
  parties: PartyValues[];
  urgent: boolean;
  outcome: 'village' | 'on_spot';
  solvedHow: string;
  assisted: boolean;
  consent: boolean;
  consentMethod: ConsentMethod | undefined;
}

const MAX_PHOTOS = 4;

function blank(displayName: string): Values {
  return {
    categoryCode: undefined,
    description: '',
    title: '',
    address: '',
    parties: [{ key: clientId(), role: 'applicant', name: displayName, phone: '' }],
    urgent: false,
    outcome: 'village',
    solvedHow: '',
    assisted: false,
    consent: false,
    consentMethod: undefined,
  };
}

/** Each field's problem in words, as the worker would be told it (null: none). */
function problems(v: Values) {
  const description = v.description.trim();
  const solvedHow = v.solvedHow.trim();
  return {
    categoryCode: v.categoryCode ? null : '请选择事件类别',
    description: !description
      ? '请写明事情经过'
      : description.length < 5
        ? '请把事情经过写清楚（至少 5 个字）'
        : null,
    parties: v.parties.some((p) => partyProblem(p)) ? 'parties' : null,
    consentMethod: v.assisted && !v.consentMethod ? '请选择本人同意的方式' : null,
    consent: v.assisted && !v.consent ? '代为登记须征得本人同意' : null,
    solvedHow:
      v.outcome !== 'on_spot'
        ? null
        : !solvedHow
          ? '请写明就地化解的做法'
          : solvedHow.length < 5
            ? '请写明就地化解的做法（至少 5 个字）'
            : null,
  };
}

export function FieldReportPage() {
  const { profile, sync, online } = useField();
  const gps = usePosition();
  const [v, setV] = useState<Values>(() => blank(profile.displayName));
  const [checked, setChecked] = useState(false);
  const [photos, setPhotos] = useState<Blob[]>([]);
  const [compressing, setCompressing] = useState(false);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const set = (patch: Partial<Values>) => setV((cur) => ({ ...cur, ...patch }));
  const voice = useVoiceInput((text) =>
    setV((cur) => ({ ...cur, description: `${cur.description}${text}` })),
  );
  const shown = checked ? problems(v) : null;

  const addPhotos = async (files: FileList | null) => {
    if (!files?.length) return;
    setCompressing(true);
    setFailure(null);
    try {
      const room = MAX_PHOTOS - photos.length;
      const out = await Promise.all([...files].slice(0, room).map((f) => compressImage(f)));
      setPhotos((p) => [...p, ...out]);
    } catch (e) {
      setFailure(e instanceof Error ? e.message : '照片处理失败。');
    } finally {
      setCompressing(false);
    }
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setChecked(true);
    if (Object.values(problems(v)).some(Boolean)) return;
    setSaving(true);
    setFailure(null);
    try {
      const category = gridEventClasses.find((c) => c.code === v.categoryCode);
      const description = v.description.trim();
      const title = v.title.trim() || `${category?.name ?? '网格事件'}：${description.slice(0, 20)}`;
      const address = v.address.trim() || undefined;
      const place: FieldReportBody['place'] = gps.position
        ? { lng: gps.position.lng, lat: gps.position.lat, address }
        : { villageId: profile.orgId, address };
      const body: FieldReportBody = {
        clientId: clientId(),
        madeAt: new Date().toISOString(),
        categoryCode: v.categoryCode!,
        title: title.slice(0, 80),
        description,
        urgent: v.urgent || undefined,
        place,
        parties: v.parties.map((p) => ({
          role: p.role,
          name: p.name.trim(),
          phone: p.phone.trim() || undefined,
        })),
        solvedOnSpot: v.outcome === 'on_spot' ? v.solvedHow.trim() : undefined,
        assisted: v.assisted && v.consentMethod ? { consent: true, method: v.consentMethod } : undefined,
      };
      await putItem({
        type: 'report',
        id: body.clientId,
        userId: profile.userId,
        orgId: profile.orgId,
        createdAt: body.madeAt,
        state: 'pending',
        attempts: 0,
        message: null,
        receipt: null,
        sentAt: null,
        body,
        photos,
        photosSent: 0,
        matterId: null,
      });
      setSaved(body.title);
      setV(blank(profile.displayName));
      setChecked(false);
      setPhotos([]);
      gps.clear();
      window.scrollTo({ top: 0 });
      if (online) void sync();
    } catch (err) {
      setFailure(err instanceof Error ? `保存失败：${err.message}` : '保存失败。');
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card title="上报事件">
      {saved ? (
        <Alert
          type="success"
          data-testid="field-report-saved"
          title={`已记下“${saved}”`}
          description={online ? '正在上报，可在首页查看结果。' : '当前离线，已存在手机上，联网后自动上报。'}
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
          label="事件类别"
          value={v.categoryCode}
          options={gridEventClasses.map((c) => ({ value: c.code, label: c.name }))}
          onChange={(categoryCode) => set({ categoryCode })}
          buttons
          wrap
          error={shown?.categoryCode}
          data-testid="field-category"
        />
        <Field
          label="事情经过"
          required
          error={shown?.description}
          extra={voice.error ?? (voice.supported ? '可按“语音输入”说话，文字会接在后面。' : undefined)}
        >
          {(control) => (
            <textarea
              {...control}
              className="zz-input"
              rows={4}
              maxLength={5000}
              value={v.description}
              onChange={(e) => set({ description: e.target.value })}
              data-testid="field-description"
            />
          )}
        </Field>
        {voice.supported ? (
          <Button onClick={voice.toggle} aria-pressed={voice.listening} style={{ marginBottom: 16 }}>
            {voice.listening ? '停止语音输入' : '语音输入'}
          </Button>
        ) : null}
        <Field label="标题（可不填，自动生成）">
          {(control) => (
            <input
              {...control}
              className="zz-input"
              maxLength={80}
              value={v.title}
              onChange={(e) => set({ title: e.target.value })}
              data-testid="field-title"
            />
          )}
        </Field>

        <div className="zz-field">
          <div className="zz-label">现场照片（自动压缩，最多 4 张）</div>
          {/* The browser's own file button speaks the phone's language and looks like no other control
              here: a label in the kit's button style opens the camera or the gallery instead. */}
          <label
            className={`${buttonClass()}${photos.length >= MAX_PHOTOS || compressing ? ' zz-btn-disabled' : ''}`}
            aria-disabled={photos.length >= MAX_PHOTOS || compressing || undefined}
          >
            <Icon name="camera" />
            {compressing ? '正在压缩…' : '拍照或选择照片'}
            <input
              type="file"
              accept="image/jpeg,image/png"
              capture="environment"
              multiple
              aria-label="拍照或选择照片"
              className="zz-visually-hidden"
              disabled={photos.length >= MAX_PHOTOS || compressing}
              onChange={(e) => {
                void addPhotos(e.currentTarget.files);
                e.currentTarget.value = '';
              }}
            />
          </label>
          {photos.length ? (
            <div className="zz-row" style={{ marginTop: 8 }}>
              <span>
                已选 {photos.length} 张，共 {Math.round(photos.reduce((n, p) => n + p.size, 0) / 1024)} KB
              </span>
              <Button size="small" onClick={() => setPhotos([])}>
                清除照片
              </Button>
            </div>
          ) : null}
        </div>

        <PositionPicker gps={gps} label="位置" withoutPosition={`不定位时按“${profile.orgName}”登记。`} />
        <Field label="地址或地点描述">
          {(control) => (
            <input
              {...control}
              className="zz-input"
              maxLength={200}
              value={v.address}
              onChange={(e) => set({ address: e.target.value })}
            />
          )}
        </Field>

        <ReportParties parties={v.parties} onChange={(parties) => set({ parties })} checked={checked} />

        <Checkbox checked={v.assisted} onChange={(assisted) => set({ assisted })}>
          代群众登记（本人没有智能手机）
        </Checkbox>
        {v.assisted ? (
          <>
            <RadioGroup
              label="本人同意的方式"
              value={v.consentMethod}
              options={consentMethods.map((m) => ({ value: m, label: consentMethodLabels[m] }))}
              onChange={(consentMethod) => set({ consentMethod })}
              error={shown?.consentMethod}
            />
            <Checkbox checked={v.consent} onChange={(consent) => set({ consent })} error={shown?.consent}>
              本人已同意由网格员代为登记并提交
            </Checkbox>
          </>
        ) : null}

        <RadioGroup
          label="处理方式"
          value={v.outcome}
          options={[
            { value: 'village', label: '提交村（社区）综治中心' },
            { value: 'on_spot', label: '已就地化解' },
          ]}
          onChange={(outcome) => set({ outcome })}
        />
        {v.outcome === 'on_spot' ? (
          <Field label="怎样化解的" required error={shown?.solvedHow}>
            {(control) => (
              <textarea
                {...control}
                className="zz-input"
                rows={3}
                maxLength={2000}
                value={v.solvedHow}
                onChange={(e) => set({ solvedHow: e.target.value })}
              />
            )}
          </Field>
        ) : null}
        <Checkbox checked={v.urgent} onChange={(urgent) => set({ urgent })}>
          紧急
        </Checkbox>
        <Button
          variant="primary"
          htmlType="submit"
          block
          size="large"
          loading={saving || compressing}
          data-testid="field-report-submit"
        >
          上报
        </Button>
      </form>
    </Card>
  );
}
