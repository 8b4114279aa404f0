/** Timing helpers: every comparison runs both sides alternately in the same process, so machine noise hits both. */

export function median(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** Nearest-rank percentile (p in 0..100). */
export function percentile(xs: readonly number[], p: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

// No forced garbage collection between runs: a full collection shrinks the heap and makes
// the next run pay for growing it again, which inflates both sides and flatters ratios.
async function timeOnce(fn: () => unknown): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

export interface Paired {
  /** Milliseconds per run of each side. */
  a: number[];
  b: number[];
  /** Median of the per-round ratios a/b. */
  ratio: number;
}

/**
 * Runs `a` and `b` alternately (ABBA order, after `warmup` unmeasured rounds) and compares
 * them round by round: slow phases of a shared machine then inflate both sides of a round.
 */
export async function paired(a: () => unknown, b: () => unknown, rounds: number, warmup = 2): Promise<Paired> {
  for (let i = 0; i < warmup; i++) {
    await a();
    await b();
  }
  const ta: number[] = [];
  const tb: number[] = [];
  for (let i = 0; i < rounds; i++) {
    if (i % 2 === 0) {
      ta.push(await timeOnce(a));
      tb.push(await timeOnce(b));
    } else {
      tb.push(await timeOnce(b));
      ta.push(await timeOnce(a));
    }
  }
  return { a: ta, b: tb, ratio: median(ta.map((t, i) => t / tb[i])) };
}
