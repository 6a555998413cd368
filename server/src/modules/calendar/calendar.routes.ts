import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  calendarCoverageSchema,
  holidayOverviewSchema,
  holidayPreviewSchema,
  holidayYearDetailSchema,
  previewHolidaysBodySchema,
  saveCountyRestDaysBodySchema,
  saveHolidayYearBodySchema,
  saveHolidayYearResultSchema,
} from '../../../../core/contracts/calendar';
import { AppError } from '../../../../core/errors';
import type { Deps } from '../../context';
import {
  coverageNow,
  holidayOverview,
  holidayYear,
  previewHolidays,
  saveCountyRestDays,
  saveHolidayYear,
} from './calendar.service';

const yearParams = z.object({ year: z.coerce.number().int().min(2000).max(2100) });

export async function calendarRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['config'];
  r.addHook('onRequest', app.requireUser);
  r.get(
    '/calendar/coverage',
    {
      schema: {
        tags,
        security: [{ session: [] }],
        summary: '节假日安排覆盖到哪一年，及需要提醒的事项（工作人员）',
        response: { 200: calendarCoverageSchema },
      },
    },
    async () => coverageNow(deps),
  );
  r.get(
    '/config/holidays',
    {
      schema: {
        tags,
        security: [{ session: [] }],
        summary: '节假日安排：已载入的年度、覆盖范围、本县（区）自定休息日（业务管理员）',
        response: { 200: holidayOverviewSchema },
      },
    },
    async (req) => holidayOverview(deps, req.ctx),
  );
  r.get(
    '/config/holidays/:year',
    {
      schema: {
        tags,
        security: [{ session: [] }],
        summary: '某一年度的节假日安排及其版本',
        params: yearParams,
        response: { 200: holidayYearDetailSchema },
      },
    },
    async (req) => holidayYear(deps, req.ctx, req.params.year),
  );
  r.post(
    '/config/holidays/preview',
    {
      schema: {
        tags,
        security: [{ session: [], csrf: [] }],
        summary: '识别国务院办公厅通知原文（或 JSON、ICS 文件），供核对后保存；不保存',
        body: previewHolidaysBodySchema,
        response: { 200: holidayPreviewSchema },
      },
    },
    async (req) => previewHolidays(deps, req.ctx, req.body),
  );
  r.put(
    '/config/holidays/:year',
    {
      schema: {
        tags,
        security: [{ session: [], csrf: [] }],
        summary: '保存某一年度的节假日安排（新增一个版本），并重算跨入该年的暂定期限',
        params: yearParams,
        body: saveHolidayYearBodySchema,
        response: { 200: saveHolidayYearResultSchema },
      },
    },
    async (req) => {
      if (req.body.arrangement.year !== req.params.year) {
        throw new AppError('VALIDATION_FAILED', '地址中的年度与提交的安排不一致。');
      }
      return saveHolidayYear(deps, req.ctx, req.body);
    },
  );
  r.put(
    '/config/county-rest-days',
    {
      schema: {
        tags,
        security: [{ session: [], csrf: [] }],
        summary: '保存本县（区）自定休息日（新增一个版本；只影响此后开始计时的期限）',
        body: saveCountyRestDaysBodySchema,
        response: { 200: holidayOverviewSchema },
      },
    },
    async (req) => saveCountyRestDays(deps, req.ctx, req.body),
  );
}
