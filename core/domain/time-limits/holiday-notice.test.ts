import data from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkYearArrangement, type HolidayProblem } from './holiday-checks';
import { parseHolidayNotice } from './holiday-notice';
import { SAMPLE_2027_ARRANGEMENT, SAMPLE_2027_NOTICE_TEXT } from './holiday-notice.sample';

/** The festival lines of the real 2026 notice (国办发明电〔2025〕7号), as published. */
const NOTICE_2026_LINES = `一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。
二、春节：2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假调休，共9天。2月14日（周六）、2月28日（周六）上班。
三、清明节：4月4日（周六）至6日（周一）放假，共3天。
四、劳动节：5月1日（周五）至5日（周二）放假调休，共5天。5月9日（周六）上班。
五、端午节：6月19日（周五）至21日（周日）放假，共3天。
六、中秋节：9月25日（周五）至27日（周日）放假，共3天。
七、国庆节：10月1日（周四）至7日（周三）放假调休，共7天。9月20日（周日）、10月10日（周六）上班。`;

// The whole notice as an administrator would copy it from the government website: title, number,
// addressees, preamble, the lines, the closing paragraph and the signature (whose year, 2025, is the
// year of signing and must not be taken for the arrangement's).
const NOTICE_2026_PASTED = `国务院办公厅关于2026年部分节假日安排的通知
国办发明电〔2025〕7号

各省、自治区、直辖市人民政府，国务院各部委、各直属机构：
经国务院批准，现将2026年元旦、春节、清明节、劳动节、端午节、中秋节和国庆节放假调休日期的具体安排通知如下。
${NOTICE_2026_LINES}
节假日期间，各地区、各部门要妥善安排好值班和安全、保卫等工作，遇有重大突发事件，要按规定及时报告并妥善处置，确保人民群众祥和平安度过节日假期。

国务院办公厅
2025年11月
`;

// 2025, written in the notice's form from the published arrangement; every date is checked below against
// the installed holiday data. 元旦 was one day without make-up ("放假1天，不调休"), and 国庆节 and 中秋节
// were one line.
const NOTICE_2025_LINES = `一、元旦：1月1日（周三）放假1天，不调休。
二、春节：1月28日（农历除夕、周二）至2月4日（农历正月初七、周二）放假调休，共8天。1月26日（周日）、2月8日（周六）上班。
三、清明节：4月4日（周五）至6日（周日）放假，共3天。
四、劳动节：5月1日（周四）至5日（周一）放假调休，共5天。4月27日（周日）上班。
五、端午节：5月31日（周六）至6月2日（周一）放假，共3天。
六、国庆节、中秋节：10月1日（周三）至8日（周三）放假调休，共8天。9月28日（周日）、10月11日（周六）上班。`;

// 2024, in the older form: no weekday on the rest days, 星期 instead of 周, "与周末连休" without 共N天,
// and a sentence with a date that is not a rest day (除夕 was only recommended).
const NOTICE_2024_LINES = `一、元旦：1月1日放假，与周末连休。
二、春节：2月10日至17日放假调休，共8天。2月4日（星期日）、2月18日（星期日）上班。鼓励各单位结合带薪年休假等制度落实，安排职工在除夕（2月9日）休息。
三、清明节：4月4日至6日放假调休，共3天。4月7日（星期日）上班。
四、劳动节：5月1日至5日放假调休，共5天。4月28日（星期日）和5月11日（星期六）上班。
五、端午节：6月10日放假，与周末连休。
六、中秋节：9月15日至17日放假调休，共3天。9月14日（星期六）上班。
七、国庆节：10月1日至7日放假调休，共7天。9月29日（星期日）、10月12日（星期六）上班。`;

// 2023: 元旦 began on 2022-12-31, written with explicit years.
const NOTICE_2023_LINES = `一、元旦：2022年12月31日至2023年1月2日放假调休，共3天。
二、春节：1月21日至27日放假调休，共7天。1月28日（星期六）、1月29日（星期日）上班。
三、清明节：4月5日放假，共1天。
四、劳动节：4月29日至5月3日放假调休，共5天。4月23日（星期日）、5月6日（星期六）上班。
五、端午节：6月22日至24日放假调休，共3天。6月25日（星期日）上班。
六、中秋节、国庆节：9月29日至10月6日放假调休，共8天。10月7日（星期六）、10月8日（星期日）上班。`;

/** The installed package's dates of the year: rest days (its holidays map) and make-up working days. */
function packageYear(year: number) {
  const ofYear = (map: Record<string, unknown>) =>
    Object.keys(map)
      .filter((date) => date.startsWith(`${year}-`))
      .sort();
  return { rest: ofYear(data.holidays), work: ofYear(data.workdays) };
}

const datesOf = (days: { date: string }[]) => days.map((d) => d.date);
const messages = (problems: HolidayProblem[]) => problems.map((p) => p.message);
const toFullWidth = (text: string) =>
  text.replace(/[0-9:()]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

describe('parseHolidayNotice on real notices', () => {
  it('reads the 2026 notice into exactly the rest days and make-up days of the installed data', () => {
    const parsed = parseHolidayNotice(NOTICE_2026_LINES, { year: 2026 });
    expect(parsed.problems).toEqual([]);
    expect(datesOf(parsed.restDays)).toEqual(packageYear(2026).rest);
    expect(datesOf(parsed.workdays)).toEqual(packageYear(2026).work);
    expect(parsed.festivals.map((f) => [f.name, f.restDays.length, f.declaredDays])).toEqual([
      ['元旦', 3, 3],
      ['春节', 9, 9],
      ['清明节', 3, 3],
      ['劳动节', 5, 5],
      ['端午节', 3, 3],
      ['中秋节', 3, 3],
      ['国庆节', 7, 7],
    ]);
    expect(parsed.festivals[1]!.workdays).toEqual(['2026-02-14', '2026-02-28']);
    expect(parsed.workdays[1]).toEqual({ date: '2026-02-14', name: '春节调休上班' });
    expect(parsed.restDays[0]).toEqual({ date: '2026-01-01', name: '元旦' });
  });

  it('takes the year, title and number from a whole pasted notice and leaves the other paragraphs aside', () => {
    const parsed = parseHolidayNotice(NOTICE_2026_PASTED);
    expect(parsed.year).toBe(2026);
    expect(parsed.source).toEqual({
      title: '国务院办公厅关于2026年部分节假日安排的通知',
      number: '国办发明电〔2025〕7号',
    });
    expect(parsed.problems).toEqual([]);
    expect(parsed.festivals).toHaveLength(7);
    expect(datesOf(parsed.restDays)).toEqual(packageYear(2026).rest);
    expect(datesOf(parsed.workdays)).toEqual(packageYear(2026).work);
  });

  it('reads the 2025 notice: a one-day 元旦 ("放假1天") and 国庆节、中秋节 on one line', () => {
    const parsed = parseHolidayNotice(NOTICE_2025_LINES, { year: 2025 });
    expect(parsed.problems).toEqual([]);
    expect(datesOf(parsed.restDays)).toEqual(packageYear(2025).rest);
    expect(datesOf(parsed.workdays)).toEqual(packageYear(2025).work);
    expect(parsed.festivals[0]).toMatchObject({ name: '元旦', restDays: ['2025-01-01'], declaredDays: 1 });
    expect(parsed.festivals[5]).toMatchObject({ name: '国庆节、中秋节', declaredDays: 8 });
    expect(parsed.workdays.at(-1)).toEqual({ date: '2025-10-11', name: '国庆节、中秋节调休上班' });
  });

  it('reads the 2024 form ("与周末连休", 星期, "和") and says the 除夕 date was not counted', () => {
    const parsed = parseHolidayNotice(NOTICE_2024_LINES, { year: 2024 });
    expect(datesOf(parsed.restDays)).toEqual(packageYear(2024).rest);
    expect(datesOf(parsed.workdays)).toEqual(packageYear(2024).work);
    expect(parsed.festivals[0]!.declaredDays).toBeNull();
    expect(parsed.problems).toHaveLength(1);
    expect(parsed.problems[0]).toMatchObject({ level: 'warning', line: expect.stringMatching(/^二、春节/) });
    expect(parsed.problems[0]!.message).toContain('2月9日');
    expect(parsed.problems[0]!.message).toContain('没有计入');
  });

  it('stores a 元旦 rest day of the previous December with that year, and says so (2023 notice)', () => {
    const parsed = parseHolidayNotice(NOTICE_2023_LINES, { year: 2023 });
    expect(parsed.festivals[0]).toMatchObject({
      restDays: ['2022-12-31', '2023-01-01', '2023-01-02'],
      declaredDays: 3,
    });
    expect(datesOf(parsed.restDays)).toEqual(packageYear(2023).rest);
    expect(datesOf(parsed.workdays)).toEqual(packageYear(2023).work);
    expect(parsed.problems).toEqual([
      expect.objectContaining({
        level: 'warning',
        date: '2022-12-31',
        message: expect.stringContaining('2022年的安排'),
      }),
    ]);
    // The package, too, keeps that day under 2022.
    expect('2022-12-31' in data.holidays).toBe(true);
  });

  it('puts the December start of a range into the previous year when the year is not written', () => {
    const parsed = parseHolidayNotice('一、元旦：12月31日（星期六）至1月2日（星期一）放假调休，共3天。', {
      year: 2023,
    });
    expect(parsed.festivals[0]!.restDays).toEqual(['2022-12-31', '2023-01-01', '2023-01-02']);
    expect(datesOf(parsed.restDays)).toEqual(['2023-01-01', '2023-01-02']);
    expect(parsed.problems.filter((p) => p.level === 'error')).toEqual([]);
  });

  it('reads a December make-up day on the 元旦 line as the previous year', () => {
    const parsed = parseHolidayNotice('元旦：12月30日至1月1日放假调休，共3天。12月29日（星期六）上班。', {
      year: 2019,
    });
    expect(parsed.festivals[0]).toMatchObject({
      restDays: ['2018-12-30', '2018-12-31', '2019-01-01'],
      workdays: ['2018-12-29'],
    });
    expect(parsed.workdays).toEqual([]);
  });
});

describe('parseHolidayNotice on the forms a paste takes', () => {
  const expected2026 = parseHolidayNotice(NOTICE_2026_PASTED);

  it('reads full-width digits and punctuation like half-width ones', () => {
    const fullWidth = toFullWidth(NOTICE_2026_PASTED);
    expect(fullWidth).toContain('１０月１０日');
    const parsed = parseHolidayNotice(fullWidth);
    expect(parsed.problems).toEqual([]);
    expect(parsed.restDays).toEqual(expected2026.restDays);
    expect(parsed.workdays).toEqual(expected2026.workdays);
    expect(parsed.source.number).toBe('国办发明电〔2025〕7号');
    // Lines are reported as pasted, not as normalised.
    expect(parsed.festivals[0]!.line).toContain('１月１日');
  });

  it('reads half-width punctuation and spaces between the numbers', () => {
    const halfWidth = NOTICE_2026_LINES.replace(/（/g, '(')
      .replace(/）/g, ')')
      .replace(/：/g, ': ')
      .replace(/，/g, ', ');
    const spaced = halfWidth.replace(/(\d+)月(\d+)日/g, '$1 月 $2 日');
    const parsed = parseHolidayNotice(spaced, { year: 2026 });
    expect(parsed.problems).toEqual([]);
    expect(parsed.restDays).toEqual(expected2026.restDays);
    expect(parsed.workdays).toEqual(expected2026.workdays);
  });

  it('reads a paste that lost its line breaks', () => {
    const oneLine = NOTICE_2026_PASTED.replace(/\n/g, '');
    const parsed = parseHolidayNotice(oneLine);
    expect(parsed.problems).toEqual([]);
    expect(parsed.festivals.map((f) => f.name)).toEqual(expected2026.festivals.map((f) => f.name));
    expect(parsed.restDays).toEqual(expected2026.restDays);
    expect(parsed.workdays).toEqual(expected2026.workdays);
  });

  it('joins lines a PDF copy broke in the middle, even before "七、周一）"', () => {
    const wrapped = NOTICE_2026_PASTED.replace('农历正月初七、周一', '农历正月初\n七、周一').replace(
      '9月20日（周日）、',
      '9月20日（周日）、\r\n',
    );
    const parsed = parseHolidayNotice(wrapped);
    expect(parsed.problems).toEqual([]);
    expect(parsed.restDays).toEqual(expected2026.restDays);
    expect(parsed.workdays).toEqual(expected2026.workdays);
  });

  it('keeps a make-up sentence that a copy put on its own line with its festival', () => {
    const broken = NOTICE_2026_PASTED.replace('共9天。2月14日', '共9天。\n2月14日');
    const parsed = parseHolidayNotice(broken);
    expect(parsed.problems).toEqual([]);
    expect(parsed.workdays).toEqual(expected2026.workdays);
  });

  it('reads a festival name on its own line, （一） numbers, semicolons and 号', () => {
    const text = `（一）元旦\n1月1日（周四）至3日（周六）放假调休，共3天；1月4日（周日）上班。
（二）春节：2月15号至23号放假调休，共9天；2月14号、2月28号上班。`;
    const parsed = parseHolidayNotice(text, { year: 2026 });
    expect(parsed.festivals.map((f) => [f.name, f.restDays.length, f.workdays])).toEqual([
      ['元旦', 3, ['2026-01-04']],
      ['春节', 9, ['2026-02-14', '2026-02-28']],
    ]);
    expect(parsed.problems.filter((p) => p.level === 'error')).toEqual([]);
  });

  it('reads lines without item numbers, Arabic item numbers and month-less later dates', () => {
    const text = `元旦：1月1日至3日放假调休，共3天。1月4日上班。
2、春节：2月15日至23日放假调休，共9天。2月14日、28日上班。`;
    const parsed = parseHolidayNotice(text, { year: 2026 });
    expect(parsed.festivals.map((f) => [f.name, f.restDays.length, f.workdays])).toEqual([
      ['元旦', 3, ['2026-01-04']],
      ['春节', 9, ['2026-02-14', '2026-02-28']],
    ]);
    expect(parsed.problems.every((p) => p.level === 'warning')).toBe(true);
  });

  it('reads a range with a dash and a count in Chinese numerals', () => {
    const parsed = parseHolidayNotice('国庆节：10月1日—7日放假调休，共七天。', { year: 2026 });
    expect(parsed.festivals[0]).toMatchObject({ declaredDays: 7 });
    expect(parsed.festivals[0]!.restDays).toHaveLength(7);
    expect(parsed.problems.filter((p) => p.level === 'error')).toEqual([]);
  });

  it('reads the SAMPLE 2027 notice into the arrangement it was written for', () => {
    const parsed = parseHolidayNotice(SAMPLE_2027_NOTICE_TEXT);
    expect(parsed.year).toBe(2027);
    expect(parsed.source).toEqual({
      title: '（样例）国务院办公厅关于2027年部分节假日安排的通知',
      number: null,
    });
    expect(parsed.problems).toEqual([]);
    expect(datesOf(parsed.restDays)).toEqual(SAMPLE_2027_ARRANGEMENT.restDays);
    expect(datesOf(parsed.workdays)).toEqual(SAMPLE_2027_ARRANGEMENT.workdays);
    // The package has no 2027 yet: the sample is what the admin page is tried on.
    expect(packageYear(2027)).toEqual({ rest: [], work: [] });
  });
});

describe('parseHolidayNotice: the year', () => {
  it('lets the caller’s year win, and warns when the text says another', () => {
    const parsed = parseHolidayNotice(NOTICE_2026_PASTED, { year: 2027 });
    expect(parsed.year).toBe(2027);
    expect(parsed.restDays[0]!.date).toBe('2027-01-01');
    expect(parsed.problems[0]).toMatchObject({
      level: 'warning',
      message: '通知里写的是2026年，现按选定的2027年读取，请核对年份。',
    });
    // and the weekdays, written for 2026, then disagree
    expect(parsed.problems.some((p) => p.message.includes('但2027年1月1日是星期五'))).toBe(true);
  });

  it('reads nothing and says so when neither the caller nor the text gives the year', () => {
    const parsed = parseHolidayNotice(NOTICE_2026_LINES);
    expect(parsed.year).toBeNull();
    expect(parsed.festivals).toEqual([]);
    expect(parsed.problems).toEqual([expect.objectContaining({ level: 'error', line: '' })]);
    expect(parsed.problems[0]!.message).toContain('没有找到年份');
  });

  it('takes the year from the preamble when there is no title', () => {
    const parsed = parseHolidayNotice(
      `经国务院批准，现将2026年元旦、春节等放假调休日期的具体安排通知如下：\n${NOTICE_2026_LINES}`,
    );
    expect(parsed.year).toBe(2026);
    expect(parsed.source).toEqual({ title: null, number: null });
  });

  it('never throws on any text, even text cut from a notice at random', () => {
    const pieces = fc.constantFrom(...`${NOTICE_2026_PASTED}${NOTICE_2023_LINES}１２（）：，至—`.split(''));
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.array(pieces).map((a) => a.join('')),
        ),
        (text) => {
          parseHolidayNotice(text, { year: 2026 });
          parseHolidayNotice(text);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('throws only for what is not text, or a year that is not one', () => {
    expect(() => parseHolidayNotice(42 as unknown as string)).toThrow(TypeError);
    expect(() => parseHolidayNotice('', { year: 26 })).toThrow(RangeError);
    expect(() => parseHolidayNotice('……乱码……', { year: 2026 })).not.toThrow();
  });
});

describe('parseHolidayNotice: what looks wrong', () => {
  const errorsOf = (text: string) =>
    parseHolidayNotice(text, { year: 2026 }).problems.filter((p) => p.level === 'error');

  it('reports a 共N天 that disagrees with the dates', () => {
    const errors = errorsOf('三、清明节：4月4日（周六）至6日（周一）放假，共4天。');
    expect(messages(errors)).toEqual(['写的是共4天，但列出的放假日期是3天，请核对。']);
    expect(errors[0]!.line).toBe('三、清明节：4月4日（周六）至6日（周一）放假，共4天。');
  });

  it('reports a weekday annotation (周 or 星期) that is not the weekday of the date', () => {
    const errors = errorsOf('一、元旦：1月1日（周三）至3日（星期五）放假调休，共3天。');
    expect(messages(errors)).toEqual([
      '“1月1日”后面写的是周三，但2026年1月1日是星期四，请核对日期、星期或年份。',
      '“3日”后面写的是星期五，但2026年1月3日是星期六，请核对日期、星期或年份。',
    ]);
  });

  it('reports a make-up working day that is not a Saturday or Sunday', () => {
    const errors = errorsOf('七、国庆节：10月1日至7日放假调休，共7天。10月9日上班。');
    expect(errors).toEqual([
      expect.objectContaining({
        date: '2026-10-09',
        message: expect.stringContaining('星期五）本来就是工作日'),
      }),
    ]);
  });

  it('reports a day that is both a rest day and a working day', () => {
    const errors = errorsOf(
      '一、元旦：1月1日至3日放假调休，共3天。\n二、春节：2月15日至23日放假调休，共9天。1月3日上班。',
    );
    expect(errors).toEqual([
      expect.objectContaining({
        date: '2026-01-03',
        line: '二、春节：2月15日至23日放假调休，共9天。1月3日上班。',
        message: '2026年1月3日（星期六）既列为放假日，又列为调休上班日，只能是其中一种，请核对。',
      }),
    ]);
  });

  it('reports a numbered line it could not read, and a festival line without rest days', () => {
    const errors = errorsOf(`${NOTICE_2026_LINES}\n八、另行通知。\n九、元宵节：待定。`);
    expect(errors.map((e) => [e.line, e.message.slice(0, 8)])).toEqual([
      ['八、另行通知。', '没能读懂这一条：'],
      ['九、元宵节：待定。', '这一条没有读到放'],
    ]);
  });

  it('reports a date that does not exist and a day without a month', () => {
    const errors = errorsOf('春节：2月30日放假，共1天。\n清明节：5日放假。');
    expect(messages(errors)).toEqual([
      '没有2026年2月30日这一天，请核对“2月30日”。',
      '这一条没有读到放假日期。',
      '“5日”没有写月份，看不出是哪一天。',
      '这一条没有读到放假日期。',
    ]);
  });

  it('reports a range that ends before it starts', () => {
    expect(messages(errorsOf('国庆节：10月7日至1日放假。'))).toEqual([
      '“10月7日至1日”的结束日期早于开始日期，请核对。',
      '这一条没有读到放假日期。',
    ]);
  });

  it('reports text with no festival at all', () => {
    const parsed = parseHolidayNotice('节假日期间，各地区、各部门要妥善安排好值班和安全、保卫等工作。', {
      year: 2026,
    });
    expect(parsed.problems).toEqual([
      {
        level: 'error',
        line: '',
        message: '没有读到任何节日的放假安排。请粘贴通知正文中“一、元旦：……”这样的各条。',
      },
    ]);
  });

  it('warns about a usual festival that is missing (中秋 and 国庆 may share a line)', () => {
    const withoutQingming = NOTICE_2025_LINES.split('\n')
      .filter((line) => !line.includes('清明'))
      .join('\n');
    const parsed = parseHolidayNotice(withoutQingming, { year: 2025 });
    expect(parsed.problems).toEqual([
      {
        level: 'warning',
        line: '',
        message: '没有找到清明节的放假安排。每年的通知通常都有清明节，请核对是否漏掉了。',
      },
    ]);
  });
});

describe('checkYearArrangement', () => {
  const sample = {
    year: 2027,
    restDays: SAMPLE_2027_ARRANGEMENT.restDays.map((date) => ({ date, name: '' })),
    workdays: SAMPLE_2027_ARRANGEMENT.workdays.map((date) => ({ date })),
  };

  it('finds nothing wrong in a consistent arrangement, and does not ask for festivals of unnamed days', () => {
    expect(checkYearArrangement(sample)).toEqual([]);
    const parsed = parseHolidayNotice(NOTICE_2026_LINES, { year: 2026 });
    expect(
      checkYearArrangement({ year: 2026, restDays: parsed.restDays, workdays: parsed.workdays }),
    ).toEqual([]);
  });

  it('reports the same kinds of mistakes on an edited arrangement, in date order', () => {
    const problems = checkYearArrangement({
      year: 2027,
      restDays: [
        ...sample.restDays,
        { date: '2026-12-31', name: '' },
        { date: '2027-01-31' },
        { date: '2027-02-30' },
      ],
      workdays: [...sample.workdays, { date: '2027-03-03' }, { date: '2027-03-03' }],
    });
    expect(problems.map((p) => [p.level, p.date ?? null, p.message])).toEqual([
      [
        'error',
        '2026-12-31',
        '2026年12月31日（星期四）属于2026年，不能放在2027年的安排里：每一天按它所在的年份保存，请把这一天录入2026年的安排。',
      ],
      [
        'error',
        '2027-01-31',
        '2027年1月31日（星期日）既列为放假日，又列为调休上班日，只能是其中一种，请核对。',
      ],
      ['warning', '2027-03-03', '2027年3月3日（星期三）在调休上班日里列了两次。'],
      [
        'error',
        '2027-03-03',
        '2027年3月3日（星期三）本来就是工作日，不需要列为调休上班日；调休上班日应是星期六或星期日，请核对日期是否抄错。',
      ],
      ['error', null, '“2027-02-30”不是有效的日期，应写成 2026-01-01 这样的年-月-日。'],
    ]);
  });

  it('asks for the usual festivals when the days carry names, and for at least one rest day', () => {
    const named = checkYearArrangement({
      year: 2027,
      restDays: [{ date: '2027-10-01', name: '国庆节、中秋节' }],
      workdays: [],
    });
    expect(named.map((p) => [p.level, /没有找到(.+?)的放假安排/.exec(p.message)?.[1]])).toEqual([
      ['warning', '元旦'],
      ['warning', '春节'],
      ['warning', '清明节'],
      ['warning', '劳动节'],
      ['warning', '端午节'],
    ]);
    const partlyNamed = checkYearArrangement({
      year: 2027,
      restDays: [{ date: '2027-10-01', name: '国庆节' }, { date: '2027-10-02' }],
      workdays: [],
    });
    expect(partlyNamed).toEqual([]);
    expect(messages(checkYearArrangement({ year: 2027, restDays: [], workdays: [] }))).toEqual([
      '2027年的安排里没有任何放假日，请核对是否导入或粘贴完整。',
    ]);
    expect(messages(checkYearArrangement({ year: 27.5, restDays: [], workdays: [] }))).toEqual([
      '“27.5”不是有效的年份。',
    ]);
  });
});
