/** The raw numbers of one `npm run bench` stack run (bench/results/*.json), as the report reads them. */

export const OPERATIONS = ["up", "preview", "preview --refresh", "update", "destroy"] as const;
export type Operation = (typeof OPERATIONS)[number];

/** rate limit off; the API's default 100/min; 50 ms added to every request. */
export const PASSES = ["plain", "ratelimit", "latency"] as const;
export type Pass = (typeof PASSES)[number];

export const PASS_TITLES: Record<Pass, string> = {
  plain: "rate limit off",
  ratelimit: "rate limit 100/min",
  latency: "rate limit off, 50 ms added per request",
};

export interface Measurement {
  wallS: number;
  calls: number;
  byRoute: Record<string, number>;
  byStatus: Record<string, number>;
  /** Peak resident memory of the provider process (engine runs only). */
  peakMiB?: number;
}

export interface Sample {
  pass: Pass;
  n: number;
  repeat: number;
  op: Operation;
  engine: Measurement;
  /** Absent for the no-op preview (a plain client makes no call) and in the rate-limited pass. */
  baseline?: Measurement;
}

export interface StateSize {
  pass: Pass;
  n: number;
  /** Largest serialized `__provider` of any resource, in bytes. */
  providerBytes: number;
  /** `pulumi stack export` length divided by the number of our resources. */
  stateBytesPerResource: number;
}

export interface BenchResults {
  startedAt: string;
  finishedAt: string;
  commit: string;
  node: string;
  engine: string;
  /** /proc/loadavg (1, 5, 15 min) when each pass and size began. */
  loadAverages: { pass: Pass; n: number; loadavg: number[] }[];
  /** The emulator's limit in the rate-limited pass, per minute. */
  rateLimit: number;
  latencyMs: number;
  samples: Sample[];
  state: StateSize[];
}

export function median(xs: number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}
