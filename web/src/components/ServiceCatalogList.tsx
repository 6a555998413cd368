/**
 * The service catalog (服务事项目录) in plain words: what each service is, who handles it at which
 * level, the materials to bring and the time limit with its basis. Shared by the residents' pages and
 * the administrator's console.
 */
import { Collapse, Descriptions, Empty, Tag, Typography } from 'antd';
import type { ServiceItem } from '../../../core/domain/catalog/service-catalog';
import { matterKindLabels } from '../../../core/domain/matters/model';
import { levelLabels } from '../../../core/domain/orgs';
import { ServiceMaterials } from './ServiceMaterials';

const unitLabels = { calendar_day: '日', working_day: '个工作日', month: '个月' } as const;

export function timeLimitText(s: ServiceItem): string {
  return `${s.timeLimit.amount}${unitLabels[s.timeLimit.unit]}内${s.timeLimit.commitment}`;
}

export function ServiceCatalogList({
  items,
  showKind,
}: {
  items: readonly ServiceItem[];
  showKind?: boolean;
}) {
  if (items.length === 0) return <Empty description="没有符合条件的服务事项" />;
  return (
    <Collapse
      accordion
      items={items.map((s) => ({
        key: s.code,
        label: (
          <span data-testid={`service-${s.code}`}>
            <Typography.Text strong>{s.name}</Typography.Text>
            <Tag style={{ marginLeft: 8 }}>{levelLabels[s.level]}</Tag>
            {showKind ? <Tag color="blue">{matterKindLabels[s.kind]}</Tag> : null}
          </span>
        ),
        children: (
          <Descriptions column={1} size="small">
            <Descriptions.Item label="是什么">{s.description}</Descriptions.Item>
            <Descriptions.Item label="谁来办">
              {levelLabels[s.level]} · {s.handlingOrgHint}
            </Descriptions.Item>
            <Descriptions.Item label="要带的材料">
              <ServiceMaterials materials={s.materials} />
            </Descriptions.Item>
            <Descriptions.Item label="办理时限">{timeLimitText(s)}</Descriptions.Item>
            <Descriptions.Item label="依据">
              {s.legalBasis.map((b) => `《${b.title}》${b.article}`).join('；') || '本地规定'}
            </Descriptions.Item>
            {s.noticeNotes?.length ? (
              <Descriptions.Item label="须知">
                <ul style={{ margin: 0, paddingLeft: 18 }}>
                  {s.noticeNotes.map((n) => (
                    <li key={n}>{n}</li>
                  ))}
                </ul>
              </Descriptions.Item>
            ) : null}
          </Descriptions>
        ),
      }))}
    />
  );
}
