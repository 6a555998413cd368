/**
 * What matters asks of modules that sit above it (issue 19): the mediation agreement and roster, the
 * PDFs served to the resident, the message outbox. Those modules import matters, so matters cannot
 * import them back; it states here what it needs, and the composition root (server/src/matter-
 * consumers.ts) plugs in their services. Each port is called exactly where the import used to be,
 * with the same executor, so whatever ran inside a transaction still does.
 */
import type { AgreementOnFile } from '../../../../core/domain/matters/commands';
import type { Deps, RequestCtx } from '../../context';
import type { Executor } from '../../db/client';
import type { MatterRow } from './matters.repo';

/** The messages matters itself sends (their templates live in notifications). */
export interface OutgoingMessage {
  countyCode: string;
  template: 'matter_submitted' | 'deadline_recomputed';
  params: Record<string, string>;
  to: { userId: string } | { phone: string };
  ref?: { type: string; id: string };
}

export interface ServedPdf {
  pdf: Buffer;
  fileName: string;
}

export interface MatterPorts {
  mediation: {
    /** Whether the user is on the county's mediator roster (a 指定调解员 must be). */
    isCountyMediator(deps: Deps, countyCode: string, userId: string): Promise<boolean>;
    /** The mediation committee the mediator belongs to, if any. */
    committeeOfMediator(deps: Deps, ex: Executor, userId: string): Promise<string | null>;
    /** The agreement on file, which decides whether 调解成功 may be recorded. */
    agreementOnFile(ex: Executor, countyCode: string, matterId: string): Promise<AgreementOnFile | null>;
    /** When the agreement took effect (the judicial-confirmation window). */
    agreementEffectiveAt(ex: Executor, countyCode: string, matterId: string): Promise<Date | null>;
    /** The agreements in effect, for the documents list. */
    effectiveAgreements(
      deps: Deps,
      m: { countyCode: string; id: string },
    ): Promise<{ id: string; form: string; effectiveAt: Date }[]>;
    /** The applicant's copy of an agreement in effect, as PDF. */
    agreementPdfForApplicant(
      deps: Deps,
      ctx: RequestCtx,
      m: MatterRow,
      agreementId: string,
    ): Promise<ServedPdf>;
  };
  documents: {
    /** A served notice as PDF (its print recorded). */
    servedNoticePdf(
      deps: Deps,
      ctx: RequestCtx,
      m: { countyCode: string; id: string; code: string },
      n: { id: string; kind: string; title: string; servedAt: Date; lines: string[] },
    ): Promise<ServedPdf>;
  };
  notifications: {
    /** Into the outbox, in the caller's transaction: the message exists exactly when the write does. */
    enqueue(deps: Pick<Deps, 'config'>, ex: Executor, now: Date, items: OutgoingMessage[]): Promise<number>;
  };
}

/** The ports deps carries; a missing one is a wiring error (a Deps built without matter-consumers.ts). */
export function portsOf(deps: Deps): MatterPorts {
  const ports = deps.matterHooks?.ports;
  if (!ports)
    throw new Error(
      '事项模块的依赖未接入：请用 wireMatterConsumers（server/src/matter-consumers.ts）组装 deps',
    );
  return ports;
}
