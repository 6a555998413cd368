/**
 * 村务公开 for residents, without an account: the published decisions of one village's (or town's)
 * bodies and how their tasks are progressing. Built from an allow-list of fields: no member, speaker
 * or party appears, no minutes, no dissent (which can name people), no matter codes.
 */
import type { PublicDecision } from '../../../../core/contracts/deliberation';
import {
  type DecisionMethod,
  decisionMethodLabels,
  type Outcome,
  outcomeLabels,
} from '../../../../core/domain/deliberation/model';
import { type MatterStatus, matterStatusLabels } from '../../../../core/domain/matters/model';
import { toLocalDate } from '../../../../core/domain/time-limits';
import { AppError } from '../../../../core/errors';
import type { Deps } from '../../context';
import { matterRowsByIds } from '../matters/query.service';
import { getOrgRow, orgRowsByIds } from '../orgs/orgs.service';
import * as repo from './deliberation.repo';
import { doneStatuses } from './meeting-view.service';

export async function publicDecisions(
  deps: Deps,
  orgId: string,
): Promise<{ orgName: string; items: PublicDecision[] }> {
  const org = await getOrgRow(deps, orgId);
  if (!org || !['village', 'town', 'district'].includes(org.kind))
    throw new AppError('NOT_FOUND', '未找到该村（社区）。');
  const db = deps.database.db;
  const today = toLocalDate(deps.clock.now());
  const meetings = await repo.publishedMeetingsOf(db, org.countyCode, org.id);
  const ids = meetings.map((m) => m.id);
  const [items, tasks, bodies] = await Promise.all([
    repo.itemsOf(db, org.countyCode, ids),
    repo.tasksOf(db, org.countyCode, ids),
    repo.bodiesByIds(
      db,
      org.countyCode,
      meetings.map((m) => m.bodyId),
    ),
  ]);
  const members = await repo.membersOf(
    db,
    org.countyCode,
    bodies.map((b) => b.id),
  );
  const matters = new Map(
    (
      await matterRowsByIds(
        deps,
        org.countyCode,
        tasks.map((t) => t.matterId),
      )
    ).map((m) => [m.id, m]),
  );
  const owners = await orgRowsByIds(
    deps,
    tasks.map((t) => t.ownerOrgId),
  );
  return {
    orgName: org.name,
    items: meetings.map((m) => {
      const b = bodies.find((x) => x.id === m.bodyId)!;
      return {
        meetingId: m.id,
        bodyName: b.name,
        topic: m.topic,
        heldOn: toLocalDate(m.heldAt ?? m.startsAt),
        publishedAt: m.publishedAt!.toISOString(),
        attendance: {
          members: m.presentMemberIds.length,
          seats: members.filter((x) => x.bodyId === b.id).length,
          countedInRoom: m.countedInRoom,
        },
        items: items
          .filter((i) => i.meetingId === m.id)
          .map((i) => ({
            title: i.title,
            method: decisionMethodLabels[i.method as DecisionMethod],
            votesFor: i.votesFor,
            votesAgainst: i.votesAgainst,
            votesAbstain: i.votesAbstain,
            outcome: outcomeLabels[i.outcome as Outcome],
            reasoning: i.reasoning ?? '',
            tasks: tasks
              .filter((t) => t.itemId === i.id)
              .map((t) => {
                const x = matters.get(t.matterId);
                const done = !!x && doneStatuses.includes(x.status);
                return {
                  title: t.title,
                  ownerName: owners.get(t.ownerOrgId)?.name ?? '',
                  dueOn: t.dueOn,
                  progress: done ? '已办结' : x ? matterStatusLabels[x.status as MatterStatus] : '',
                  done,
                  overdue: !done && today > t.dueOn,
                };
              }),
          })),
      };
    }),
  };
}
