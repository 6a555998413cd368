/**
 * What the resident is told by SMS as their matter moves (issue 5): accepted (by whom, until when),
 * transferred (to whom), extended (by how much, until when), answered (and asked to rate). Written
 * to the outbox in the lifecycle's own transaction, so a message exists exactly when the step does.
 * The text carries the matter code, an org and a date: never a name, a phone or an ID number.
 */
import type { MatterState } from '../../../../core/domain/matters/model';
import type { Deps } from '../../context';
import type { Tx } from '../../db/client';
import { dayZh } from '../documents/document-audit';
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
/** The clocks that say when the matter will be answered, in the order a resident cares about them. */
const handlingBases = [
  'LOCAL-SAME-DAY',
  'XF-34',
  'LOCAL-VILLAGE',
  'LOCAL-TOWN',
  'LOCAL-DISTRICT',
  'LOCAL-GRID-HANDLE',
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
  const applicant = (await records.partiesOfMatter(tx, m.id)).find((p) => p.role === 'applicant' && p.phone);
  if (!applicant?.phone) return;
  const orgId =
    template === 'matter_transferred' ? (m.state.transfer?.to.id ?? m.state.owner.id) : m.state.owner.id;
  const org = await getOrgRow(deps, orgId, tx);
  const live = await records.liveDeadlinesOf(tx, m.id);
  const handling = handlingBases
    .map((b) => live.find((d) => d.basis === b && d.dueAt))
    .find((d) => d !== undefined);
  const params: Record<string, string> = { code: m.code, org: org?.centerName ?? org?.name ?? '承办单位' };
  if (template === 'matter_accepted' || template === 'matter_extended') {
    params.due = handling?.dueAt ? dayZh(handling.dueAt) : '法定期限内';
  }
  if (template === 'matter_extended') params.days = String(event.data.days ?? '');
  await enqueue(tx, deps.clock.now(), [
    {
      countyCode: m.countyCode,
      template,
      params,
      to: { phone: applicant.phone },
      ref: { type: 'matter', id: m.id },
    },
  ]);
}
