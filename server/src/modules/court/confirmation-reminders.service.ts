/**
 * 人民调解法 art. 33 gives the parties 30 days from the agreement taking effect to apply jointly for
 * judicial confirmation; the issue asks that they be reminded before it closes. Once a day (run
 * after the deadline sweep), every agreement whose window closes within `reminderDays` and that has
 * no application yet gets one SMS per party with a phone, once.
 */

import { confirmationWindowDue } from '../../../../core/domain/court/docking';
import { formatDayZh } from '../../../../core/domain/time-limits';
import type { Deps } from '../../context';
import { failureOf, type JobFailure } from '../../failures';
import { workCalendar } from '../calendar/calendar-cache';
import { countyCodes } from '../counties/counties.service';
import * as records from '../matters/records.service';
import { agreementEffectiveAt } from '../mediation/agreements.service';
import { enqueue } from '../notifications/notifications.service';
import { getOrgRow } from '../orgs/orgs.service';
import { mediationHistory } from './court.service';
import * as cases from './court-cases.repo';
import * as reminders from './reminders.repo';

export const reminderDays = 5;

export async function remindClosingWindows(deps: Deps): Promise<{ sent: number; failed: JobFailure[] }> {
  const now = deps.clock.now();
  // Agreements of the last 31 days are the only ones whose window can still be open.
  // County by county: each county's events live on its own shard (issue 18).
  const since = new Date(now.getTime() - 31 * 86_400_000);
  const candidates: { countyCode: string; matterId: string }[] = [];
  for (const county of await countyCodes(deps))
    candidates.push(...(await reminders.agreedSince(deps.database.db, county, since)));
  let sent = 0;
  const failed: JobFailure[] = [];
  for (const c of candidates) {
    const m = await records.matterById(deps.database.db, c.countyCode, c.matterId);
    if (!m) continue;
    try {
      sent += await remindOne(deps, m, now);
    } catch (e) {
      // One matter's failure never stops the others; it has no marker yet, so the next run retries it.
      failed.push(failureOf(m.code, e));
    }
  }
  return { sent, failed };
}

async function remindOne(deps: Deps, m: records.MatterRow, now: Date): Promise<number> {
  const history = await mediationHistory(deps.database.db, m);
  const agreedAt = (await agreementEffectiveAt(deps.database.db, m.countyCode, m.id)) ?? history.agreedAt;
  if (!agreedAt) return 0;
  const due = confirmationWindowDue(agreedAt, await workCalendar(deps, m.countyCode)).dueAt;
  if (now > due || due.getTime() - now.getTime() > reminderDays * 86_400_000) return 0;
  const applied = (await cases.forMatter(deps.database.db, m.countyCode, m.id)).some(
    (x) => x.kind === 'judicial_confirmation',
  );
  if (applied) return 0;
  const parties = (await records.partiesOfMatter(deps, deps.database.db, m.countyCode, m.id)).filter(
    (p) => p.phone,
  );
  if (!parties.length) return 0;
  const org = await getOrgRow(deps, m.ownerOrgId);
  let sent = 0;
  await deps.database.transaction(async (tx) => {
    // Once per agreement: the marker row and the messages commit together.
    if (!(await reminders.claim(tx, m.countyCode, m.id, due, now))) return;
    await enqueue(
      deps,
      tx,
      now,
      parties.map((p) => ({
        countyCode: m.countyCode,
        template: 'confirmation_window_closing' as const,
        params: { code: m.code, due: formatDayZh(due), org: org?.centerName ?? org?.name ?? '调解组织' },
        to: { phone: p.phone! },
        ref: { type: 'confirmation_reminder', id: m.id },
      })),
    );
    sent = parties.length;
  });
  return sent;
}
