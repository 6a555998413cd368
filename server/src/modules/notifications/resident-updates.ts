/**
 * What the resident is told by SMS as their matter moves (issue 5): accepted (by whom, until when),
 * transferred (to whom), extended (by how much, until when), answered (and asked to rate). Written
 * to the outbox in the lifecycle's own transaction, so a message exists exactly when the step does.
 * The text carries the matter code, an org and a date: never a name, a phone or an ID number.
 */

import { isHandlingBasis } from '../../../../core/domain/matters/clocks';
import type { MatterState } from '../../../../core/domain/matters/model';
import { formatDayZh } from '../../../../core/domain/time-limits';
import type { Deps } from '../../context';
import type { Tx } from '../../db/client';
import * as records from '../matters/records.service';
import { getOrgRow } from '../orgs/orgs.service';
import { enqueue } from './notifications.service';
import type { TemplateCode } from './templates';

const answerEvents = [
  'matter.answered',
  'matter.opinion_served',
  'matter.review_served',
  'matter.reexam_served',
];
function templateFor(event: string): TemplateCode | null {
  if (event === 'matter.accepted') return 'matter_accepted';
  if (event === 'matter.transferred') return 'matter_transferred';
  if (event === 'matter.extended') return 'matter_extended';
  return answerEvents.includes(event) ? 'matter_answered' : null;
}

export async function notifyResident(
  deps: Deps,
  tx: Tx,
  m: { countyCode: string; id: string; code: string; kind: string; state: MatterState },
  event: { name: string; data: Record<string, unknown> },
): Promise<void> {
  const template = templateFor(event.name);
  if (!template || m.kind === 'report') return;
  const applicant = (await records.partiesOfMatter(deps, tx, m.countyCode, m.id)).find(
    (p) => p.role === 'applicant' && p.phone,
  );
  if (!applicant?.phone) return;
  const orgId =
    template === 'matter_transferred' ? (m.state.transfer?.to.id ?? m.state.owner.id) : m.state.owner.id;
  const org = await getOrgRow(deps, orgId, tx);
  const live = await records.liveDeadlinesOf(tx, m.countyCode, m.id);
  const handling = live.find((d) => isHandlingBasis(d.basis) && d.dueAt);
  const params: Record<string, string> = { code: m.code, org: org?.centerName ?? org?.name ?? '承办单位' };
  if (template === 'matter_accepted' || template === 'matter_extended') {
    // The same date, and the same 暂定 mark, as the notice and the matter page.
    params.due = handling?.dueAt
      ? `${formatDayZh(handling.dueAt)}${handling.provisionalYears.length ? '（暂定）' : ''}`
      : '法定期限内';
  }
  if (template === 'matter_extended') params.days = String(event.data.days ?? '');
  await enqueue(deps, tx, deps.clock.now(), [
    {
      countyCode: m.countyCode,
      template,
      params,
      to: { phone: applicant.phone },
      ref: { type: 'matter', id: m.id },
    },
  ]);
}
