import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import data from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import year2026 from 'chinese-days/dist/years/2026.json' with { type: 'json' };
import { describe, expect, it } from 'vitest';
import { importHolidayIcs, importHolidayJson } from './holiday-import';
import { parseHolidayNotice } from './holiday-notice';
import { SAMPLE_2027_ARRANGEMENT, SAMPLE_2027_NOTICE_TEXT } from './holiday-notice.sample';

/** The feed the installed package ships (2024–2026), CRLF line ends and folded lines included. */
const PACKAGE_ICS = readFileSync(
  createRequire(import.meta.url).resolve('chinese-days/dist/holidays.ics'),
  'utf8',
);

function packageYear(year: number) {
  const ofYear = (map: Record<string, unknown>) =>
    Object.keys(map)
      .filter((date) => date.startsWith(`${year}-`))
      .sort();
  return { rest: ofYear(data.holidays), work: ofYear(data.workdays) };
}

const datesOf = (days: { date: string }[]) => days.map((d) => d.date);
const errorsOf = (r: { problems: { level: string }[] }) => r.problems.filter((p) => p.level === 'error');

describe('importHolidayJson: our own file', () => {
  it('reads {year, restDays, workdays, source} with days as strings or {date, name}', () => {
    const imported = importHolidayJson(
      JSON.stringify({
        year: 2027,
        restDays: SAMPLE_2027_ARRANGEMENT.restDays.map((date, i) =>
          i === 0 ? { date, name: '元旦' } : date,
        ),
        workdays: SAMPLE_2027_ARRANGEMENT.workdays,
        source: {
          title: '（样例）国务院办公厅关于2027年部分节假日安排的通知',
          number: null,
          publishedOn: '2026-11-01',
        },
      }),
    );
    expect(imported.problems).toEqual([]);
    expect(imported.year).toBe(2027);
    expect(datesOf(imported.restDays)).toEqual(SAMPLE_2027_ARRANGEMENT.restDays);
    expect(datesOf(imported.workdays)).toEqual(SAMPLE_2027_ARRANGEMENT.workdays);
    expect(imported.restDays[0]).toEqual({ date: '2027-01-01', name: '元旦' });
    expect(imported.source).toEqual({
      title: '（样例）国务院办公厅关于2027年部分节假日安排的通知',
      number: null,
      publishedOn: '2026-11-01',
    });
  });

  it('round-trips what the notice reader produced', () => {
    const parsed = parseHolidayNotice(SAMPLE_2027_NOTICE_TEXT);
    const imported = importHolidayJson({
      year: parsed.year,
      restDays: parsed.restDays,
      workdays: parsed.workdays,
    });
    expect(imported.problems).toEqual([]);
    expect(imported.restDays).toEqual(parsed.restDays);
    expect(imported.workdays).toEqual(parsed.workdays);
  });

  it('reports each wrong field at its path, in plain Chinese', () => {
    const imported = importHolidayJson({ year: '2027', restDays: ['2027-01-01', { date: '2027-02-30' }, 7] });
    expect(imported.year).toBeNull();
    expect(imported.problems.map((p) => [p.line, p.message])).toEqual([
      ['year', '应为数字。'],
      ['restDays[1].date', '“2027-02-30”不是有效的日期，应写成 2026-01-01 这样的年-月-日。'],
      ['restDays[2]', '应为对象。'],
    ]);
    expect(importHolidayJson({ year: 2027 }).problems).toEqual([
      { level: 'error', line: 'restDays', message: '缺少这一项。' },
    ]);
  });

  it('refuses text that is not JSON, or JSON of another shape', () => {
    expect(importHolidayJson('{year: 2027').problems[0]!.message).toBe('这不是有效的 JSON 文件，无法读取。');
    expect(importHolidayJson('[1, 2]').problems[0]!.message).toContain('认不出这个文件的格式');
    expect(importHolidayJson({ days: [] }).problems[0]!.message).toContain('认不出这个文件的格式');
  });

  it('checks the arrangement: another year’s day is reported and left out, a weekday make-up day is wrong', () => {
    const imported = importHolidayJson(
      { year: 2027, restDays: ['2026-12-31', ...SAMPLE_2027_ARRANGEMENT.restDays], workdays: ['2027-03-03'] },
      { year: 2027 },
    );
    expect(imported.restDays[0]!.date).toBe('2027-01-01');
    expect(errorsOf(imported)).toEqual([
      expect.objectContaining({ date: '2026-12-31', message: expect.stringContaining('属于2026年') }),
      expect.objectContaining({ date: '2027-03-03', message: expect.stringContaining('本来就是工作日') }),
    ]);
  });

  it('says when the file is for another year than the one being imported', () => {
    const imported = importHolidayJson({ year: 2026, restDays: ['2026-01-01'] }, { year: 2027 });
    expect(imported.problems[0]).toEqual({
      level: 'error',
      line: 'year',
      message: '文件里写的是2026年的安排，而要导入的是2027年，请核对是否选错了文件。',
    });
  });
});

describe('importHolidayJson: the chinese-days tables', () => {
  it('takes the requested year from the many-year tables: the same days as the 2026 notice', () => {
    const imported = importHolidayJson(data, { year: 2026 });
    expect(imported.problems).toEqual([]);
    expect(datesOf(imported.restDays)).toEqual(packageYear(2026).rest);
    expect(datesOf(imported.workdays)).toEqual(packageYear(2026).work);
    expect(imported.restDays[3]).toEqual({ date: '2026-02-15', name: '春节' });
    expect(imported.workdays[0]).toEqual({ date: '2026-01-04', name: '元旦调休上班' });
  });

  it('cuts by date: the 2022-12-31 of the 2023 New Year stays with 2022', () => {
    expect(datesOf(importHolidayJson(data, { year: 2023 }).restDays)).not.toContain('2022-12-31');
    expect(datesOf(importHolidayJson(data, { year: 2022 }).restDays)).toContain('2022-12-31');
  });

  it('asks which year when the tables hold several, and takes the one year of a one-year file', () => {
    const many = importHolidayJson(JSON.stringify(data));
    expect(many.year).toBeNull();
    expect(many.problems[0]!.message).toMatch(
      /^文件里有2004年至2026年共23个年份的安排，请选定要导入哪一年。$/,
    );
    const one = importHolidayJson(year2026);
    expect(one.year).toBe(2026);
    expect(datesOf(one.restDays)).toEqual(packageYear(2026).rest);
    expect(importHolidayJson(year2026, { year: 2027 }).problems[0]!.message).toBe(
      '文件里没有2027年的放假或上班安排。',
    );
  });

  it('reports a key that is not a date', () => {
    const imported = importHolidayJson({
      holidays: { '2026-1-1': '元旦', '2026-10-01': '国庆' },
      workdays: {},
    });
    expect(imported.problems[0]).toMatchObject({ line: 'holidays.2026-1-1', level: 'error' });
    expect(datesOf(imported.restDays)).toEqual(['2026-10-01']);
  });
});

describe('importHolidayIcs', () => {
  it('reads the package’s own feed for 2026 and 2025 into exactly its tables', () => {
    for (const year of [2025, 2026]) {
      const imported = importHolidayIcs(PACKAGE_ICS, { year });
      expect(imported.problems).toEqual([]);
      expect(datesOf(imported.restDays)).toEqual(packageYear(year).rest);
      expect(datesOf(imported.workdays)).toEqual(packageYear(year).work);
    }
    const y2026 = importHolidayIcs(PACKAGE_ICS, { year: 2026 });
    expect(y2026.restDays.find((d) => d.date === '2026-02-16')).toEqual({ date: '2026-02-16', name: '春节' });
    expect(y2026.workdays[0]).toEqual({ date: '2026-01-04', name: '元旦调休上班' });
  });

  it('asks which year when the feed covers several', () => {
    const imported = importHolidayIcs(PACKAGE_ICS);
    expect(imported.year).toBeNull();
    expect(imported.problems[0]!.message).toBe('文件里有2024年至2026年共3个年份的安排，请选定要导入哪一年。');
  });

  // A feed written for this test in the shapes public holiday calendars use: one event per day or one
  // per holiday, CRLF, a SUMMARY folded inside a Chinese word, escapes, an alarm with its own text.
  const FEED = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//test//holiday feed//CN',
    'BEGIN:VEVENT',
    'UID:a1',
    'DTSTART;VALUE=DATE:20270101',
    'DTEND;VALUE=DATE:20270104',
    'SUMMARY:元旦 假期 共3天',
    'BEGIN:VALARM',
    'ACTION:DISPLAY',
    'DESCRIPTION:提醒',
    'SUMMARY:春节 补班',
    'TRIGGER:-PT15M',
    'END:VALARM',
    'END:VEVENT',
    'BEGIN:VEVENT',
    'UID:a2',
    'DTSTART;VALUE=DATE:20270205',
    'DURATION:P9D',
    'SUMMARY:春',
    ' 节(休)',
    'END:VEVENT',
    'BEGIN:VEVENT',
    'UID:a3',
    'DTSTART;VALUE=DATE:20270131',
    'SUMMARY:春节 补班 第1天/共2天',
    'END:VEVENT',
    'BEGIN:VEVENT',
    'UID:a4',
    'DTSTART;TZID=Asia/Shanghai:20270220T000000',
    'DTEND;TZID=Asia/Shanghai:20270221T000000',
    'SUMMARY:春节 补班 第2天/共2天',
    'END:VEVENT',
    'BEGIN:VEVENT',
    'UID:a5',
    // 16:00 UTC is midnight in Beijing: 5 October to 7 October inclusive.
    'DTSTART:20271004T160000Z',
    'DTEND:20271007T160000Z',
    'SUMMARY:国庆节\\, 中秋节 放假',
    'END:VEVENT',
    'BEGIN:VEVENT',
    'UID:a6',
    'DTSTART;VALUE=DATE:20270501',
    'DTEND;VALUE=DATE:20270506',
    'SUMMARY:劳动节(休)',
    'STATUS:CANCELLED',
    'END:VEVENT',
    'END:VCALENDAR',
    '',
  ].join('\r\n');

  it('handles folding, DTEND exclusive, DURATION, no DTEND, date-times, escapes, alarms and cancelled events', () => {
    const imported = importHolidayIcs(FEED);
    expect(imported.year).toBe(2027);
    expect(imported.restDays).toEqual([
      { date: '2027-01-01', name: '元旦' },
      { date: '2027-01-02', name: '元旦' },
      { date: '2027-01-03', name: '元旦' },
      ...['05', '06', '07', '08', '09', '10', '11', '12', '13'].map((d) => ({
        date: `2027-02-${d}`,
        name: '春节',
      })),
      { date: '2027-10-05', name: '国庆节, 中秋节' },
      { date: '2027-10-06', name: '国庆节, 中秋节' },
      { date: '2027-10-07', name: '国庆节, 中秋节' },
    ]);
    expect(imported.workdays).toEqual([
      { date: '2027-01-31', name: '春节调休上班' },
      { date: '2027-02-20', name: '春节调休上班' },
    ]);
    // 清明节 and 劳动节 (cancelled) and 端午节 are not in this feed.
    expect(imported.problems.map((p) => [p.level, /没有找到(.+?)的放假安排/.exec(p.message)?.[1]])).toEqual([
      ['warning', '清明节'],
      ['warning', '劳动节'],
      ['warning', '端午节'],
    ]);
  });

  it('folds with LF line ends and a tab too', () => {
    const lf = FEED.replace(/\r\n/g, '\n').replace('\n 节(休)', '\n\t节(休)');
    expect(importHolidayIcs(lf).restDays).toEqual(importHolidayIcs(FEED).restDays);
  });

  it('reports events it cannot read, and a make-up day on a weekday', () => {
    const bad = [
      'BEGIN:VCALENDAR',
      'BEGIN:VEVENT',
      'DTSTART;VALUE=DATE:20270110',
      'DTEND;VALUE=DATE:20270110',
      'SUMMARY:元旦(休)',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'SUMMARY:春节(休)',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'DTSTART;VALUE=DATE:20270104',
      'SUMMARY:元旦(班)',
      'RRULE:FREQ=YEARLY',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'DTSTART;VALUE=DATE:20270401',
      'DTEND;VALUE=DATE:20270901',
      'SUMMARY:清明(休)',
      'END:VEVENT',
      'END:VCALENDAR',
    ].join('\n');
    const imported = importHolidayIcs(bad);
    expect(imported.problems.map((p) => [p.level, p.line, p.message])).toEqual([
      ['error', '元旦(休) 20270110', '结束日期不晚于开始日期，没有读取。'],
      ['error', '春节(休)', '这个日历事件没有开始日期，没有读取。'],
      ['warning', '元旦(班) 20270104', '这个事件按规则重复，只读取了第一次。'],
      ['error', '清明(休) 20270401', '这个事件长达153天，不像节假日，没有读取，请核对。'],
      ['error', '调休上班日', expect.stringMatching(/^2027年1月4日（星期一）本来就是工作日/)],
      ['error', '', '2027年的安排里没有任何放假日，请核对是否导入或粘贴完整。'],
    ]);
  });

  it('refuses a file that is not a calendar', () => {
    expect(importHolidayIcs('hello').problems).toEqual([
      { level: 'error', line: '', message: '这不是日历文件（.ics）：没有找到 BEGIN:VCALENDAR。' },
    ]);
    expect(() => importHolidayIcs(undefined as unknown as string)).toThrow(TypeError);
  });
});
