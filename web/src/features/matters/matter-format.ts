import dayjs from 'dayjs';
import { matterStatuses, matterStatusLabels } from '../../../../core/domain/matters/model';

/** Words and times the matter page's cards share. */
export const partyRoleLabels = { applicant: '反映人', respondent: '被反映人', other: '其他当事人' } as const;
export const coHandlerStatusLabels = { working: '协办中', reported: '已反馈', released: '已解除' } as const;

export function statusWord(s: string | null): string | null {
  if (!s) return null;
  return (matterStatuses as readonly string[]).includes(s)
    ? matterStatusLabels[s as (typeof matterStatuses)[number]]
    : s;
}

export function time(iso: string): string {
  return dayjs(iso).format('YYYY-MM-DD HH:mm');
}
