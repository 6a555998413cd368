import { describe, expect, it } from 'vitest';
import { intakeBodySchema } from '../../../../core/contracts/matters';
import { type IntakeValues, toBody } from './intake-form';

const typed: IntakeValues = {
  kind: 'dispute',
  channel: 'walk_in',
  categoryCode: 'neighbor',
  title: '  邻里漏水纠纷 ',
  description: '楼上卫生间漏水，协商未果。\n',
  urgent: false,
  villageId: '',
  address: '   ',
  parties: [
    { role: 'applicant', name: ' 王小明 ', phone: ' 13800001234 ', idNumber: '62060219800101123x' },
    { role: 'respondent', name: '李四', phone: '', address: ' 和平村二组 ' },
  ],
};

describe('the intake form as the API takes it', () => {
  it('trims what a clerk typed, drops blanks, and upper-cases the ID check letter', () => {
    const body = toBody(typed);
    expect(body.title).toBe('邻里漏水纠纷');
    expect(body.description).toBe('楼上卫生间漏水，协商未果。');
    expect(body.place).toEqual({ villageId: undefined, address: undefined });
    expect(body.urgent).toBeUndefined();
    expect(body.parties[0]).toMatchObject({
      name: '王小明',
      phone: '13800001234',
      idNumber: '62060219800101123X',
    });
    expect(body.parties[1]).toMatchObject({ name: '李四', phone: undefined, address: '和平村二组' });
    expect(body).not.toHaveProperty('receivedAt');
    // What the form sends is what the server's contract accepts.
    expect(intakeBodySchema.safeParse(body).success).toBe(true);
  });

  it('dates a letter received earlier at the start of that day in Beijing, with its evidence', () => {
    const body = toBody({ ...typed, receivedDate: '2026-12-31', receiptEvidence: ' 邮戳 12-31 ' });
    expect(body.receivedAt).toBe('2026-12-30T16:00:00.000Z');
    expect(body.receiptEvidence).toBe('邮戳 12-31');
  });
});
