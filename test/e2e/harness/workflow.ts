import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { promisify } from "node:util";
import { parse } from "yaml";
import type { CommandResult, PulumiProject } from "./pulumi-project";

const run = promisify(execFile);

/** The `run:` script of the step with `id: <stepId>` in a GitHub Actions workflow file. */
export function workflowStep(file: string, stepId: string): string {
  const workflow = parse(readFileSync(file, "utf8")) as {
    jobs: Record<string, { steps: { id?: string; run?: string }[] }>;
  };
  for (const job of Object.values(workflow.jobs)) {
    const step = job.steps.find((s) => s.id === stepId);
    if (step?.run) return step.run;
  }
  throw new Error(`${file}: no step with id ${stepId} and a run script`);
}

/** Runs a workflow step's script with bash in the project, with the project's engine environment plus `env`. */
export async function runStep(project: PulumiProject, script: string, env: NodeJS.ProcessEnv): Promise<CommandResult> {
  try {
    const { stdout, stderr } = await run("bash", ["-euo", "pipefail", "-c", script], {
      cwd: project.dir,
      env: { ...project.env, ...env },
      maxBuffer: 64 * 1024 * 1024,
    });
    return { stdout, stderr, code: 0 };
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string; code?: number };
    return { stdout: e.stdout ?? "", stderr: e.stderr ?? "", code: typeof e.code === "number" ? e.code : 1 };
  }
}
