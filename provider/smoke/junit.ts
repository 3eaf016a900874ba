import type { SmokeResult, StepResult } from "./types";

/** XML text and attribute escaping, and characters XML 1.0 does not allow dropped. */
function xml(value: string): string {
  return [...value]
    .filter((ch) => {
      const c = ch.codePointAt(0) as number;
      return (
        c === 0x9 || c === 0xa || c === 0xd || (c >= 0x20 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd) || c > 0xffff
      );
    })
    .join("")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

const seconds = (ms: number | undefined) => ((ms ?? 0) / 1000).toFixed(3);

function testcase(step: StepResult, suite: string): string {
  const name = `${step.index >= 0 ? `${String(step.index + 1).padStart(2, "0")} ` : ""}${step.kind}: ${step.expected}`;
  const open = `    <testcase classname="${xml(suite)}" name="${xml(name)}" time="${seconds(step.latencyMs)}"`;
  if (step.status === "passed") return `${open}>\n      <system-out>${xml(step.got)}</system-out>\n    </testcase>`;
  if (step.status === "skipped") return `${open}>\n      <skipped message="an earlier step failed"/>\n    </testcase>`;
  const message = `${step.layer}: ${step.detail}`;
  return `${open}>\n      <failure message="${xml(message)}" type="${xml(step.layer ?? "failure")}">${xml(
    `expected: ${step.expected}\ngot: ${step.got}\nlayer: ${step.layer}\n${step.detail}`,
  )}</failure>\n    </testcase>`;
}

/**
 * JUnit XML (the de-facto schema CI systems read): one testsuite per run, one testcase per step
 * and check; a failing step is a <failure> with its layer as type, steps after it <skipped>.
 * Written by hand: the format needs a dozen lines, and escaping is the only subtle part.
 */
export function junitReport(result: SmokeResult, report: string): string {
  const suites = result.runs.map((run, i) => {
    const name = `conversation smoke test ${result.agentId}${result.runs.length > 1 ? ` run ${i + 1}` : ""}`;
    const failures = run.steps.filter((s) => s.status === "failed").length;
    const skipped = run.steps.filter((s) => s.status === "skipped").length;
    return [
      `  <testsuite name="${xml(name)}" tests="${run.steps.length}" failures="${failures}" errors="0" skipped="${skipped}" time="${seconds(run.durationMs)}"${run.conversationId ? ` id="${xml(run.conversationId)}"` : ""}>`,
      ...run.steps.map((s) => testcase(s, name)),
      `    <system-out>${xml(report)}</system-out>`,
      "  </testsuite>",
    ].join("\n");
  });
  const tests = result.runs.reduce((n, r) => n + r.steps.length, 0);
  const failures = result.runs.reduce((n, r) => n + r.steps.filter((s) => s.status === "failed").length, 0);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="pulumi-elevenlabs" tests="${tests}" failures="${failures}">\n${suites.join("\n")}\n</testsuites>\n`;
}
