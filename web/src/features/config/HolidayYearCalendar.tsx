/**
 * A year as twelve small months, every rest day and every make-up working day (调休上班) marked, so
 * the administrator can check a loaded notice against the published one at a glance and correct a
 * day by clicking it: an ordinary day becomes a rest day, a rest day a working day (weekends only),
 * and back. Each day is a button with its full meaning in its label, for keyboards and screen readers.
 */
import { Space, Tag, Typography } from 'antd';
import { addCalendarDays, type LocalDate, weekdayOf } from '../../../../core/domain/time-limits/local-date';

export interface DayMark {
  date: string;
  name: string;
}

type Kind = 'rest' | 'work' | 'plain';

const weekdayNames = ['日', '一', '二', '三', '四', '五', '六'];
const kindColors: Record<Kind, { background: string; color: string }> = {
  // Contrast ≥ 4.5:1 for the day numbers on each background.
  rest: { background: '#fde2e2', color: '#a8071a' },
  work: { background: '#dbeafe', color: '#0b3d91' },
  plain: { background: 'transparent', color: '#1f2937' },
};

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

export function HolidayYearCalendar({
  year,
  restDays,
  workdays,
  onToggle,
  flagged = [],
}: {
  year: number;
  restDays: DayMark[];
  workdays: DayMark[];
  /** Absent: read only. */
  onToggle?: (date: string, next: Kind) => void;
  /** Days a reader found questionable: outlined. */
  flagged?: string[];
}) {
  const rest = new Map(restDays.map((d) => [d.date, d.name]));
  const work = new Map(workdays.map((d) => [d.date, d.name]));
  const kindOf = (d: string): Kind => (rest.has(d) ? 'rest' : work.has(d) ? 'work' : 'plain');
  const nextKind = (d: string): Kind => {
    const k = kindOf(d);
    const weekend = weekdayOf(d as LocalDate) % 6 === 0;
    if (k === 'plain') return 'rest';
    if (k === 'rest') return weekend ? 'work' : 'plain';
    return 'plain';
  };
  return (
    <div>
      <Space wrap style={{ marginBottom: 8 }}>
        <Tag color="red">休 放假</Tag>
        <Tag color="blue">班 调休上班</Tag>
        <Typography.Text type="secondary">
          {onToggle ? '点击日期可改：普通日 → 放假 →（周末）调休上班 → 普通日' : ''}
        </Typography.Text>
      </Space>
      <div
        style={{
          display: 'grid',
          gridTemplateColumns: 'repeat(auto-fill, minmax(230px, 1fr))',
          gap: 12,
        }}
        data-testid="holiday-year-calendar"
      >
        {Array.from({ length: 12 }, (_, i) => i + 1).map((month) => {
          const first = `${year}-${pad(month)}-01` as LocalDate;
          const lead = weekdayOf(first);
          const days: string[] = [];
          for (let d = first; d.slice(5, 7) === pad(month); d = addCalendarDays(d, 1)) days.push(d);
          return (
            <section key={month} aria-label={`${year}年${month}月`}>
              <Typography.Text strong>{month} 月</Typography.Text>
              <div style={{ display: 'grid', gridTemplateColumns: 'repeat(7, 1fr)', gap: 2, marginTop: 4 }}>
                {weekdayNames.map((w) => (
                  <span key={w} aria-hidden style={{ fontSize: 12, textAlign: 'center', color: '#4b5563' }}>
                    {w}
                  </span>
                ))}
                {lead > 0 ? <span aria-hidden style={{ gridColumn: `span ${lead}` }} /> : null}
                {days.map((d) => {
                  const kind = kindOf(d);
                  const name = rest.get(d) ?? work.get(d);
                  const label = `${year}年${month}月${Number(d.slice(8))}日 星期${weekdayNames[weekdayOf(d as LocalDate)]}${
                    kind === 'rest'
                      ? `，放假${name ? `（${name}）` : ''}`
                      : kind === 'work'
                        ? '，调休上班'
                        : ''
                  }`;
                  const style = {
                    ...kindColors[kind],
                    border: flagged.includes(d) ? '2px solid #d46b08' : '1px solid #e5e7eb',
                    borderRadius: 4,
                    padding: '2px 0',
                    fontSize: 12,
                    lineHeight: '18px',
                    minHeight: 24,
                    textAlign: 'center' as const,
                    cursor: onToggle ? 'pointer' : 'default',
                  };
                  const text = (
                    <>
                      {Number(d.slice(8))}
                      {kind === 'rest' ? '休' : kind === 'work' ? '班' : ''}
                    </>
                  );
                  return onToggle ? (
                    <button
                      key={d}
                      type="button"
                      style={style}
                      aria-label={label}
                      data-date={d}
                      data-kind={kind}
                      onClick={() => onToggle(d, nextKind(d))}
                    >
                      {text}
                    </button>
                  ) : (
                    <span key={d} style={style} title={label} data-date={d} data-kind={kind}>
                      {text}
                    </span>
                  );
                })}
              </div>
            </section>
          );
        })}
      </div>
    </div>
  );
}
