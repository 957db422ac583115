import { cpus, loadavg } from 'node:os';

// A small benchmark harness: warm up, then count operations for a fixed time, three rounds, median.

export interface Measurement {
  name: string;
  opsPerSec: number;
  rounds: number[];
}

/** Runs `fn` repeatedly (awaiting each call) and reports the median throughput of 3 rounds. */
export async function measure(name: string, fn: () => Promise<unknown> | unknown, seconds = 1.5): Promise<Measurement> {
  const warmUntil = performance.now() + 300;
  while (performance.now() < warmUntil) await fn();
  const rounds: number[] = [];
  for (let r = 0; r < 3; r++) {
    let n = 0;
    const start = performance.now();
    const end = start + seconds * 1000;
    while (performance.now() < end) {
      await fn();
      n++;
    }
    rounds.push((n * 1000) / (performance.now() - start));
  }
  rounds.sort((a, b) => a - b);
  const m = { name, opsPerSec: rounds[1]!, rounds };
  console.log(`  ${name.padEnd(58)} ${fmt(m.opsPerSec).padStart(10)} ops/s`);
  return m;
}

export function fmt(n: number): string {
  return n >= 100 ? Math.round(n).toLocaleString('en-US') : n.toFixed(1);
}

/** Prints a ratio against a target and returns whether it is met. */
export function ratio(label: string, value: number, target: number): boolean {
  const ok = value >= target;
  console.log(`  ${label.padEnd(58)} ${value.toFixed(2).padStart(10)}×   target ≥ ${target}×  ${ok ? 'met' : 'NOT MET'}`);
  return ok;
}

export function heading(text: string): void {
  console.log(`\n## ${text}`);
}

/** The machine's 1-minute load average: figures taken while other work shares the cores drift. */
export function loadNote(): string {
  return `load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores`;
}
