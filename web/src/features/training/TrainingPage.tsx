/**
 * 日常培训 for the town (docs/WORKFORCE.md "Training"): who is due for which course, the sessions the
 * town or village held with their attendance, and the county's courses (kept by the district).
 */
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Space, Table, Tag, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { courseKindLabels } from '../../../../core/domain/training/course';
import type { ApiError } from '../../api/client';
import {
  type Course,
  type DueLine,
  fetchCourses,
  fetchDue,
  fetchSessions,
  type Session,
  trainingKeys,
} from '../../api/training';
import { useCan, useMe } from '../../app/auth';
import { CourseDialog } from './CourseDialog';
import { AttendanceDialog, SessionDialog } from './SessionDialogs';

const day = (iso: string) => new Date(iso).toLocaleDateString('zh-CN', { timeZone: 'Asia/Shanghai' });
const when = (iso: string) =>
  new Date(iso).toLocaleString('zh-CN', {
    timeZone: 'Asia/Shanghai',
    dateStyle: 'short',
    timeStyle: 'short',
  });

export function ruleText(c: Pick<Course, 'withinDays' | 'everyMonths'>): string {
  const first = `新入职（或课程开设后）${c.withinDays} 天内完成`;
  return c.everyMonths ? `${first}，此后每 ${c.everyMonths} 个月复训` : `${first}，一次即可`;
}

/** A table that scrolls sideways on a phone inside a region that takes the focus (scrollable-region-focusable). */
function Scroll({ label, minWidth, children }: { label: string; minWidth: number; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scroll box must take the focus to be scrolled by keyboard (WCAG 2.1.1)
    <section aria-label={label} tabIndex={0} style={{ overflowX: 'auto' }}>
      <div style={{ minWidth }}>{children}</div>
    </section>
  );
}

export function TrainingPage() {
  const can = useCan();
  const me = useMe();
  const due = useQuery({ queryKey: trainingKeys.due, queryFn: ({ signal }) => fetchDue(signal) });
  const sessions = useQuery({
    queryKey: trainingKeys.sessions,
    queryFn: ({ signal }) => fetchSessions(signal),
  });
  const courses = useQuery({ queryKey: trainingKeys.courses, queryFn: ({ signal }) => fetchCourses(signal) });
  const [newSession, setNewSession] = useState(false);
  const [newCourse, setNewCourse] = useState(false);
  const [roll, setRoll] = useState<Session | null>(null);
  const error = due.error ?? sessions.error ?? courses.error;
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        日常培训
      </Typography.Title>
      {error ? <Alert type="error" showIcon title={(error as ApiError).message} /> : null}

      <Typography.Title level={4} style={{ margin: 0 }}>
        应训名单
      </Typography.Title>
      <Scroll label="应训名单" minWidth={720}>
        <Table<DueLine>
          rowKey={(r) => `${r.worker.id}:${r.course.id}`}
          loading={due.isLoading}
          dataSource={due.data ?? []}
          pagination={false}
          data-testid="training-due"
          locale={{ emptyText: '暂无应训人员' }}
          columns={[
            { title: '网格员', render: (_, r) => r.worker.name },
            { title: '村（社区）', render: (_, r) => r.org.name },
            { title: '课程', render: (_, r) => r.course.name },
            { title: '应训起', render: (_, r) => day(r.since) },
            { title: '截止', render: (_, r) => day(r.by) },
            {
              title: '状态',
              render: (_, r) => (r.overdue ? <Tag color="red">已逾期</Tag> : <Tag color="blue">待完成</Tag>),
            },
          ]}
        />
      </Scroll>

      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          培训场次
        </Typography.Title>
        {can('training.record') ? (
          <Button type="primary" onClick={() => setNewSession(true)} disabled={!courses.data?.length}>
            登记培训
          </Button>
        ) : null}
      </Space>
      <Scroll label="培训场次" minWidth={720}>
        <Table<Session>
          rowKey="id"
          loading={sessions.isLoading}
          dataSource={sessions.data ?? []}
          pagination={false}
          data-testid="training-sessions"
          locale={{ emptyText: '暂无培训场次' }}
          columns={[
            { title: '课程', render: (_, r) => r.course.name },
            { title: '时间', render: (_, r) => when(r.heldAt) },
            { title: '地点', dataIndex: 'place' },
            { title: '举办单位', render: (_, r) => r.org.name },
            { title: '授课人', dataIndex: 'trainer' },
            { title: '签到', render: (_, r) => `到场 ${r.present} · 缺席 ${r.absent}` },
            ...(can('training.record')
              ? [
                  {
                    title: '操作',
                    render: (_: unknown, r: Session) => (
                      <Button size="small" onClick={() => setRoll(r)}>
                        登记签到
                      </Button>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Scroll>

      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          培训课程
        </Typography.Title>
        {can('workforce.manage') && me.org?.level === 'district' ? (
          <Button onClick={() => setNewCourse(true)}>新建课程</Button>
        ) : null}
      </Space>
      <div data-testid="training-courses" style={{ display: 'grid', gap: 8 }}>
        {(courses.data ?? []).map((c) => (
          <div
            key={c.id}
            style={{ background: '#fff', border: '1px solid #e8ecf1', borderRadius: 8, padding: 12 }}
          >
            <Typography.Text strong>{c.title}</Typography.Text> <Tag>{courseKindLabels[c.kind]}</Tag>
            <div>{ruleText(c)}</div>
            <div>
              {c.questionCount ? `测试 ${c.questionCount} 题，${c.passMark} 分及格` : '无测试，到场即完成'}
            </div>
            {c.summary ? (
              <Typography.Paragraph style={{ margin: 0 }}>{c.summary}</Typography.Paragraph>
            ) : null}
            {c.materials.map((m) => (
              <div key={m.url}>
                <a href={m.url} target="_blank" rel="noopener noreferrer">
                  {m.title}
                </a>
              </div>
            ))}
          </div>
        ))}
        {courses.data?.length === 0 ? <Typography.Text type="secondary">暂无课程</Typography.Text> : null}
      </div>

      {newSession && courses.data && me.org ? (
        <SessionDialog courses={courses.data} org={me.org} onClose={() => setNewSession(false)} />
      ) : null}
      {roll ? <AttendanceDialog session={roll} onClose={() => setRoll(null)} /> : null}
      {newCourse ? <CourseDialog onClose={() => setNewCourse(false)} /> : null}
    </Space>
  );
}
