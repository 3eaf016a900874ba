/** The conversation smoke test: script model, runner, reports (used by the resource and the CLI). */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import type { Script } from "../models/conversation-smoke-test";
import { junitReport } from "./junit";
import { formatReport, jsonReport } from "./report";
import { type RunOptions, runSmokeTest } from "./runner";
import type { SmokeResult } from "./types";

export { SmokeTestFailedError, StepFailure } from "./failure";
export { junitReport } from "./junit";
export { formatReport, jsonReport } from "./report";
export { type RunOptions, runOnce, runSmokeTest } from "./runner";
export { formatProblems, hashAudioFiles, parseScript, parseYamlScript, type ScriptProblem } from "./script";
export * from "./types";
export { wordErrorRate } from "./wer";

export interface ExecuteOptions extends RunOptions {
  junitPath?: string;
  jsonReportPath?: string;
}

/** Runs the script, builds the report, and writes the JUnit and JSON files asked for (whatever the verdict). */
export async function executeSmokeTest(
  script: Script,
  options: ExecuteOptions,
): Promise<{ result: SmokeResult; report: string }> {
  const result = await runSmokeTest(script, options);
  const report = formatReport(result);
  const write = (path: string | undefined, text: string) => {
    if (!path) return;
    const target = resolve(options.baseDir ?? process.cwd(), path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, text);
  };
  write(options.junitPath, junitReport(result, report));
  write(options.jsonReportPath, jsonReport(result));
  return { result, report };
}
