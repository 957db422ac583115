// Anonymous uploads to authenticated routes are answered 401 from their headers alone: the body
// is never read, and the connection is closed instead of drained, so big bodies cost nothing.
import { readFileSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNodeService, type NodeService } from '../helpers/node-process.js';

let service: NodeService;
let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'skillcred-unread-'));
  service = await startNodeService({ DATA_DIR: join(dir, 'data'), KEYS_DIR: join(dir, 'keys') });
});
afterAll(async () => {
  await service?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const CHUNK = Buffer.alloc(64 * 1024, 0x61);

/** Bytes the server process has read through read(2) so far, sockets included (/proc/<pid>/io rchar). */
function bytesReadBy(pid: number): number {
  return Number(/rchar:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/io`, 'utf8'))![1]);
}

/**
 * Sends a request's headers, then keeps streaming body bytes (an attacker never stops) until
 * `limit` or until the server closes. Reports the status the server answered, if any arrived.
 */
function upload(path: string, headers: string[], limit: number): Promise<{ status: number; written: number }> {
  const { port } = new URL(service.url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), '127.0.0.1');
    let written = 0;
    let answer = '';
    let finished = false;
    const done = () => {
      if (finished) return;
      finished = true;
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0), written });
    };
    socket.on('data', (d) => (answer += d.toString('latin1')));
    socket.on('error', () => setTimeout(done, 50));
    socket.on('close', () => setTimeout(done, 50));
    socket.write(`POST ${path} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n${headers.join('\r\n')}\r\n\r\n`);
    const chunked = headers.some((h) => /transfer-encoding: chunked/i.test(h));
    const frame = chunked ? Buffer.concat([Buffer.from(`${CHUNK.length.toString(16)}\r\n`), CHUNK, Buffer.from('\r\n')]) : CHUNK;
    const pump = () => {
      if (socket.destroyed || written >= limit) return;
      written += CHUNK.length;
      // One chunk a turn, so the answer is read while we send, as a real client would.
      if (socket.write(frame)) setImmediate(pump);
      else socket.once('drain', pump);
    };
    pump();
    setTimeout(() => {
      socket.destroy();
      if (!finished) reject(new Error(`the server neither answered nor closed in 20 s (${written} bytes written): ${answer.slice(0, 80)}`));
    }, 20_000).unref();
  });
}

function rssBytes(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(m![1]) * 1024;
}

describe('bodies of unauthenticated requests are never read', () => {
  it('answers a chunked anonymous upload to /v1/verify/batch with 401 and closes the connection without reading the body', async () => {
    const pid = service.child.pid!;
    const before = bytesReadBy(pid);
    const r = await upload('/v1/verify/batch', ['Transfer-Encoding: chunked'], 64 * 1024 * 1024);
    expect(r.status).toBe(401);
    // The server read the headers and at most a socket buffer's worth; draining would read all 64 MB.
    expect(bytesReadBy(pid) - before).toBeLessThan(4 * 1024 * 1024);
    expect(r.written).toBeLessThan(64 * 1024 * 1024);
  });

  it('does the same for a declared 16 MB body with a bad token, and for the admin API', async () => {
    const pid = service.child.pid!;
    const before = bytesReadBy(pid);
    const batch = await upload(
      '/v1/verify/batch',
      ['Content-Length: 16777216', 'Authorization: Bearer skc_0000000000000000_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'],
      16 * 1024 * 1024,
    );
    expect(batch.status).toBe(401);
    const admin = await upload('/admin/issuers', ['Transfer-Encoding: chunked'], 32 * 1024 * 1024);
    expect(admin.status).toBe(401);
    expect(bytesReadBy(pid) - before).toBeLessThan(8 * 1024 * 1024);
  });

  it('keeps its memory while 24 anonymous 16 MB uploads arrive at once', async () => {
    const pid = service.child.pid!;
    const before = rssBytes(pid);
    const results = await Promise.all(Array.from({ length: 24 }, () => upload('/v1/verify/batch', ['Content-Length: 16777216'], 16 * 1024 * 1024)));
    const after = rssBytes(pid);
    expect(results.every((r) => r.status === 401)).toBe(true);
    expect(after - before, `RSS grew from ${before} to ${after}`).toBeLessThan(64 * 1024 * 1024);
    // and it still answers
    expect((await fetch(`${service.url}/health`)).status).toBe(200);
  }, 60_000);
});
