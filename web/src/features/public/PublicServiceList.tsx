/**
 * The service catalog (服务事项目录) in plain words, for residents: what each service is, who handles
 * it at which level, what to bring and the time limit with its basis. One open at a time (a native
 * accordion: `<details name>`), readable and operable without any script of ours.
 */
import type { ServiceItem } from '../../../../core/domain/catalog/service-catalog';
import { levelLabels } from '../../../../core/domain/orgs';
import { ServiceMaterials } from '../../components/ServiceMaterials';
import { Tag } from '../../phone/kit/Tag';

const unitLabels = { calendar_day: '日', working_day: '个工作日', month: '个月' } as const;

function timeLimitText(s: ServiceItem): string {
  return `${s.timeLimit.amount}${unitLabels[s.timeLimit.unit]}内${s.timeLimit.commitment}`;
}

export function PublicServiceList({ items }: { items: readonly ServiceItem[] }) {
  if (items.length === 0) return <p className="zz-muted">没有符合条件的服务事项</p>;
  return (
    <div className="zz-services">
      {items.map((s) => (
        <details key={s.code} name="public-services">
          <summary>
            <span data-testid={`service-${s.code}`}>
              <strong>{s.name}</strong> <Tag>{levelLabels[s.level]}</Tag>
            </span>
          </summary>
          <dl>
            <dt>是什么</dt>
            <dd>{s.description}</dd>
            <dt>谁来办</dt>
            <dd>
              {levelLabels[s.level]} · {s.handlingOrgHint}
            </dd>
            <dt>要带的材料</dt>
            <dd>
              <ServiceMaterials materials={s.materials} />
            </dd>
            <dt>办理时限</dt>
            <dd>{timeLimitText(s)}</dd>
            <dt>依据</dt>
            <dd>{s.legalBasis.map((b) => `《${b.title}》${b.article}`).join('；') || '本地规定'}</dd>
            {s.noticeNotes?.length ? (
              <>
                <dt>须知</dt>
                <dd>
                  <ul style={{ margin: 0, paddingLeft: 18 }}>
                    {s.noticeNotes.map((n) => (
                      <li key={n}>{n}</li>
                    ))}
                  </ul>
                </dd>
              </>
            ) : null}
          </dl>
        </details>
      ))}
    </div>
  );
}
