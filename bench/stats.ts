import { performance } from 'node:perf_hooks';

/** Timing of one benchmark case, in milliseconds. */
export interface BenchResult {
  name: string;
  runs: number;
  medianMs: number;
  /** Spread as the interquartile range. */
  iqrMs: number;
  minMs: number;
  /** Free text such as a target or a ratio. */
  note?: string;
}

/** Times `task` after `warmup` runs and returns the median and spread of `runs` runs. */
export async function measure(
  name: string,
  task: () => unknown | Promise<unknown>,
  runs = 50,
  warmup = 5,
): Promise<BenchResult> {
  for (let i = 0; i < warmup; i++) await task();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await task();
    times.push(performance.now() - start);
  }
  return summarize(name, times);
}

export function summarize(name: string, times: number[]): BenchResult {
  const sorted = [...times].sort((a, b) => a - b);
  const quantile = (q: number) =>
    sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return {
    name,
    runs: times.length,
    medianMs: quantile(0.5),
    iqrMs: quantile(0.75) - quantile(0.25),
    minMs: sorted[0],
  };
}
