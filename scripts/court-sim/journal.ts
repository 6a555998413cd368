/**
 * The simulator's memory, on disk so that it survives being killed: each message it accepted (by
 * idempotency key), each duplicate arrival, and each nonce. A line is written and flushed before the
 * answer goes out, as a real court's database commit would be.
 */
import { appendFileSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import path from 'node:path';

export interface Received {
  key: string;
  kind: string;
  at: string;
  reference: string;
  body: Record<string, unknown>;
}

export class Journal {
  readonly received = new Map<string, Received>();
  readonly nonces = new Set<string>();
  duplicates = 0;
  private readonly fds: Record<'received' | 'duplicates' | 'nonces', number>;

  constructor(readonly dir: string) {
    mkdirSync(dir, { recursive: true });
    for (const r of this.lines<Received>('received')) this.received.set(r.key, r);
    this.duplicates = this.lines('duplicates').length;
    for (const n of this.lines<{ nonce: string }>('nonces')) this.nonces.add(n.nonce);
    this.fds = {
      received: openSync(this.file('received'), 'a'),
      duplicates: openSync(this.file('duplicates'), 'a'),
      nonces: openSync(this.file('nonces'), 'a'),
    };
  }

  private file(name: string) {
    return path.join(this.dir, `${name}.jsonl`);
  }

  private lines<T>(name: string): T[] {
    const f = this.file(name);
    if (!existsSync(f)) return [];
    // A line cut short by a kill is not a record: skip it.
    return readFileSync(f, 'utf8')
      .split('\n')
      .flatMap((l) => {
        try {
          return l ? [JSON.parse(l) as T] : [];
        } catch {
          return [];
        }
      });
  }

  private append(name: keyof Journal['fds'], value: unknown) {
    appendFileSync(this.fds[name], `${JSON.stringify(value)}\n`);
    fsyncSync(this.fds[name]);
  }

  rememberNonce(nonce: string): boolean {
    if (this.nonces.has(nonce)) return false;
    this.nonces.add(nonce);
    this.append('nonces', { nonce });
    return true;
  }

  accept(r: Received) {
    this.received.set(r.key, r);
    this.append('received', r);
  }

  duplicate(key: string, kind: string) {
    this.duplicates++;
    this.append('duplicates', { key, kind, at: new Date().toISOString() });
  }

  byReference(reference: string): Received | undefined {
    return [...this.received.values()].find((r) => r.reference === reference);
  }
}
