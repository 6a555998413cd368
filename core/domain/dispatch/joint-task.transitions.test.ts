import { describe, expect, it } from 'vitest';
import {
  allowedJointTaskActions,
  decideJointTask,
  type JointTaskPart,
  jointTaskActions,
  jointTaskStatuses,
  jointTaskTransitions,
} from './joint-task.transitions';

const parts: JointTaskPart[] = ['lead', 'co', 'convener'];

describe('the joint task transition table', () => {
  describe.each(jointTaskActions)('%s', (action) => {
    const row = jointTaskTransitions[action];
    it('is allowed from every listed status to a party of the row, and lands in a known status', () => {
      for (const s of row.from)
        for (const p of row.by) {
          const d = decideJointTask(s, action, [p]);
          expect(d.ok).toBe(true);
          if (d.ok) expect(jointTaskStatuses).toContain(d.to);
        }
    });
    it('is refused (409) from every other status, whoever asks', () => {
      for (const s of jointTaskStatuses.filter((x) => !row.from.includes(x))) {
        const d = decideJointTask(s, action, parts);
        expect(d).toMatchObject({ ok: false, code: 'TRANSITION_REFUSED', reason: 'TASK_NOT_OPEN' });
      }
    });
    it('is refused (403) to a party the row does not name', () => {
      for (const p of parts.filter((x) => !row.by.includes(x))) {
        const d = decideJointTask(row.from[0]!, action, [p]);
        expect(d).toMatchObject({ ok: false, code: 'FORBIDDEN', reason: 'NOT_YOUR_PART' });
      }
    });
  });

  it('lets a co-unit only report, the lead report and complete, the convener only withdraw', () => {
    expect(allowedJointTaskActions('assigned', ['co'])).toEqual(['report']);
    expect(allowedJointTaskActions('in_progress', ['lead'])).toEqual(['report', 'complete']);
    expect(allowedJointTaskActions('assigned', ['convener'])).toEqual(['withdraw']);
    expect(allowedJointTaskActions('done', parts)).toEqual([]);
    expect(allowedJointTaskActions('withdrawn', parts)).toEqual([]);
  });

  it('moves an assigned task to in progress on the first report and keeps it there', () => {
    expect(decideJointTask('assigned', 'report', ['co'])).toEqual({ ok: true, to: 'in_progress' });
    expect(decideJointTask('in_progress', 'report', ['lead'])).toEqual({ ok: true, to: 'in_progress' });
    expect(decideJointTask('in_progress', 'complete', ['lead'])).toEqual({ ok: true, to: 'done' });
  });
});
