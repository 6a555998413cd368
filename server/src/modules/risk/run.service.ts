/**
 * Running the rules: the four of them over a county after each deadline sweep, and the per-matter
 * escalation rule right after intake. Raised warnings are stored with dedup (risk.store.ts), and each
 * newly raised one appends an event.
 */
import { type Category, categoryByCode } from '../../../../core/domain/catalog/categories';
import type { RiskGrade } from '../../../../core/domain/matters/model';
import { detectCollectives } from '../../../../core/domain/risk/collective.rule';
import type { EscalationPolicy } from '../../../../core/domain/risk/escalation.rule';
import { assessEscalation } from '../../../../core/domain/risk/escalation.rule';
import { DAY_MS, type RiskWarning } from '../../../../core/domain/risk/model';
import { detectRepeats } from '../../../../core/domain/risk/repeat.rule';
import { detectSpikes } from '../../../../core/domain/risk/spike.rule';
import type { Deps } from '../../context';
import type { Executor } from '../../db/client';
import { type PiiCipher, piiCipher } from '../../pii/pii-cipher';
import { countyCatalog } from '../config/catalog.service';
import { countyRiskPolicies } from '../config/risk-policies.service';
import { listCounties } from '../counties/counties.service';
import { jiebaTokenizer } from './jieba-tokenizer';
import * as repo from './risk.repo';
import { storeWarnings } from './risk.store';

// Names and default grades from the county's own list (its administrator may add or re-grade categories).
const nameIn = (list: readonly Category[]) => (code: string) => categoryByCode(code, list)?.name ?? code;
const riskIn =
  (list: readonly Category[]) =>
  (code: string): RiskGrade =>
    categoryByCode(code, list)?.riskHint ?? 'yellow';

/**
 * What the rules raise over a county at `now`, before storing: also what the benchmark measures.
 * Thresholds are the county's current risk policy (config/risk-policies.service).
 */
export async function evaluateCounty(
  ex: Executor,
  cipher: PiiCipher,
  countyCode: string,
  now: Date,
): Promise<RiskWarning[]> {
  const root = await repo.countyRoot(ex, countyCode);
  if (!root) return [];
  const p = await countyRiskPolicies(ex, countyCode);
  const span = Math.max(
    p.spike.windowDays + p.spike.baselineDays,
    p.repeat.windowDays,
    p.collective.windowDays + p.collective.baselineDays,
  );
  const facts = await repo.recentFacts(
    ex,
    cipher,
    countyCode,
    root.id,
    new Date(now.getTime() - span * DAY_MS),
    now,
  );
  const { categories } = await countyCatalog(ex, countyCode);
  return [
    ...detectSpikes(facts, now, p.spike, nameIn(categories)),
    ...detectRepeats(facts, now, p.repeat),
    ...detectCollectives(facts, now, jiebaTokenizer, p.collective),
    ...(await escalations(ex, countyCode, root.id, now, p.escalation, categories)),
  ];
}

async function escalations(
  ex: Executor,
  countyCode: string,
  districtId: string,
  now: Date,
  policy: EscalationPolicy,
  categories: readonly Category[],
  onlyId?: string,
) {
  const out: RiskWarning[] = [];
  const riskOf = riskIn(categories);
  const facts = onlyId
    ? await repo.escalationFactsOfMatter(ex, countyCode, now, onlyId)
    : await repo.escalationFacts(ex, countyCode, now);
  for (const r of facts) {
    const w = assessEscalation(
      {
        id: r.id,
        code: r.code,
        villageId: r.village_id,
        townId: r.town_id,
        districtId,
        overdue: r.overdue,
        unsatisfied: r.rating === 'unsatisfied',
        priorByApplicant: r.prior,
        categoryRisk: riskOf(r.category_code),
        collective: r.collective,
      },
      policy,
    );
    if (w) out.push(w);
  }
  return out;
}

export async function runRiskRules(
  deps: Deps,
  countyCode: string,
): Promise<{ raised: number; updated: number }> {
  const now = deps.clock.now();
  const warnings = await evaluateCounty(deps.database.db, piiCipher(deps.config), countyCode, now);
  return deps.database.transaction((tx) => storeWarnings(tx, deps, countyCode, warnings, now));
}

/** Every county in turn; one county's failure is reported and the others still run. */
export async function runRiskRulesEverywhere(deps: Deps): Promise<{ county: string; message: string }[]> {
  const failed: { county: string; message: string }[] = [];
  for (const c of await listCounties(deps)) {
    try {
      await runRiskRules(deps, c.code);
    } catch (e) {
      failed.push({ county: c.code, message: e instanceof Error ? e.message : String(e) });
    }
  }
  return failed;
}

/** The per-matter rule for a matter just taken in: a repeat applicant with a red category warns at once. */
export async function assessOnIntake(deps: Deps, countyCode: string, matterId: string): Promise<void> {
  const now = deps.clock.now();
  const root = await repo.countyRoot(deps.database.db, countyCode);
  if (!root) return;
  const [policies, catalog] = await Promise.all([
    countyRiskPolicies(deps.database.db, countyCode),
    countyCatalog(deps.database.db, countyCode),
  ]);
  const ws = await escalations(
    deps.database.db,
    countyCode,
    root.id,
    now,
    policies.escalation,
    catalog.categories,
    matterId,
  );
  if (ws.length === 0) return;
  await deps.database.transaction((tx) => storeWarnings(tx, deps, countyCode, ws, now));
  deps.kickSealer();
}
