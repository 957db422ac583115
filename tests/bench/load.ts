// HTTP load for the benchmarks: wrk (Debian's, C, light on the shared CPU) when installed,
// autocannon (npm) otherwise. Both drive one server process with a fixed number of connections.
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import autocannon from 'autocannon';

export interface Load {
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  /** A fixed body, or a template whose `{{n}}` is replaced by a per-request counter. */
  body?: string;
  connections?: number;
  seconds?: number;
  /** The answers are 304s (a conditional GET): wrk cannot tell them from failures. */
  expect304?: boolean;
}

export interface LoadResult {
  requestsPerSecond: number;
  /** Answers outside 2xx and 3xx (a 304 is a success here). */
  failed: number;
  tool: 'wrk' | 'autocannon';
}

function haveWrk(): boolean {
  return spawnSync('wrk', ['--version']).error === undefined;
}

const lua = (s: string) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;

/** Runs a load (after a 2-second warm-up of the server's JIT and caches) and reports requests per second and non-2xx answers (304 counts as success). */
export async function runLoad(load: Load): Promise<LoadResult> {
  await once({ ...load, seconds: 2 });
  return once(load);
}

async function once(load: Load): Promise<LoadResult> {
  // Every run gets its own prefix for {{n}}: wrk's Lua random numbers repeat from run to run.
  const run = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
  const connections = load.connections ?? 8;
  const seconds = load.seconds ?? 5;
  const method = load.method ?? 'GET';
  const headers = load.headers ?? {};
  if (haveWrk()) {
    const dir = mkdtempSync(join(tmpdir(), 'skillcred-wrk-'));
    const script = join(dir, 'load.lua');
    const parts = (load.body ?? '').split('{{n}}');
    const headerTable = `{${Object.entries(headers)
      .map(([k, v]) => `[${lua(k)}]=${lua(v)}`)
      .join(',')}}`;
    writeFileSync(
      script,
      `local n = 0
local parts = {${parts.map(lua).join(',')}}
request = function()
  n = n + 1
  local body = nil
  if #parts > 1 or parts[1] ~= "" then body = table.concat(parts, ${lua(run)} .. "-" .. tostring(n)) end
  return wrk.format(${lua(method)}, nil, ${headerTable}, body)
end
`,
    );
    // Asynchronously, so the caller's event loop can measure something else meanwhile (/health's latency).
    const { stdout: out } = await promisify(execFile)('wrk', ['-t1', `-c${connections}`, `-d${seconds}s`, '-s', script, load.url], { encoding: 'utf8' });
    const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? NaN);
    // wrk counts 3xx with the failures; callers that expect 304s pass expect304.
    const failed = Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(out)?.[1] ?? 0);
    return { requestsPerSecond: rps, failed: load.expect304 ? 0 : failed, tool: 'wrk' };
  }
  let n = 0;
  const template = load.body;
  const result = await autocannon({
    url: load.url,
    method,
    headers,
    connections,
    duration: seconds,
    ...(template?.includes('{{n}}')
      ? { requests: [{ method, setupRequest: (req) => ({ ...req, body: template.split('{{n}}').join(`${run}-${n++}`) }) }] }
      : template !== undefined
        ? { body: template }
        : {}),
  });
  return { requestsPerSecond: result.requests.average, failed: result.non2xx - result['3xx'], tool: 'autocannon' };
}
