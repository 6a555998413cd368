import { describe, expect, it } from 'vitest';
import {
  type AgreementContent,
  contentProblems,
  copiesOf,
  missingSigners,
  requiredSigners,
} from './agreement';

const content: AgreementContent = {
  parties: [
    { partyId: 'a', role: 'applicant', name: '王甲乙', particulars: '男，1980 年生，汉族，住南苑社区' },
    { partyId: 'b', role: 'respondent', name: '李丙丁', particulars: '女，1982 年生，汉族，住南苑社区' },
  ],
  facts: '排水沟堵塞导致雨水倒灌。',
  issues: '由谁疏通、是否赔偿。',
  responsibility: '双方均有维护义务。',
  terms: ['李丙丁于 3 月 10 日前疏通排水沟'],
  performance: { manner: '自行疏通，村调委会回访', deadline: '2026-03-10' },
};

describe('the written mediation agreement (人民调解法 art. 29)', () => {
  it('needs every party, the mediator and the org’s seal', () => {
    expect(requiredSigners(content)).toEqual(['party:a', 'party:b', 'mediator', 'org']);
    expect(missingSigners(content, ['party:a', 'org'])).toEqual(['party:b', 'mediator']);
    expect(missingSigners(content, ['party:a', 'party:b', 'mediator', 'org'])).toEqual([]);
  });

  it('has one copy per party and one for the org', () => {
    expect(copiesOf(content)).toBe(3);
  });

  it('names each missing content of art. 29', () => {
    expect(contentProblems(content)).toEqual([]);
    const bare = { ...content, facts: ' ', terms: [], performance: { manner: '', deadline: '3月10日' } };
    expect(contentProblems(bare)).toEqual([
      '请填写纠纷的主要事实。',
      '请填写调解协议的内容。',
      '请填写履行方式。',
      '请填写履行期限（日期）。',
    ]);
    expect(contentProblems({ ...content, parties: [{ ...content.parties[0]!, particulars: '' }] })).toEqual([
      '调解协议须列明至少两方当事人。',
      '请填写当事人王甲乙的基本情况（性别、年龄、民族、住址等）。',
    ]);
  });
});
