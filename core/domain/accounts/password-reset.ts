/**
 * No impersonation (docs/SECURITY.md G9): a password chosen by an administrator always has to be
 * replaced by its owner at the next login, and one chosen for a leader or a business administrator
 * (the accounts that see and export the most) takes effect only once the security administrator,
 * who is never the system administrator, has approved it.
 */
import type { Role } from '../roles';

const approvalRoles: readonly Role[] = ['leader', 'admin'];

export function resetNeedsApproval(targetRoles: readonly string[]): boolean {
  return targetRoles.some((r) => (approvalRoles as readonly string[]).includes(r));
}

export const passwordResetStatuses = ['pending', 'approved', 'rejected'] as const;
export type PasswordResetStatus = (typeof passwordResetStatuses)[number];
