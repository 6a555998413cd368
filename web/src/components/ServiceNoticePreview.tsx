import { Alert, Tag, Typography } from 'antd';
import {
  legalBasisText,
  type ServiceItem,
  timeLimitText,
} from '../../../core/domain/catalog/service-catalog';

/**
 * The one-time notice (一次性告知) of a service, before the matter exists: every material it needs, once,
 * required ones first, with the time limit and its basis. The printed notice adds the code and due date.
 */
export function ServiceNoticePreview({ item }: { item: ServiceItem }) {
  const materials = [
    ...item.materials.filter((m) => m.required),
    ...item.materials.filter((m) => !m.required),
  ];
  return (
    <section
      aria-label={`一次性告知：${item.name}`}
      data-testid="service-notice"
      style={{ background: '#f6f9fd', border: '1px solid #d6e4f5', borderRadius: 6, padding: '12px 14px' }}
    >
      <Typography.Text strong>一次性告知：{item.name}</Typography.Text>
      {item.demo && (
        <Tag color="orange" style={{ marginInlineStart: 8 }}>
          演示目录
        </Tag>
      )}
      <Typography.Paragraph type="secondary" style={{ margin: '6px 0' }}>
        {item.description}
      </Typography.Paragraph>
      {materials.length === 0 ? (
        <Typography.Paragraph style={{ margin: 0 }}>本事项不需要提交材料。</Typography.Paragraph>
      ) : (
        <>
          <Typography.Paragraph style={{ margin: '0 0 4px' }}>需要准备的全部材料：</Typography.Paragraph>
          <ol style={{ margin: 0, paddingInlineStart: 22, lineHeight: 1.8 }}>
            {materials.map((m) => (
              <li key={m.name}>
                {m.name}
                <Tag color={m.required ? 'red' : 'default'} style={{ marginInlineStart: 6 }}>
                  {m.required ? '必须' : '有则提供'}
                </Tag>
                {m.note && (
                  <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                    {m.note}
                  </Typography.Text>
                )}
              </li>
            ))}
          </ol>
          <Typography.Paragraph type="secondary" style={{ margin: '6px 0 0', fontSize: 13 }}>
            以上就是全部材料，不会再要求提供单子上没有的材料。
          </Typography.Paragraph>
        </>
      )}
      <Typography.Paragraph style={{ margin: '8px 0 0' }}>
        办理时限：{timeLimitText(item.timeLimit)}，{item.timeLimit.commitment}。
      </Typography.Paragraph>
      {item.timeLimit.confidence === 'low' && (
        <Alert
          type="info"
          showIcon
          title="该时限为本地做法，如有调整以受理单位通知为准。"
          style={{ marginTop: 6 }}
        />
      )}
      {(item.noticeNotes ?? []).map((n) => (
        <Typography.Paragraph key={n} type="secondary" style={{ margin: '6px 0 0', fontSize: 13 }}>
          {n}
        </Typography.Paragraph>
      ))}
      {item.legalBasis.length > 0 && (
        <Typography.Paragraph type="secondary" style={{ margin: '6px 0 0', fontSize: 13 }}>
          办理依据：{item.legalBasis.map(legalBasisText).join('、')}
        </Typography.Paragraph>
      )}
    </section>
  );
}
