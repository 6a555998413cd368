/**
 * A SAMPLE notice for 2027, written in the form of the State Council's annual notice so that tests and
 * the browser journey have a year the installed holiday data does not cover. It is NOT the real 2027
 * notice (that is published in the autumn of 2026 and was not available when this was written): the days
 * were chosen to look like a real arrangement, from the 2027 lunar calendar (春节 = 2月6日, 除夕 = 2月5日;
 * 清明 = 4月5日; 端午 = 6月9日; 中秋 = 9月15日), with every weekday annotation computed for 2027.
 * It carries no document number, and its title says 样例, so it cannot be mistaken for the real one.
 */
export const SAMPLE_2027_NOTICE_TITLE = '（样例）国务院办公厅关于2027年部分节假日安排的通知';

export const SAMPLE_2027_NOTICE_TEXT = `《${SAMPLE_2027_NOTICE_TITLE}》
（样例：不是真实的通知，仅按通知的格式编写，用于测试和演示。）

各省、自治区、直辖市人民政府，国务院各部委、各直属机构：
经国务院批准，现将2027年元旦、春节、清明节、劳动节、端午节、中秋节和国庆节放假调休日期的具体安排通知如下。
一、元旦：1月1日（周五）至3日（周日）放假，共3天。
二、春节：2月5日（农历除夕、周五）至13日（农历正月初八、周六）放假调休，共9天。1月31日（周日）、2月20日（周六）上班。
三、清明节：4月3日（周六）至5日（周一）放假，共3天。
四、劳动节：5月1日（周六）至5日（周三）放假调休，共5天。5月8日（周六）上班。
五、端午节：6月9日（周三）放假，共1天。
六、中秋节：9月15日（周三）放假，共1天。
七、国庆节：10月1日（周五）至7日（周四）放假调休，共7天。9月26日（周日）、10月9日（周六）上班。
节假日期间，各地区、各部门要妥善安排好值班和安全、保卫等工作，遇有重大突发事件，要按规定及时报告并妥善处置，确保人民群众祥和平安度过节日假期。
`;

/** What the sample arranges, for tests that check a reading of it. */
export const SAMPLE_2027_ARRANGEMENT = {
  year: 2027,
  restDays: [
    '2027-01-01',
    '2027-01-02',
    '2027-01-03',
    '2027-02-05',
    '2027-02-06',
    '2027-02-07',
    '2027-02-08',
    '2027-02-09',
    '2027-02-10',
    '2027-02-11',
    '2027-02-12',
    '2027-02-13',
    '2027-04-03',
    '2027-04-04',
    '2027-04-05',
    '2027-05-01',
    '2027-05-02',
    '2027-05-03',
    '2027-05-04',
    '2027-05-05',
    '2027-06-09',
    '2027-09-15',
    '2027-10-01',
    '2027-10-02',
    '2027-10-03',
    '2027-10-04',
    '2027-10-05',
    '2027-10-06',
    '2027-10-07',
  ],
  workdays: ['2027-01-31', '2027-02-20', '2027-05-08', '2027-09-26', '2027-10-09'],
} as const;
