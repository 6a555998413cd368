/** 首页: what waits on the phone, my open tasks with their deadlines, my grids, today's patrol. */
import { useState } from 'react';
import { matterStatusLabels } from '../../../../core/domain/matters/model';
import type { FieldHome } from '../../api/field';
import type { GridFeatureCollection } from '../../api/grids';
import { Alert } from '../../phone/kit/Alert';
import { Button, buttonClass } from '../../phone/kit/Button';
import { Tag, type TagColor } from '../../phone/kit/Tag';
import { Link } from '../../phone/router';
import { useField } from './field-context';
import { MyGridsMap } from './MyGridsMap';
import { MyRecordPanel } from './MyRecordPanel';
import { MyTrainingPanel } from './MyTrainingPanel';
import { deleteItem, type OutboxItem, putItem, writeCache } from './outbox-store';
import { Panel, Rows, Stat } from './Panel';
import { cacheKeys } from './sync';
import { useCached, useOutbox } from './useFieldStore';

const dueColor: Record<string, TagColor> = {
  running: 'blue',
  due_soon: 'orange',
  overdue: 'red',
  paused: 'default',
  done: 'green',
};

function itemTitle(i: OutboxItem): string {
  if (i.type === 'refused') {
    const at = new Date(i.createdAt).toLocaleString('zh-CN', { hour12: false });
    return `${i.what}（${at} 保存于原辖区，内容已从本机清除）`;
  }
  if (i.type === 'report') return `上报：${i.body.title}`;
  const kind = { patrol: '巡查', visit: '走访', note: '笔记' }[i.body.kind];
  return `${kind}：${i.body.note.slice(0, 24)}`;
}

function isToday(iso: string): boolean {
  return new Date(iso).toDateString() === new Date().toDateString();
}

/** A record the server did not take: retry it, or give it up after saying it cannot be undone. */
function ConflictActions({ item }: { item: OutboxItem }) {
  const { sync } = useField();
  const [asking, setAsking] = useState(false);
  if (item.type === 'refused') {
    // Nothing is left to retry or give up: the worker acknowledges the refusal.
    return (
      <Button size="small" onClick={() => void deleteItem(item.id)} data-testid="outbox-refused-ack">
        知道了
      </Button>
    );
  }
  if (asking) {
    return (
      <div className="zz-row" role="alert">
        <span>确定放弃这条记录？放弃后无法恢复。</span>
        <Button size="small" className="zz-btn-danger" onClick={() => void deleteItem(item.id)}>
          放弃
        </Button>
        <Button size="small" onClick={() => setAsking(false)}>
          取消
        </Button>
      </div>
    );
  }
  return (
    <div className="zz-row">
      <Button
        size="small"
        onClick={() => void putItem({ ...item, state: 'pending', message: null }).then(() => sync())}
      >
        重试
      </Button>
      <Button size="small" className="zz-btn-danger" onClick={() => setAsking(true)}>
        放弃
      </Button>
    </div>
  );
}

export function FieldHomePage() {
  const { online, syncing, sync, last } = useField();
  const items = useOutbox();
  const home = useCached<FieldHome>(cacheKeys.home);
  const grids = useCached<GridFeatureCollection>(cacheKeys.grids);
  const notice = useCached<string>(cacheKeys.notice);
  const pending = items.filter((i) => i.state === 'pending');
  const conflicts = items.filter((i) => i.state === 'conflict');
  const sent = items
    .filter((i) => i.state === 'sent')
    .slice(-5)
    .reverse();
  const mine = new Set((home?.grids ?? []).map((g) => g.code));
  // Today's counts: what the server has, plus what waits on the phone.
  const waiting = (kind: 'patrol' | 'visit'): number =>
    pending.filter((i) => i.type === 'log' && i.body.kind === kind && isToday(i.body.happenedAt)).length;

  return (
    <>
      {notice ? (
        <Alert
          type="warning"
          title={notice}
          data-testid="field-notice"
          action={
            <Button size="small" onClick={() => void writeCache(cacheKeys.notice, undefined)}>
              知道了
            </Button>
          }
        />
      ) : null}
      <Panel title="待同步">
        <div className="zz-stats" style={{ justifyContent: 'space-between' }}>
          <Stat title="未发送" value={pending.length} unit="条" />
          <span data-testid="outbox-pending" hidden>
            {pending.length}
          </span>
          <Stat title="需处理" value={conflicts.length} unit="条" />
          <Button
            variant="primary"
            onClick={() => void sync()}
            loading={syncing}
            disabled={!online}
            data-testid="field-sync"
          >
            {online ? '立即同步' : '离线中，联网后自动同步'}
          </Button>
        </div>
        {last && last.status === 'ok' && last.sent > 0 ? (
          <p className="zz-ok" style={{ margin: '8px 0 0' }}>
            刚刚同步了 {last.sent} 条。
          </p>
        ) : null}
        {pending.length > 0 ? (
          <Rows
            items={pending}
            rowKey={(i) => i.id}
            testId="outbox-item"
            render={(i) => (
              <>
                <div>{itemTitle(i)}</div>
                {i.message ? <div className="zz-muted">上次尝试：{i.message}</div> : null}
              </>
            )}
          />
        ) : null}
      </Panel>

      {conflicts.length > 0 ? (
        <Panel title="服务器未接受的记录（请处理）">
          <Rows
            items={conflicts}
            rowKey={(i) => i.id}
            testId="outbox-conflict"
            render={(i) => (
              <>
                <div>{itemTitle(i)}</div>
                <div className="zz-danger" style={{ marginBottom: 4 }}>
                  {i.message}
                </div>
                <ConflictActions item={i} />
              </>
            )}
          />
        </Panel>
      ) : null}

      <div className="zz-row" style={{ marginBottom: 12 }}>
        <Link to="/field/report" className={buttonClass('primary', false, 'large')}>
          上报事件
        </Link>
        <Link to="/field/log" className={buttonClass('default', false, 'large')}>
          记巡查走访
        </Link>
      </div>

      <Panel title="今日巡查">
        <div className="zz-stats">
          <Stat title="巡查" value={(home?.today.patrols ?? 0) + waiting('patrol')} unit="次" />
          <Stat title="走访" value={(home?.today.visits ?? 0) + waiting('visit')} unit="次" />
        </div>
      </Panel>

      <MyTrainingPanel />

      <MyRecordPanel />

      <Panel title="我的网格">
        {home?.grids.length ? (
          <>
            <MyGridsMap grids={grids} mine={mine} position={null} />
            <p style={{ margin: '8px 0 0' }}>{home.grids.map((g) => g.name).join('、')}</p>
          </>
        ) : (
          <p className="zz-muted" style={{ margin: 0 }}>
            {home ? '尚未分配网格' : '联网同步后显示'}
          </p>
        )}
      </Panel>

      <Panel title={`待办事项${home ? `（${home.tasks.length}）` : ''}`}>
        <Rows
          items={home?.tasks ?? []}
          rowKey={(m) => m.id}
          testId="field-task"
          empty={home ? '暂无待办事项' : '联网同步后显示'}
          render={(m) => (
            <>
              <div className="zz-row" style={{ gap: 4 }}>
                <strong>{m.title}</strong>
                <Tag>{matterStatusLabels[m.status]}</Tag>
              </div>
              <div className="zz-muted zz-small">{m.code}</div>
              {m.nextDue ? (
                <div className="zz-row" style={{ gap: 4 }}>
                  <Tag color={dueColor[m.nextDue.state] ?? 'default'}>{m.nextDue.label}</Tag>
                  <span>{m.nextDue.remaining}</span>
                  {m.nextDue.dueAt ? (
                    <span className="zz-muted zz-small">
                      期限 {new Date(m.nextDue.dueAt).toLocaleString('zh-CN', { hour12: false })}
                    </span>
                  ) : null}
                </div>
              ) : null}
            </>
          )}
        />
      </Panel>

      {sent.length > 0 ? (
        <Panel title="最近已同步">
          <Rows
            items={sent}
            rowKey={(i) => i.id}
            testId="outbox-sent"
            render={(i) => (
              <span>
                {itemTitle(i)}
                {i.receipt ? ` · ${i.receipt}` : ''}
              </span>
            )}
          />
        </Panel>
      ) : null}
    </>
  );
}
