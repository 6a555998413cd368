import { describe, expect, it } from 'vitest';
import type { NoticeRow } from './matters.repo';
import {
  residentAnswer,
  residentStatusLabel,
  residentTimeline,
  type TimelineEvent,
} from './public.presenter';

const at = (m: number) => new Date(Date.UTC(2026, 2, 2, 1, m));
const ev = (
  m: number,
  action: string,
  after: Record<string, unknown>,
  reason: string | null = null,
): TimelineEvent => ({
  at: at(m),
  action,
  after,
  reason,
});
const orgs: Record<string, string> = { town: '东大街街道综治中心', village: '南苑社区综治中心' };
const orgName = (id: unknown) => orgs[String(id)] ?? '有关单位';

describe('the timeline in the resident’s words', () => {
  it('says where the matter went and who took it, and leaves out steps that are not theirs', () => {
    const words = residentTimeline(
      [
        ev(0, 'matter.registered', { code: '620602-2026-000001' }),
        ev(1, 'matter.transferred', { action: 'transfer', toOrgId: 'town', status: 'transferring' }),
        ev(2, 'matter.received', { action: 'receive', ownerOrgId: 'town', status: 'handling' }),
        ev(2.5, 'matter.transfer_recalled', { action: 'recall', ownerOrgId: 'village', status: 'handling' }),
        ev(3, 'matter.co_handler_released', { action: 'release_co_handler', status: 'handling' }),
        ev(4, 'matter.pii_read', {}),
        ev(5, 'matter.attachment_added', { origin: 'staff' }),
        ev(6, 'matter.attachment_added', { origin: 'resident' }),
      ],
      orgName,
    );
    expect(words.map((w) => w.label)).toEqual([
      '提交登记',
      '已转至东大街街道综治中心',
      '由东大街街道综治中心办理',
      '继续由南苑社区综治中心办理',
      '您补充了材料',
    ]);
    expect(words[1]!.status).toBe('正在转交');
    expect(JSON.stringify(words)).not.toMatch(/流转|交办|上提|转办|解除协办/);
  });

  it('names statuses as a resident would', () => {
    expect(residentStatusLabel('transferring')).toBe('正在转交');
    expect(residentStatusLabel('answered')).toBe('已答复');
  });
});

describe('the answer', () => {
  const notice = (kind: string, lines: string[], m: number): NoticeRow =>
    ({
      kind,
      title: kind === 'answer' ? '答复意见' : '信访处理意见书',
      body: { lines },
      servedAt: at(m),
    }) as NoticeRow;

  it('is the latest answering notice, without its head and foot', () => {
    const a = residentAnswer(
      [
        notice('acceptance', ['事项编号：X', '事项：Y', '已受理', '南苑社区综治中心', '2026年3月2日'], 1),
        notice(
          'answer',
          [
            '事项编号：X',
            '事项：Y',
            '答复：已加装接水槽。',
            '请您对办理结果作出评价。',
            '南苑社区综治中心',
            '2026年3月2日',
          ],
          2,
        ),
      ],
      [],
    );
    expect(a).toMatchObject({
      title: '答复意见',
      lines: ['答复：已加装接水槽。', '请您对办理结果作出评价。'],
      org: '南苑社区综治中心',
    });
  });

  it('after a check, says the result that was checked', () => {
    const a = residentAnswer(
      [
        notice(
          'answer',
          [
            '事项编号：X',
            '事项：Y',
            '答复：',
            '请您对办理结果作出评价。',
            '南苑社区综治中心',
            '2026年3月2日',
          ],
          5,
        ),
      ],
      [ev(3, 'matter.feedback_submitted', { action: 'submit_feedback' }, '路灯已更换，恢复照明。')],
    );
    expect(a?.lines).toEqual(['答复：路灯已更换，恢复照明。', '请您对办理结果作出评价。']);
  });

  it('is none before there is one', () => {
    expect(residentAnswer([], [])).toBeNull();
  });
});
