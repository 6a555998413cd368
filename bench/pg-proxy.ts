/**
 * A counting TCP proxy between a server under test and PostgreSQL, for the out-of-process intake
 * bench: it reads only the message headers of the wire protocol and counts, from outside the server
 * and whatever code the server runs (this branch or a checkout of main), the statements it executes
 * and the round trips it waits for. pg_stat_statements would say the same but needs a server restart
 * with shared_preload_libraries, which a shared PostgreSQL cannot get for a bench.
 *
 * Statements: Execute ('E', extended protocol) and Query ('Q', simple protocol) messages from the
 * client. Round trips: ReadyForQuery ('Z') from the server, one per Sync or simple Query, less the
 * one every connection gets after its startup. Connections: accepted sockets.
 */
import net from 'node:net';

export interface WireCounts {
  statements: number;
  roundTrips: number;
  connections: number;
}

/** Walks a byte stream message by message (type byte + int32 length), calling `onType` per message. */
function messageWalker(onType: (type: number) => void, startup: boolean) {
  // A client's first message (startup) has no type byte: just the length.
  let header = Buffer.alloc(0);
  let skip = 0;
  let untyped = startup;
  return (chunk: Buffer) => {
    let pos = 0;
    while (pos < chunk.length) {
      if (skip > 0) {
        const n = Math.min(skip, chunk.length - pos);
        skip -= n;
        pos += n;
        continue;
      }
      const want = untyped ? 4 : 5;
      const take = Math.min(want - header.length, chunk.length - pos);
      header = Buffer.concat([header, chunk.subarray(pos, pos + take)]);
      pos += take;
      if (header.length < want) continue;
      if (untyped) {
        skip = header.readInt32BE(0) - 4;
        untyped = false;
      } else {
        onType(header[0]!);
        skip = header.readInt32BE(1) - 4;
      }
      header = Buffer.alloc(0);
    }
  };
}

const E = 'E'.charCodeAt(0);
const Q = 'Q'.charCodeAt(0);
const Z = 'Z'.charCodeAt(0);

/** Listens on a loopback port and forwards every connection to `target`; `counts()` reads the totals. */
export async function startCountingProxy(target: { host: string; port: number }) {
  const totals: WireCounts = { statements: 0, roundTrips: 0, connections: 0 };
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    totals.connections++;
    totals.roundTrips--; // the ReadyForQuery after startup is not a statement's round trip
    const upstream = net.connect(target);
    sockets.add(client).add(upstream);
    const fromClient = messageWalker((t) => {
      if (t === E || t === Q) totals.statements++;
    }, true);
    const fromServer = messageWalker((t) => {
      if (t === Z) totals.roundTrips++;
    }, false);
    client.on('data', (d: Buffer) => {
      fromClient(d);
      upstream.write(d);
    });
    upstream.on('data', (d: Buffer) => {
      fromServer(d);
      client.write(d);
    });
    const close = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('close', close).on('error', close);
    upstream.on('close', close).on('error', close);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    counts: (): WireCounts => ({ ...totals }),
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
