import { describe, expect, it } from 'vitest';
import { matterActions } from '../../../../core/domain/matters/commands';
import { transitionTable } from '../../../../core/domain/matters/transitions';
import { timelineLabel } from './matters.presenter';

describe('the timeline in words', () => {
  it('names the automatic steps residents and staff saw as codes', () => {
    expect(timelineLabel('deadline.overdue', {})).toBe('期限届满未办结（超期）');
    expect(timelineLabel('field.report_received', {})).toBe('收到网格员上报');
    expect(timelineLabel('deadline.warned', {})).toBe('期限即将届满提醒');
  });

  it('labels every lifecycle step by its action, and never shows an event code', () => {
    for (const a of matterActions) {
      expect(timelineLabel(transitionTable[a].eventName, { action: a })).toBe(transitionTable[a].label);
    }
    expect(timelineLabel('something.new_later', {})).toBe('其他办理记录');
  });
});
