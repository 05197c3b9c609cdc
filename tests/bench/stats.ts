/** The figures the benches report from repeated measurements. */

/** The `p`th percentile of `values` by nearest rank (the ⌈p/100 × n⌉th smallest); 0 when there are none. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;
}

export const median = (values: readonly number[]): number => percentile(values, 50);

/** Times in milliseconds as "median …, p95 … (n=…, min …, max …)". */
export function timesText(values: readonly number[]): string {
  return `median ${median(values).toFixed(1)} ms, p95 ${percentile(values, 95).toFixed(1)} ms (n=${values.length}, min ${Math.min(...values).toFixed(1)}, max ${Math.max(...values).toFixed(1)})`;
}
