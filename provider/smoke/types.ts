import type { StepKind } from "../models/conversation-smoke-test";

/**
 * Where a failure sits, so a reader knows whom to call: the connection or credentials, the
 * agent's hearing (recognition), its decisions (agent), a tool, its voice (synthesis), or time.
 */
export const LAYERS = ["connection", "recognition", "agent", "tool", "synthesis", "timeout"] as const;
export type Layer = (typeof LAYERS)[number];

export interface StepResult {
  /** 0-based index in the script; -1 for checks that are not script steps (greeting, agent audio). */
  index: number;
  kind: StepKind | "connect" | "greeting" | "agentAudio";
  status: "passed" | "failed" | "skipped";
  /** What the step asked for, in words. */
  expected: string;
  /** What arrived. */
  got: string;
  /** From the end of the user's audio (or text) to the awaited event; from connecting for the greeting. */
  latencyMs?: number;
  layer?: Layer;
  detail?: string;
}

export interface TranscriptLine {
  /** ms since connecting */
  at: number;
  role: "user" | "agent" | "tool";
  text: string;
}

export interface AudioStats {
  format: string;
  responses: number;
  chunks: number;
  durationMs: number;
  /** Root mean square level of all agent audio, 0…1. */
  rms: number;
}

export interface RunResult {
  passed: boolean;
  conversationId?: string;
  steps: StepResult[];
  /** The first failing step, if any. */
  failure?: StepResult;
  transcript: TranscriptLine[];
  greetingMs?: number;
  /** Each response's latency (ms from the end of the user's turn to its first audio). */
  responseLatencies: number[];
  audio?: AudioStats;
  /** Wall time of the run, connect to close. */
  durationMs: number;
  /** Duration of the user audio the script streamed (spoken turns and files). */
  scriptedAudioMs: number;
  expectationsRun: number;
}

export interface SmokeResult {
  passed: boolean;
  agentId: string;
  runs: RunResult[];
  passedRuns: number;
  passThreshold: number;
  latency: { greetingMs?: number; p50?: number; p95?: number };
}

/** The value at quantile q (0…1) of `values`, nearest-rank; undefined when empty. */
export function percentile(values: readonly number[], q: number): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}
