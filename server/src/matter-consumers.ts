/**
 * The modules that react to a matter being taken in or moving, wired here, outside the modules, so
 * matters imports none of them (issue 19). Also the ports: what matters asks of the modules above it
 * (modules/matters/ports.ts) and what calendar and events ask of matters, below which they sit. buildApp and bootstrap (sweep, demo seed) both call this,
 * so a step has the same consequences whoever takes it. The order of `inDecision` is today's order:
 * the court's result first, then the linked-mediation record, then the resident's SMS.
 */
import type { Deps } from './context';
import type { ProvisionalDeadlines } from './modules/calendar/provisional-deadlines';
import { afterCourtMediationDecision } from './modules/court/mediation-result';
import { servedNoticePdf } from './modules/documents/notice-print.service';
import { afterLinkedMediationDecision } from './modules/linked-mediation/linked.service';
import { type HookLog, MatterHooks } from './modules/matters/hooks';
import type { MatterPorts } from './modules/matters/ports';
import { partyNamesByMatter } from './modules/matters/query.service';
import { recomputeProvisional, throughYear } from './modules/matters/recompute.service';
import { countProvisional } from './modules/matters/records.service';
import { agreementPdfForApplicant, effectiveAgreements } from './modules/mediation/agreement-print.service';
import {
  agreementEffectiveAt,
  agreementOnFile,
  committeeOfMediator,
} from './modules/mediation/agreements.service';
import { isCountyMediator } from './modules/mediation/mediators.service';
import { enqueue } from './modules/notifications/notifications.service';
import { notifyResident } from './modules/notifications/resident-updates';
import { assessOnIntake } from './modules/risk/run.service';

const courtResultEvents = ['matter.mediation_agreed', 'matter.mediation_terminated'];

export function registerMatterConsumers(hooks: MatterHooks): MatterHooks {
  return (
    hooks
      // In the transaction: the court gets the mediation's result exactly when the step exists.
      .on('inDecision', 'court.mediation-result', afterCourtMediationDecision)
      // In the transaction: a 警调/访调/专调 link records its route when mediation starts and its
      // outcome when it ends, so the police record shows the result exactly when the step exists.
      .on('inDecision', 'linked-mediation.outcome', (deps, _ctx, tx, m, event) =>
        afterLinkedMediationDecision(deps, tx, m, event),
      )
      // In the transaction: the SMS outbox row exists exactly when the step does.
      .on('inDecision', 'notifications.resident-updates', (deps, _ctx, tx, m, event) =>
        notifyResident(deps, tx, m, event),
      )
      // After the commit: the outbox worker would otherwise wait for its next round (the kick in
      // enqueue fires before the commit, when the row is not yet visible to it).
      .on('afterDecision', 'court.deliver-result', async (deps, m, event) => {
        if (m.state.court && courtResultEvents.includes(event.name)) deps.kickCourt?.();
      })
      // After the commit and without holding the answer: a failure must not undo an intake the
      // resident already has a code for; the scheduled risk run evaluates every matter again anyway.
      .on('afterIntake', 'risk.assess-on-intake', (deps, t) => assessOnIntake(deps, t.countyCode, t.matterId))
  );
}

/**
 * What matters asks of the modules above it: plain calls, not hooks, because matters needs the answer
 * (is this user a mediator, which agreement is on file, the PDF bytes) and each runs on the caller's
 * executor, so a read or an outbox row inside a transaction stays inside it.
 */
export const matterPorts: MatterPorts = {
  mediation: {
    isCountyMediator,
    committeeOfMediator,
    agreementOnFile,
    agreementEffectiveAt,
    effectiveAgreements,
    agreementPdfForApplicant,
  },
  documents: { servedNoticePdf },
  // The intake's code-and-secret SMS and the handler's "deadline moved" message, each in its
  // transaction (public.service.ts, recompute.service.ts).
  notifications: { enqueue },
};

/**
 * Calendar's provisional deadlines are matters' rows: counted for the overview and the preview, and
 * recounted in the transaction that saves a year's arrangement (docs/LEGAL.md §8.5), as before.
 */
export const provisionalDeadlines: ProvisionalDeadlines = {
  count: countProvisional,
  recountThroughYear: (deps, ctx, tx, cause, calendarOf) =>
    recomputeProvisional(deps, ctx, tx, { cause, only: throughYear(cause.year), calendarOf }),
};

/** Gives deps the consumers' hooks once (idempotent: names replace), logging through `log` if given. */
export function wireMatterConsumers(deps: Deps, log?: HookLog): Deps {
  deps.matterHooks ??= new MatterHooks();
  if (log) deps.matterHooks.log = log;
  registerMatterConsumers(deps.matterHooks).provide(matterPorts);
  deps.provisionalDeadlines = provisionalDeadlines;
  // The audit trail masks the parties' names of the matters on its page (G4).
  deps.partyNamesByMatter = partyNamesByMatter;
  return deps;
}
