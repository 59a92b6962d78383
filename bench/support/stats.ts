import { cpus, totalmem } from 'node:os';

/** Latency figures in milliseconds, from raw samples. */
export interface LatencySummary {
  samples: number;
  p50: number;
  p99: number;
  mean: number;
  max: number;
}

export function percentile(sorted: readonly number[], fraction: number): number {
  if (sorted.length === 0) return Number.NaN;
  // Nearest-rank: the smallest sample with at least `fraction` of the samples at or below it.
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(fraction * sorted.length)));
  return sorted[rank - 1]!;
}

export function summarize(samplesMs: readonly number[]): LatencySummary {
  const sorted = [...samplesMs].sort((a, b) => a - b);
  const sum = sorted.reduce((total, value) => total + value, 0);
  return { samples: sorted.length, p50: round(percentile(sorted, 0.5)), p99: round(percentile(sorted, 0.99)), mean: round(sum / Math.max(1, sorted.length)), max: round(sorted.at(-1) ?? Number.NaN) };
}

/** Milliseconds with three decimals: enough for microsecond-scale matching figures. */
export function round(value: number, digits = 3): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** Times one call in milliseconds with the monotonic high-resolution clock. */
export async function timeAsync(work: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

export function timeSync(work: () => unknown): number {
  const start = process.hrtime.bigint();
  work();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

export interface MachineInfo {
  cpuModel: string;
  cores: number;
  ramGiB: number;
  node: string;
  platform: string;
  database: string;
}

export function machineInfo(database: string): MachineInfo {
  const cpuList = cpus();
  return { cpuModel: cpuList[0]?.model.trim() ?? 'unknown', cores: cpuList.length, ramGiB: round(totalmem() / 1024 ** 3, 1), node: process.version, platform: `${process.platform} ${process.arch}`, database };
}
