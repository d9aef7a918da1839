/**
 * What every `dangol bench …` command shares: a printed table, a JSON file under bench/results/,
 * and peak-memory readings. Benchmarks compare our path with a baseline measured in the same run,
 * because these machines are shared and noisy: ratios are what carry over, absolute figures less.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { findRepoRoot } from "@dangol/config";

export type BenchRow = Record<string, string | number | null>;

export interface BenchResult {
  bench: string;
  startedAt: string;
  machine: { cpus: number; totalMemoryGb: number; loadAverage: number[]; node: string };
  parameters: Record<string, unknown>;
  rows: BenchRow[];
  notes?: string[];
}

/** A fixed-width table of the rows (numbers right-aligned), headed by the union of their keys. */
export function formatBenchTable(rows: BenchRow[]): string {
  const head = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  const cell = (value: string | number | null | undefined) =>
    value == null ? "" : typeof value === "number" ? formatNumber(value) : value;
  const body = rows.map((row) => head.map((key) => cell(row[key])));
  const numeric = head.map((key) => rows.some((row) => typeof row[key] === "number"));
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (numeric[i] ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join("  ");
  return [line(head), line(widths.map((w) => "-".repeat(w))), ...body.map(line)].join("\n");
}

function formatNumber(value: number): string {
  if (Number.isInteger(value)) return value.toLocaleString("en-US");
  return Math.abs(value) >= 100 ? value.toFixed(0) : Math.abs(value) >= 1 ? value.toFixed(2) : value.toFixed(3);
}

/** Writes bench/results/<bench>-<timestamp>.json and returns its path. */
export function writeBenchResult(result: Omit<BenchResult, "machine">): string {
  const full: BenchResult = {
    ...result,
    machine: {
      cpus: os.cpus().length,
      totalMemoryGb: Math.round(os.totalmem() / 2 ** 30),
      loadAverage: os.loadavg().map((n) => Math.round(n * 100) / 100),
      node: process.version,
    },
  };
  const dir = path.join(findRepoRoot(), "bench", "results");
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${result.bench}-${result.startedAt.replace(/[:.]/g, "-")}.json`);
  writeFileSync(file, `${JSON.stringify(full, null, 2)}\n`);
  return file;
}

/**
 * Peak resident set size of a live process (Linux VmHWM), in MiB; null when /proc has no such
 * process. VmHWM is the kernel's own high-water mark, so sampling cannot miss a short peak.
 */
export function peakRssMib(pid: number = process.pid): number | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const match = /^VmHWM:\s+(\d+) kB/m.exec(status);
    return match ? Math.round(Number(match[1]) / 1024) : null;
  } catch {
    return null;
  }
}

/** The nearest-rank percentile (p in 0–100) of a non-empty list. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** Runs `work` and returns its wall-clock seconds with its result. */
export async function timed<T>(work: () => Promise<T>): Promise<{ seconds: number; value: T }> {
  const started = performance.now();
  const value = await work();
  return { seconds: (performance.now() - started) / 1000, value };
}
