/**
 * Questions on the command line that work both at a terminal and with piped input
 * (`printf '…\n…\n' | npm run create-admin`), and a secret that is never echoed.
 *
 * Piped input is read whole, once, the first time a question needs it, and answers are taken line by
 * line: readline's question() loses lines that arrive before it is asked, and rejects once the pipe
 * has closed, which is how a script fed from a file used to crash.
 */
import { createInterface } from 'node:readline/promises';
import { Writable } from 'node:stream';

export interface Prompter {
  ask(question: string): Promise<string>;
  /** Asked without echoing what is typed (passwords). */
  secret(question: string): Promise<string>;
  close(): void;
}

export function prompter(): Prompter {
  return process.stdin.isTTY ? terminalPrompter() : pipedPrompter();
}

function pipedPrompter(): Prompter {
  let lines: Promise<string[]> | undefined;
  let next = 0;
  const readAll = async () => {
    const chunks: Buffer[] = [];
    for await (const c of process.stdin) chunks.push(c as Buffer);
    return Buffer.concat(chunks).toString('utf8').split(/\r?\n/);
  };
  const answer = async (question: string) => {
    process.stderr.write(`${question}\n`);
    lines ??= readAll();
    return ((await lines)[next++] ?? '').trim();
  };
  return { ask: answer, secret: answer, close: () => {} };
}

function terminalPrompter(): Prompter {
  let muted = false;
  // readline echoes what is typed to its output: for a secret, that output swallows it.
  const output = new Writable({
    write(chunk, _enc, done) {
      if (!muted) process.stderr.write(chunk);
      done();
    },
  });
  const rl = createInterface({ input: process.stdin, output, terminal: true });
  return {
    ask: async (question) => (await rl.question(question)).trim(),
    secret: async (question) => {
      process.stderr.write(question);
      muted = true;
      try {
        return await rl.question('');
      } finally {
        muted = false;
        process.stderr.write('\n');
      }
    },
    close: () => rl.close(),
  };
}
