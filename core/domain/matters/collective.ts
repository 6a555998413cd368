/**
 * Collective matters (集体访/群体性事项) and their representatives.
 *
 * - The flag: 信访工作条例 sets no headcount for a collective visit (docs/LEGAL.md §1.8; art. 46(3) speaks of
 *   "规模性集体访" without a number). "5 人以上" is practice, so the threshold is a policy value and 5 only
 *   its default (low confidence: confirm locally).
 * - Representatives: "多人采用走访形式提出共同的信访事项的，应当推选代表，代表人数不得超过5人"
 *   (art. 20(3), docs/LEGAL.md §1.7, high confidence). The duty to choose them is for visits; the cap of five is
 *   applied to every matter that names representatives.
 */
import type { Channel } from './model';
import { invalid, type Refusal } from './refusals';

export const defaultCollectiveThreshold = 5;
export const maxRepresentatives = 5;

export interface CollectivePolicy {
  /** Applicants from which a matter counts as collective; an integer of at least 2. */
  threshold: number;
}

export const defaultCollectivePolicy: CollectivePolicy = { threshold: defaultCollectiveThreshold };

export function isValidCollectivePolicy(policy: CollectivePolicy): boolean {
  return Number.isInteger(policy.threshold) && policy.threshold >= 2;
}

export function isCollective(
  applicantCount: number,
  policy: CollectivePolicy = defaultCollectivePolicy,
): boolean {
  const threshold = isValidCollectivePolicy(policy) ? policy.threshold : defaultCollectiveThreshold;
  return Number.isInteger(applicantCount) && applicantCount >= threshold;
}

export interface RepresentationInput {
  channel: Channel;
  applicantCount: number;
  representativeCount: number;
}

/** Null when the representation is lawful, else a 422 refusal with a Chinese message. */
export function checkRepresentatives(input: RepresentationInput): Refusal | null {
  const { channel, applicantCount, representativeCount } = input;
  if (!Number.isInteger(applicantCount) || applicantCount < 1) {
    return invalid('INVALID_INPUT', '反映人数至少为1人。');
  }
  if (!Number.isInteger(representativeCount) || representativeCount < 0) {
    return invalid('INVALID_INPUT', '代表人数应为非负整数。');
  }
  if (representativeCount > maxRepresentatives) {
    return invalid(
      'TOO_MANY_REPRESENTATIVES',
      '多人提出共同的信访事项，代表人数不得超过5人（《信访工作条例》第二十条）。',
    );
  }
  if (representativeCount > applicantCount) {
    return invalid('INVALID_INPUT', '代表人数不能多于反映人数。');
  }
  if (channel === 'walk_in' && applicantCount > 1 && representativeCount === 0) {
    return invalid(
      'REPRESENTATIVES_REQUIRED',
      '多人走访提出共同的信访事项，应当推选代表（《信访工作条例》第二十条）。',
    );
  }
  return null;
}
