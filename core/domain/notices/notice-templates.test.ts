import { describe, expect, it } from 'vitest';
import {
  checkNoticeTemplate,
  fillPlaceholders,
  noticeTemplateCodes,
  noticeTemplateSpecs,
  placeholdersIn,
  resolveNoticeTemplates,
  sampleParams,
} from './notice-templates';

describe('notice templates', () => {
  it('ships texts that pass their own checks and fill from their samples', () => {
    for (const code of noticeTemplateCodes) {
      const spec = noticeTemplateSpecs[code];
      expect(checkNoticeTemplate(code, spec), code).toEqual([]);
      expect(fillPlaceholders(spec.text, sampleParams(code))).not.toMatch(/[{}]/);
      for (const r of spec.required) expect(Object.keys(spec.placeholders), code).toContain(r);
    }
  });

  it('refuses placeholders the sender does not fill, in the title too, and lists the usable ones', () => {
    const issues = checkNoticeTemplate('matter_transferred', {
      title: '{name}的事项已转办',
      text: '事项 {code} 已转交{org}，联系人 {phone}。',
    });
    expect(issues).toEqual([
      '标题中的占位符 {name} 不可用；可用的有：{code}、{org}',
      '内容中的占位符 {phone} 不可用；可用的有：{code}、{org}',
    ]);
  });

  it('requires the placeholders the recipient needs, and refuses stray braces and ID numbers', () => {
    expect(
      checkNoticeTemplate('matter_extended', { title: '延期', text: '事项 {code} 延期 {days} 日。' }),
    ).toEqual(['内容必须包含 {due}（新的办结期限）']);
    expect(
      checkNoticeTemplate('service_assignment', { title: '派单', text: '事项 {code} 请办理 {task' }),
    ).toEqual(['内容中有不成对的花括号']);
    expect(
      checkNoticeTemplate('service_assignment', {
        title: '派单',
        text: '事项 {code}，核对 62060219800101001X。',
      }),
    ).toEqual(['内容中不得出现身份证号码']);
  });

  it('finds each placeholder once, and puts a county’s texts over the shipped ones', () => {
    expect(placeholdersIn('{a}{b}{a}')).toEqual(['a', 'b']);
    const r = resolveNoticeTemplates({ matter_answered: { title: 'T', text: '事项 {code}' } });
    expect(r.matter_answered).toEqual({ title: 'T', text: '事项 {code}', customised: true });
    expect(r.matter_accepted.customised).toBe(false);
    expect(() => fillPlaceholders('{code}', {})).toThrow(/code/);
  });
});
