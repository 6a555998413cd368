/**
 * pg_dump and pg_restore, run with the password in the environment rather than on the command line
 * (where any local user could read it in the process list).
 */
import { spawn } from 'node:child_process';

export function pgTool(tool: 'pg_dump' | 'pg_restore', url: string, args: string[]): Promise<void> {
  const u = new URL(url);
  const password = decodeURIComponent(u.password);
  u.password = '';
  const env = { ...process.env, ...(password ? { PGPASSWORD: password } : {}) };
  return new Promise((resolve, reject) => {
    const child = spawn(tool, [...args, '--dbname', u.toString()], {
      env,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.on('error', (e) =>
      reject(new Error(`无法运行 ${tool}（需要 PostgreSQL 客户端工具）：${e.message}`)),
    );
    child.on('close', (code) => {
      if (code === 0) resolve();
      else reject(new Error(`${tool} 失败（退出码 ${code}）：${stderr.trim().slice(-2000)}`));
    });
  });
}
