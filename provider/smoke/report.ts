import type { RunResult, SmokeResult, StepResult, TranscriptLine } from "./types";

/**
 * The human report: verdict, then for a failed run the failing step (expected, got, layer, why)
 * and the transcript up to it, then every step in a table, latency and audio figures. Plain
 * text, no colour: it is read in CI logs and in `pulumi up` output.
 */
export function formatReport(result: SmokeResult): string {
  const n = result.runs.length;
  const verdict = result.passed ? "PASSED" : "FAILED";
  const runs =
    n === 1 ? "" : `, ${result.passedRuns} of ${n} runs passed (threshold ${Math.round(result.passThreshold * 100)} %)`;
  const lines = [`Conversation smoke test ${verdict}: agent ${result.agentId}${runs}`];
  result.runs.forEach((run, i) => {
    const label = n === 1 ? "Run" : `Run ${i + 1}`;
    const conversation = run.conversationId ? ` (conversation ${run.conversationId})` : "";
    lines.push(
      "",
      `${label}${conversation}: ${run.passed ? "passed" : "FAILED"} in ${(run.durationMs / 1000).toFixed(1)} s`,
    );
    if (run.failure) lines.push(...failureBlock(run.failure, run));
    lines.push(...stepTable(run.steps));
  });
  lines.push("", latencyLine(result));
  const audio = result.runs.find((r) => r.audio)?.audio;
  if (audio)
    lines.push(
      `Agent audio: ${audio.format}, ${audio.responses} response${audio.responses === 1 ? "" : "s"}, ${(audio.durationMs / 1000).toFixed(1)} s, RMS ${audio.rms}`,
    );
  return lines.join("\n");
}

function stepName(step: StepResult): string {
  return step.index >= 0 ? `step ${step.index + 1} (${step.kind})` : step.kind;
}

function failureBlock(f: StepResult, run: RunResult): string[] {
  return [
    `  failed at ${stepName(f)}`,
    `    expected:   ${f.expected}`,
    `    got:        ${f.got}`,
    `    layer:      ${f.layer}`,
    `    why:        ${f.detail}`,
    "    transcript so far:",
    ...(run.transcript.length ? run.transcript.map(transcriptLine) : ["      (nothing was said)"]),
  ];
}

const transcriptLine = (t: TranscriptLine) =>
  `      ${(t.at / 1000).toFixed(1).padStart(5)} s  ${`${t.role}:`.padEnd(6)} ${t.text}`;

function stepTable(steps: StepResult[]): string[] {
  const rows = steps.map((s) => [
    s.index >= 0 ? String(s.index + 1) : "-",
    s.kind,
    s.status,
    s.latencyMs === undefined ? "" : `${s.latencyMs} ms`,
    `${s.expected}${s.got ? ` -> ${s.got}` : ""}`,
  ]);
  const header = ["#", "step", "result", "latency", "expected -> got"];
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] as string).length)));
  const fmt = (r: string[]) =>
    `  ${r.map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c] as number))).join("  ")}`.trimEnd();
  return [fmt(header), ...rows.map(fmt)];
}

function latencyLine(result: SmokeResult): string {
  const { greetingMs, p50, p95 } = result.latency;
  const parts = [
    greetingMs === undefined ? "no greeting heard" : `greeting ${greetingMs} ms`,
    p50 === undefined ? "no response timed" : `responses p50 ${p50} ms, p95 ${p95} ms`,
  ];
  return `Latency (end of user audio -> first agent audio): ${parts.join("; ")}`;
}

/** The result as JSON for machines (CI dashboards, the CLI's --json). */
export function jsonReport(result: SmokeResult): string {
  return `${JSON.stringify(result, null, 2)}\n`;
}
