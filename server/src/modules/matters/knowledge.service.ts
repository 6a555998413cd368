/**
 * 咨询解疑 and 一次性告知 at the window:
 * - earlier answers to similar questions, found by the words of the new question (Intl.Segmenter
 *   splits Chinese into words; the words are matched in titles and descriptions of answered
 *   consultations inside the jurisdiction);
 * - asking the resident for a material: a material not on the matter's one-time notice is recorded as
 *   a violation of 一次性告知 (the resident was told everything once; asking again is the fault).
 */

import { isMaterialOnNotice } from '../../../../core/domain/catalog/service-catalog';
import { can } from '../../../../core/domain/permissions';
import { AppError } from '../../../../core/errors';
import { jurisdictionOf, requireActor } from '../../authz';
import type { Deps, RequestCtx } from '../../context';
import { recordEvent } from '../events/events.service';
import * as repo from './matters.repo';
import { canSeeMatter } from './visibility';

const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });
const stop = new Set([
  '的',
  '了',
  '吗',
  '呢',
  '是',
  '在',
  '我',
  '有',
  '和',
  '怎么',
  '什么',
  '如何',
  '可以',
  '请问',
]);

export function wordsOf(text: string): string[] {
  const words = [...segmenter.segment(text)]
    .filter((s) => s.isWordLike && s.segment.length >= 2 && !stop.has(s.segment))
    .map((s) => s.segment);
  // ICU's dictionary splits many short terms (低保 → 低|保); character bigrams of each Chinese run
  // find them anyway, the usual fallback for Chinese search without a custom dictionary.
  for (const run of text.match(/[\u4e00-\u9fff]{2,}/g) ?? []) {
    for (let i = 0; i + 2 <= run.length; i++) {
      const bigram = run.slice(i, i + 2);
      if (!stop.has(bigram)) words.push(bigram);
    }
  }
  return [...new Set(words)].slice(0, 16);
}

export async function findEarlierAnswers(deps: Deps, ctx: RequestCtx, q: string) {
  const actor = requireActor(ctx);
  if (!can(actor.roles, 'matter.work')) throw new AppError('FORBIDDEN');
  const j = jurisdictionOf(actor);
  const rows = await repo.searchConsultations(deps.database.db, j.countyCode, j.orgPath, wordsOf(q), 10);
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    title: r.title,
    answer: r.answer,
    answeredAt: r.answeredAt ? new Date(r.answeredAt).toISOString() : null,
    score: r.score,
  }));
}

export async function requestMaterial(deps: Deps, ctx: RequestCtx, matterId: string, material: string) {
  const actor = requireActor(ctx);
  if (!can(actor.roles, 'matter.work')) throw new AppError('FORBIDDEN');
  const m = await repo.byId(deps.database.db, actor.countyCode, matterId);
  if (!m || !canSeeMatter(actor, m)) throw new AppError('NOT_FOUND');
  const notice = await repo.oneTimeNoticeOf(deps.database.db, m.countyCode, m.id);
  const materials = (notice?.body.materials as { name: string }[] | undefined) ?? [];
  const onNotice = !!notice && isMaterialOnNotice({ materials: materials as never }, material);
  await deps.database.transaction((tx) =>
    recordEvent(tx, ctx, deps.clock, {
      countyCode: m.countyCode,
      action: onNotice ? 'matter.material_requested' : 'matter.notice_violation',
      objectType: 'matter',
      objectId: m.id,
      result: onNotice ? 'ok' : 'denied',
      reason: onNotice ? null : '索要一次性告知单以外的材料（违反一次性告知制度）',
      after: { material, onNotice, hadNotice: !!notice },
    }),
  );
  deps.kickSealer();
  return { onNotice, violation: !onNotice };
}
