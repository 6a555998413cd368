import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { roles } from '../../../../core/domain/roles';
import { counties } from './counties';
import { orgs } from './orgs';

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey(),
    countyCode: text('county_code')
      .notNull()
      .references(() => counties.code),
    username: text('username').notNull().unique(),
    displayName: text('display_name').notNull(),
    phone: text('phone'),
    orgId: uuid('org_id').references(() => orgs.id),
    kind: text('kind').notNull().default('staff'),
    passwordHash: text('password_hash').notNull(),
    disabled: boolean('disabled').notNull().default(false),
    failedLogins: integer('failed_logins').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    mustChangePassword: boolean('must_change_password').notNull().default(false),
    passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }).notNull(),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
    /**
     * Base32 TOTP secret once enrolment is confirmed (docs/SECURITY.md G9), stored sealed like identity
     * (pii-cipher.ts, kind 'totp_secret'; auth.repo.ts seals and opens); null: no second factor.
     */
    totpSecret: text('totp_secret'),
    /** Offered at enrolment, confirmed by a first code; replaced by every new enrolment attempt. */
    totpPendingSecret: text('totp_pending_secret'),
    totpEnabledAt: timestamp('totp_enabled_at', { withTimezone: true }),
    /** Last accepted time step: a code of this step or an earlier one is refused (no OTP reuse). */
    totpLastStep: integer('totp_last_step'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('users_org_idx').on(t.orgId),
    check('users_kind_check', sql`${t.kind} in ('staff','resident')`),
    // Each staff account belongs to one org; residents need none.
    check('users_staff_org_check', sql`${t.kind} = 'resident' or ${t.orgId} is not null`),
  ],
);

export const userRoles = pgTable(
  'user_roles',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    role: text('role').notNull(),
    countyCode: text('county_code').notNull(),
    grantedAt: timestamp('granted_at', { withTimezone: true }).notNull(),
    grantedBy: uuid('granted_by'),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.role] }),
    // The roles of core/domain/roles.ts: a new role there changes this check, and `npm run
    // db:generate` writes its migration.
    check('user_roles_role_check', sql`${t.role} in (${sql.raw(roles.map((r) => `'${r}'`).join(','))})`),
    // 三权分立 as a database constraint: at most one of the three separated roles per person.
    uniqueIndex('user_roles_one_separated_admin')
      .on(t.userId)
      .where(sql`${t.role} in ('sys_admin','sec_admin','audit_admin')`),
  ],
);

/** Single-use recovery codes of a TOTP enrolment, kept only as SHA-256 of 60-bit random codes. */
export const recoveryCodes = pgTable(
  'recovery_codes',
  {
    id: uuid('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    codeHash: text('code_hash').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [index('recovery_codes_user_idx').on(t.userId)],
);

/**
 * Failed logins for usernames that have no account, so that the lockout answers an unknown name
 * exactly like a real one (no enumeration, docs/SECURITY.md G7).
 */
export const loginThrottle = pgTable('login_throttle', {
  username: text('username').primaryKey(),
  failedLogins: integer('failed_logins').notNull().default(0),
  lockedUntil: timestamp('locked_until', { withTimezone: true }),
  lastFailedAt: timestamp('last_failed_at', { withTimezone: true }).notNull(),
});

/**
 * A system administrator's password reset of a leader's or a business administrator's account waits
 * here for the security administrator (no impersonation, docs/SECURITY.md G9); the chosen password is
 * kept only as its hash and applied on approval.
 */
export const passwordResets = pgTable(
  'password_resets',
  {
    id: uuid('id').primaryKey(),
    countyCode: text('county_code').notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    passwordHash: text('password_hash').notNull(),
    requestedBy: uuid('requested_by')
      .notNull()
      .references(() => users.id),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull(),
    status: text('status').notNull().default('pending'),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
  },
  (t) => [
    check('password_resets_status_check', sql`${t.status} in ('pending','approved','rejected')`),
    // One open request per account: a second one replaces nothing silently.
    uniqueIndex('password_resets_one_pending').on(t.userId).where(sql`${t.status} = 'pending'`),
  ],
);
