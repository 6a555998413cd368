/**
 * What a session may do before its owner has done what the install asks of them (docs/SECURITY.md
 * G9): a password chosen by an administrator must be replaced first (no impersonation), then a
 * role that needs a second factor must enrol one. Until then the session may only do that, read
 * who it is, and log out; the server enforces it, the web app shows the matching form.
 */
import { needsTwoFactor, type Role } from '../roles';

export type SessionRestriction = 'password_change' | 'totp_enrolment';
export type TwoFactorPolicy = 'required' | 'optional';

export function sessionRestriction(
  user: { mustChangePassword: boolean; totpEnrolled: boolean },
  roles: readonly Role[],
  policy: TwoFactorPolicy,
): SessionRestriction | null {
  if (user.mustChangePassword) return 'password_change';
  if (policy === 'required' && !user.totpEnrolled && needsTwoFactor(roles)) return 'totp_enrolment';
  return null;
}
