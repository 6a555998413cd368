/**
 * Reads what the administrator brings (the notice's text as published, a JSON file, an ICS feed)
 * into one arrangement to review, with everything the readers could not read or found wrong. The
 * readers are pure (core/domain/time-limits); this only picks one and labels the source.
 */
import type { PreviewHolidaysBody } from '../../../../core/contracts/calendar';
import {
  type HolidayArrangement,
  type HolidayProblem,
  importHolidayIcs,
  importHolidayJson,
  parseHolidayNotice,
} from '../../../../core/domain/time-limits';
import { AppError } from '../../../../core/errors';

const via = {
  notice: '管理员粘贴通知原文',
  json: '管理员导入 JSON 文件',
  ics: '管理员导入 ICS 日历',
} as const;

export function readHolidaySource(body: PreviewHolidaysBody): {
  arrangement: HolidayArrangement;
  problems: HolidayProblem[];
} {
  const opts = body.year ? { year: body.year } : {};
  if (body.format === 'notice') {
    const n = parseHolidayNotice(body.content, opts);
    if (n.year === null) {
      throw new AppError('VALIDATION_FAILED', '没有从原文中读出年度，请选择年度后再识别。', {
        reason: 'HOLIDAYS_NO_YEAR',
      });
    }
    return {
      arrangement: {
        year: n.year,
        status: 'official',
        restDays: n.restDays,
        workdays: n.workdays,
        source: {
          title: n.source.title ?? `国务院办公厅关于${n.year}年部分节假日安排的通知`,
          number: n.source.number,
          publishedOn: null,
          via: via.notice,
        },
      },
      problems: n.problems,
    };
  }
  const read =
    body.format === 'json' ? importHolidayJson(body.content, opts) : importHolidayIcs(body.content, opts);
  if (read.year === null) {
    throw new AppError('VALIDATION_FAILED', '没有从文件中读出年度，请选择年度后再导入。', {
      reason: 'HOLIDAYS_NO_YEAR',
    });
  }
  return {
    arrangement: {
      year: read.year,
      status: 'official',
      restDays: read.restDays,
      workdays: read.workdays,
      source: {
        title: read.source.title ?? `国务院办公厅关于${read.year}年部分节假日安排的通知`,
        number: read.source.number,
        publishedOn: read.source.publishedOn,
        via: via[body.format],
      },
    },
    problems: read.problems,
  };
}
