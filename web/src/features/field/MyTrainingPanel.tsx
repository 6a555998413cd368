/**
 * 我的培训 on /field: the courses the worker is due for (and by when), their materials, and the short
 * test, answered here and scored on the server, which alone holds the right answers. Plain markup
 * and native inputs: the kit's first load stays small (bench/bundle.bench.ts).
 */
import { useState } from 'react';
import { type AttemptResult, fetchMyTraining, fetchTest, submitTest } from '../../api/training';
import { useAction, useFetch } from '../../phone/fetch';
import { Button } from '../../phone/kit/Button';
import { Panel, Rows } from './Panel';

const day = (iso: string) => new Date(iso).toLocaleDateString('zh-CN', { timeZone: 'Asia/Shanghai' });
const muted = { color: 'rgba(0, 0, 0, 0.62)' };
const mineKey = 'my-training';

function TestForm({
  courseId,
  onDone,
  onScored,
}: {
  courseId: string;
  onDone: () => void;
  /** The server has scored it: the course list is read again. */
  onScored: () => void;
}) {
  const test = useFetch(`training-test:${courseId}`, () => fetchTest(courseId));
  const [answers, setAnswers] = useState<Record<string, number[]>>({});
  const [result, setResult] = useState<AttemptResult | null>(null);
  const send = useAction((a: Record<string, number[]>) => submitTest(courseId, { answers: a }));
  const hand = async () => {
    const r = await send.run(answers);
    if (!r) return;
    setResult(r);
    onScored();
  };
  if (test.isPending) return <p style={muted}>正在读取试题…</p>;
  if (!test.data) return <p style={muted}>联网后可参加测试</p>;
  if (result) {
    return (
      <div role="status" data-testid="training-result">
        <p style={{ margin: '8px 0' }}>
          得分 <strong>{result.score}</strong> 分（答对 {result.right}/{result.total}，{result.passMark}{' '}
          分及格）：
          {result.passed ? '已通过' : '未通过'}
        </p>
        {result.wrong.length ? <p style={muted}>答错的题：{result.wrong.join('；')}</p> : null}
        <Button size="small" onClick={onDone}>
          返回
        </Button>
      </div>
    );
  }
  const choose = (qid: string, i: number, multiple: boolean, on: boolean) =>
    setAnswers((a) => {
      const now = a[qid] ?? [];
      const next = multiple ? (on ? [...now, i] : now.filter((x) => x !== i)) : [i];
      return { ...a, [qid]: next };
    });
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void hand();
      }}
    >
      {test.data.questions.map((q, n) => (
        <fieldset key={q.id} style={{ border: 'none', padding: 0, margin: '8px 0' }}>
          <legend style={{ fontWeight: 600 }}>
            {n + 1}. {q.prompt}
            {q.multiple ? '（多选）' : ''}
          </legend>
          {q.options.map((o, i) => (
            <label key={o} style={{ display: 'block', padding: '6px 0' }}>
              <input
                type={q.multiple ? 'checkbox' : 'radio'}
                name={q.id}
                checked={(answers[q.id] ?? []).includes(i)}
                onChange={(e) => choose(q.id, i, q.multiple, e.target.checked)}
              />{' '}
              {o}
            </label>
          ))}
        </fieldset>
      ))}
      {send.error ? (
        <p role="alert" style={{ color: '#a8071a' }}>
          {send.error.message}
        </p>
      ) : null}
      <div className="zz-row">
        <Button variant="primary" size="small" htmlType="submit" loading={send.isPending}>
          交卷
        </Button>
        <Button size="small" onClick={onDone}>
          取消
        </Button>
      </div>
    </form>
  );
}

export function MyTrainingPanel() {
  // Not retried: offline it says 联网后显示 at once.
  const mine = useFetch(mineKey, () => fetchMyTraining(), { retry: () => false });
  const [testing, setTesting] = useState<string | null>(null);
  // What he owes first; courses already done stay listed below with their result.
  const courses = [...(mine.data?.courses ?? [])].sort((a, b) => Number(!!b.due) - Number(!!a.due));
  return (
    <Panel title="我的培训" testId="my-training">
      {mine.isError ? (
        <p style={{ margin: 0, ...muted }}>联网后显示</p>
      ) : (
        <Rows
          items={courses}
          rowKey={(c) => c.id}
          empty={mine.isPending ? '正在读取…' : '暂无培训课程'}
          render={(c) => (
            <div data-testid="my-course">
              <strong>{c.title}</strong>{' '}
              {c.due ? (
                <span style={{ color: c.due.overdue ? '#a8071a' : '#874d00' }}>
                  {c.due.overdue ? '已逾期' : '待完成'}，{day(c.due.by)} 前完成
                </span>
              ) : c.completedAt ? (
                <span style={{ color: '#135200' }}>已完成（{day(c.completedAt)}）</span>
              ) : null}
              {c.summary ? <div style={muted}>{c.summary}</div> : null}
              {c.materials.map((m) => (
                <div key={m.url}>
                  <a href={m.url} target="_blank" rel="noopener noreferrer">
                    {m.title}
                  </a>
                </div>
              ))}
              {c.lastAttempt ? (
                <div style={muted}>
                  最近一次测试 {c.lastAttempt.score} 分，{c.lastAttempt.passed ? '通过' : '未通过'}
                </div>
              ) : null}
              {c.questionCount > 0 && testing !== c.id ? (
                <Button size="small" onClick={() => setTesting(c.id)} style={{ marginTop: 4 }}>
                  参加测试（{c.questionCount} 题）
                </Button>
              ) : null}
              {c.questionCount === 0 && c.due ? <div style={muted}>参加培训并签到即完成</div> : null}
              {testing === c.id ? (
                <TestForm courseId={c.id} onDone={() => setTesting(null)} onScored={mine.reload} />
              ) : null}
            </div>
          )}
        />
      )}
    </Panel>
  );
}
