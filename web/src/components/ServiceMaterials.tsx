import type { ServiceItem } from '../../../core/domain/catalog/service-catalog';

/**
 * What to bring for a service, in the residents' words. Plain markup, no component kit: the staff
 * catalogue (antd) and the residents' phone page (its own kit) both show it.
 */
export function ServiceMaterials({ materials }: { materials: ServiceItem['materials'] }) {
  if (!materials.length) return <>无需材料</>;
  return (
    <ul style={{ margin: 0, paddingLeft: 18 }}>
      {materials.map((m) => (
        <li key={m.name}>
          {m.name}
          {m.required ? '' : '（如有）'}
          {m.note ? `：${m.note}` : ''}
        </li>
      ))}
    </ul>
  );
}
