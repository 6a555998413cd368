/**
 * Rules of a decision on one agenda item, pure and given everything by the caller:
 * - a vote (show of hands, ballot) needs a tally, and the votes cast cannot exceed the people
 *   entitled to vote who were present (seated members present);
 * - the stated outcome must follow from the tally: adopted needs a majority of the members present
 *   (村民委员会组织法 art. 22 applies the same "过半数" rule to the 村民会议/代表会议);
 * - consensus carries no tally and cannot be "rejected" (nobody objected, or there is no consensus: deferred);
 * - every outcome carries its reasons; a rejection must say why.
 */
import type { DecisionMethod, Outcome } from './model';

export interface DecisionInput {
  method: DecisionMethod;
  votesFor?: number | undefined;
  votesAgainst?: number | undefined;
  votesAbstain?: number | undefined;
  outcome: Outcome;
  reasoning: string;
  dissent?: string | undefined;
}

export type DecisionRefusal = { code: string; message: string };

export function checkDecision(d: DecisionInput, presentVoters: number): DecisionRefusal | null {
  if (d.reasoning.trim().length < 4)
    return { code: 'REASONING_REQUIRED', message: '请写明决定的理由（至少 4 个字）。' };
  if (d.method === 'consensus') {
    if (d.votesFor !== undefined || d.votesAgainst !== undefined || d.votesAbstain !== undefined)
      return { code: 'TALLY_NOT_EXPECTED', message: '协商一致的决定不计票，请不要填写票数。' };
    if (d.outcome === 'rejected')
      return { code: 'CONSENSUS_CANNOT_REJECT', message: '未能协商一致时请选择“暂缓，下次再议”。' };
    return null;
  }
  const f = d.votesFor;
  const a = d.votesAgainst;
  const s = d.votesAbstain;
  if (f === undefined || a === undefined || s === undefined)
    return { code: 'TALLY_REQUIRED', message: '表决或投票须填写赞成、反对、弃权票数。' };
  const cast = f + a + s;
  if (presentVoters === 0)
    return { code: 'NO_QUORUM', message: '没有登记到会成员，不能表决。请先登记出席情况。' };
  if (cast > presentVoters)
    return {
      code: 'TALLY_EXCEEDS_PRESENT',
      message: `票数合计 ${cast} 超过到会成员 ${presentVoters} 人，请核对选票。`,
    };
  const majority = f * 2 > presentVoters;
  if (d.outcome === 'adopted' && !majority)
    return {
      code: 'OUTCOME_CONTRADICTS_TALLY',
      message: `赞成 ${f} 票未超过到会成员 ${presentVoters} 人的半数，不能记为通过。`,
    };
  if (d.outcome === 'rejected' && majority)
    return {
      code: 'OUTCOME_CONTRADICTS_TALLY',
      message: `赞成 ${f} 票已超过到会成员半数，不能记为未通过。`,
    };
  return null;
}

/**
 * Published text must carry no personal data (村务公开 shows decisions, not people): no phone or ID
 * number, and none of the names the caller knows for this meeting (members, speakers, parties).
 * Returns the first offending fragment, masked, or null.
 */
export function personalDataIn(text: string, names: readonly string[]): string | null {
  if (/\d{17}[\dXx]/.test(text)) return '身份证号码';
  if (/1[3-9]\d{9}/.test(text)) return '手机号码';
  for (const n of names) {
    const name = n.trim();
    if (name.length >= 2 && text.includes(name)) return `姓名“${name[0]}${'*'.repeat(name.length - 1)}”`;
  }
  return null;
}
