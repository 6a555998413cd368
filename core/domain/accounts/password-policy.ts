/**
 * The one password policy (docs/SECURITY.md G7): every password a person or an administrator sets
 * (web, API, create-admin) goes through `passwordProblem`. Logging in never does: an existing
 * password is checked only against its hash.
 */
export const PASSWORD_MIN_LENGTH = 12;
/** Fewer different characters than this is a pattern, not a password (aaaaaaaaaaaa, 121212121212). */
const MIN_DISTINCT = 6;

const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/];

/** Why this password is refused, in words for the person typing it; null when it is acceptable. */
export function passwordProblem(password: string, username?: string): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) return `密码至少 ${PASSWORD_MIN_LENGTH} 位。`;
  if (password.length > 256) return '密码最多 256 位。';
  if (new Set(password).size < MIN_DISTINCT) return '密码过于简单：请不要重复同几个字符。';
  if (classes.filter((c) => c.test(password)).length < 2) {
    return '密码须包含字母、数字、符号中的至少两类。';
  }
  if (username && username.length >= 3 && password.toLowerCase().includes(username.toLowerCase())) {
    return '密码不能包含用户名。';
  }
  return null;
}
