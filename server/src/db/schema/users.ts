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
    check(
      'user_roles_role_check',
      sql`${t.role} in ('resident','grid_worker','clerk','handler','mediator','dept_liaison','leader','admin','sys_admin','sec_admin','audit_admin')`,
    ),
    // 三权分立 as a database constraint: at most one of the three separated roles per person.
    uniqueIndex('user_roles_one_separated_admin')
      .on(t.userId)
      .where(sql`${t.role} in ('sys_admin','sec_admin','audit_admin')`),
  ],
);
