import {
  legalBasisText,
  type ServiceItem,
  timeLimitText,
} from '../../../../core/domain/catalog/service-catalog';
import { Tag } from '../../phone/kit/Tag';

/**
 * The one-time notice (一次性告知) of a service, before the matter exists, on the resident's form: every
 * material it needs, once, required ones first, with the time limit and its basis. The staff intake
 * shows the same notice with antd (components/ServiceNoticePreview.tsx).
 */
export function PublicServiceNotice({ item }: { item: ServiceItem }) {
  const materials = [
    ...item.materials.filter((m) => m.required),
    ...item.materials.filter((m) => !m.required),
  ];
  const p = { margin: '6px 0 0' };
  return (
    <section
      aria-label={`一次性告知：${item.name}`}
      data-testid="service-notice"
      style={{
        background: '#f6f9fd',
        border: '1px solid #d6e4f5',
        borderRadius: 6,
        padding: '12px 14px',
        marginBottom: 16,
      }}
    >
      <strong>一次性告知：{item.name}</strong>
      {item.demo && (
        <Tag color="orange" className="zz-tag-after">
          演示目录
        </Tag>
      )}
      <p className="zz-muted" style={p}>
        {item.description}
      </p>
      {materials.length === 0 ? (
        <p style={p}>本事项不需要提交材料。</p>
      ) : (
        <>
          <p style={p}>需要准备的全部材料：</p>
          <ol style={{ margin: 0, paddingInlineStart: 22, lineHeight: 1.8 }}>
            {materials.map((m) => (
              <li key={m.name}>
                {m.name} <Tag color={m.required ? 'red' : 'default'}>{m.required ? '必须' : '有则提供'}</Tag>
                {m.note && <span className="zz-muted zz-small">{m.note}</span>}
              </li>
            ))}
          </ol>
          <p className="zz-muted zz-small" style={p}>
            以上就是全部材料，不会再要求提供单子上没有的材料。
          </p>
        </>
      )}
      <p style={{ margin: '8px 0 0' }}>
        办理时限：{timeLimitText(item.timeLimit)}，{item.timeLimit.commitment}。
      </p>
      {item.timeLimit.confidence === 'low' && (
        <p className="zz-small" style={p}>
          该时限为本地做法，如有调整以受理单位通知为准。
        </p>
      )}
      {(item.noticeNotes ?? []).map((n) => (
        <p key={n} className="zz-muted zz-small" style={p}>
          {n}
        </p>
      ))}
      {item.legalBasis.length > 0 && (
        <p className="zz-muted zz-small" style={p}>
          办理依据：{item.legalBasis.map(legalBasisText).join('、')}
        </p>
      )}
    </section>
  );
}
