/** 首页: what waits on the phone, my open tasks with their deadlines, my grids, today's patrol. */
import { Alert, Button, Popconfirm, Space, Statistic, Tag } from 'antd';
import { Link } from 'react-router';
import { matterStatusLabels } from '../../../../core/domain/matters/model';
import type { FieldHome } from '../../api/field';
import type { GridFeatureCollection } from '../../api/grids';
import { useField } from './field-context';
import { MyGridsMap } from './MyGridsMap';
import { MyRecordPanel } from './MyRecordPanel';
import { MyTrainingPanel } from './MyTrainingPanel';
import { deleteItem, type OutboxItem, putItem, writeCache } from './outbox-store';
import { Panel, Rows } from './Panel';
import { cacheKeys } from './sync';
import { useCached, useOutbox } from './useFieldStore';

const dueColor = { running: 'blue', due_soon: 'orange', overdue: 'red', paused: 'default', done: 'green' };

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
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      {notice ? (
        <Alert
          type="warning"
          showIcon
          closable
          title={notice}
          onClose={() => void writeCache(cacheKeys.notice, undefined)}
          data-testid="field-notice"
        />
      ) : null}
      <Panel title="待同步">
        <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
          <Statistic title="未发送" value={pending.length} suffix="条" />
          <span data-testid="outbox-pending" hidden>
            {pending.length}
          </span>
          <Statistic title="需处理" value={conflicts.length} suffix="条" />
          <Button
            type="primary"
            onClick={() => void sync()}
            loading={syncing}
            disabled={!online}
            data-testid="field-sync"
          >
            {online ? '立即同步' : '离线中，联网后自动同步'}
          </Button>
        </Space>
        {last && last.status === 'ok' && last.sent > 0 ? (
          <span style={{ color: '#389e0d' }}>刚刚同步了 {last.sent} 条。</span>
        ) : null}
        {pending.length > 0 ? (
          <Rows
            items={pending}
            rowKey={(i) => i.id}
            testId="outbox-item"
            render={(i) => (
              <Space direction="vertical" size={0}>
                <span>{itemTitle(i)}</span>
                {i.message ? (
                  <span style={{ color: 'rgba(0, 0, 0, 0.62)' }}>上次尝试：{i.message}</span>
                ) : null}
              </Space>
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
              <Space direction="vertical" size={4} style={{ width: '100%' }}>
                <span>{itemTitle(i)}</span>
                <span style={{ color: '#cf1322' }}>{i.message}</span>
                {i.type === 'refused' ? (
                  // Nothing is left to retry or give up: the worker acknowledges the refusal.
                  <Button size="small" onClick={() => void deleteItem(i.id)} data-testid="outbox-refused-ack">
                    知道了
                  </Button>
                ) : (
                  <Space>
                    <Button
                      size="small"
                      onClick={() =>
                        void putItem({ ...i, state: 'pending', message: null }).then(() => sync())
                      }
                    >
                      重试
                    </Button>
                    <Popconfirm
                      title="确定放弃这条记录？放弃后无法恢复。"
                      okText="放弃"
                      cancelText="取消"
                      onConfirm={() => void deleteItem(i.id)}
                    >
                      <Button size="small" danger>
                        放弃
                      </Button>
                    </Popconfirm>
                  </Space>
                )}
              </Space>
            )}
          />
        </Panel>
      ) : null}

      <Space style={{ width: '100%' }}>
        <Link to="/field/report">
          <Button type="primary" size="large">
            上报事件
          </Button>
        </Link>
        <Link to="/field/log">
          <Button size="large">记巡查走访</Button>
        </Link>
      </Space>

      <Panel title="今日巡查">
        <Space size={24}>
          <Statistic title="巡查" value={(home?.today.patrols ?? 0) + waiting('patrol')} suffix="次" />
          <Statistic title="走访" value={(home?.today.visits ?? 0) + waiting('visit')} suffix="次" />
        </Space>
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
          <p style={{ color: 'rgba(0, 0, 0, 0.62)', margin: 0 }}>
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
            <Space direction="vertical" size={2} style={{ width: '100%' }}>
              <Space wrap size={4}>
                <strong>{m.title}</strong>
                <Tag>{matterStatusLabels[m.status]}</Tag>
              </Space>
              <span style={{ color: 'rgba(0, 0, 0, 0.62)', fontSize: 12 }}>{m.code}</span>
              {m.nextDue ? (
                <Space size={4} wrap>
                  <Tag color={dueColor[m.nextDue.state]}>{m.nextDue.label}</Tag>
                  <span>{m.nextDue.remaining}</span>
                  {m.nextDue.dueAt ? (
                    <span style={{ color: 'rgba(0, 0, 0, 0.62)', fontSize: 12 }}>
                      期限 {new Date(m.nextDue.dueAt).toLocaleString('zh-CN', { hour12: false })}
                    </span>
                  ) : null}
                </Space>
              ) : null}
            </Space>
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
    </Space>
  );
}
