import { type ChildProcess, execFile, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readlinkSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { inject } from "vitest";

const run = promisify(execFile);

export interface CommandResult {
  stdout: string;
  stderr: string;
  code: number;
}

/**
 * A throwaway Pulumi project (CLI-driven) inside the e2e user workspace, with a local file
 * backend, a passphrase secrets provider and the offline variables, so nothing leaves the machine.
 */
export class PulumiProject {
  readonly dir: string;
  readonly env: NodeJS.ProcessEnv;

  private constructor(dir: string, env: NodeJS.ProcessEnv) {
    this.dir = dir;
    this.env = env;
  }

  static async create(name: string, program: string, stack = "test"): Promise<PulumiProject> {
    const dir = mkdtempSync(join(inject("e2e").workspace, `${name}-`));
    writeFileSync(join(dir, "Pulumi.yaml"), `name: ${name}\nruntime: nodejs\nmain: index.js\n`);
    writeFileSync(join(dir, "package.json"), JSON.stringify({ name, private: true, main: "index.js" }));
    writeFileSync(join(dir, "index.js"), program);
    return PulumiProject.init(dir, stack);
  }

  /** A new stack of the project already written in `dir`, on a local file backend inside it. */
  static async init(dir: string, stack = "test"): Promise<PulumiProject> {
    const state = join(dir, ".state");
    mkdirSync(state);
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      // The engine, its Node.js language host and the dynamic-provider launcher sit together;
      // the Node that runs them is the one running the tests (Node 24 from devDependencies).
      PATH: [inject("e2e").engineBin, dirname(process.execPath), process.env.PATH].join(":"),
      PULUMI_HOME: join(dir, ".pulumi-home"),
      PULUMI_BACKEND_URL: `file://${state}`,
      PULUMI_CONFIG_PASSPHRASE: "e2e-passphrase",
      PULUMI_SKIP_UPDATE_CHECK: "true",
      PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
      PULUMI_AUTOMATION_API_SKIP_VERSION_CHECK: "true",
      NO_COLOR: "1",
    };
    // Credentials come from stack config in these tests, never from the test runner's env.
    delete env.ELEVENLABS_API_KEY;
    delete env.ELEVENLABS_BASE_URL;
    const project = new PulumiProject(dir, env);
    await project.pulumi(["stack", "init", stack]);
    return project;
  }

  /** Runs `pulumi <args>`; rejects with the engine's output when it exits non-zero unless `allowFailure`. */
  async pulumi(args: string[], opts: { allowFailure?: boolean } = {}): Promise<CommandResult> {
    try {
      const { stdout, stderr } = await run("pulumi", [...args, "--non-interactive"], {
        cwd: this.dir,
        env: this.env,
        maxBuffer: 64 * 1024 * 1024,
      });
      return { stdout, stderr, code: 0 };
    } catch (err) {
      const e = err as { stdout?: string; stderr?: string; code?: number };
      const result = { stdout: e.stdout ?? "", stderr: e.stderr ?? "", code: typeof e.code === "number" ? e.code : 1 };
      if (opts.allowFailure) return result;
      throw new Error(`pulumi ${args.join(" ")} failed (${result.code}):\n${result.stdout}\n${result.stderr}`);
    }
  }

  /** Starts `pulumi <args>` without waiting, for tests that kill the engine mid-operation. */
  spawn(args: string[]): ChildProcess {
    return spawn("pulumi", [...args, "--non-interactive"], { cwd: this.dir, env: this.env, stdio: "ignore" });
  }

  /**
   * Kills the processes still working in this project: the language host and the provider a
   * killed engine leaves behind. The engine starts each plugin in its own process group, with the
   * project directory as its working directory, so that is how they are found (Linux `/proc`).
   */
  killLeftovers(): void {
    for (const pid of readdirSync("/proc").filter((entry) => /^\d+$/.test(entry))) {
      try {
        // A deleted directory reads as "<path> (deleted)".
        const cwd = readlinkSync(`/proc/${pid}/cwd`).replace(/ \(deleted\)$/, "");
        if (Number(pid) !== process.pid && (cwd === this.dir || cwd.startsWith(`${this.dir}/`))) {
          process.kill(Number(pid), "SIGKILL");
        }
      } catch {
        // gone meanwhile, or not ours to inspect
      }
    }
  }

  writeProgram(program: string): void {
    writeFileSync(join(this.dir, "index.js"), program);
  }

  async setConfig(key: string, value: string, opts: { secret?: boolean } = {}): Promise<void> {
    await this.pulumi(["config", "set", key, value, ...(opts.secret ? ["--secret"] : ["--plaintext"])]);
  }

  up(extra: string[] = []) {
    return this.pulumi(["up", "--yes", "--skip-preview", ...extra]);
  }

  /** `pulumi preview --json`: the engine's own step list, with old and new state of each resource. */
  async preview(extra: string[] = []): Promise<PreviewJson> {
    const { stdout } = await this.pulumi(["preview", "--json", ...extra]);
    return JSON.parse(stdout) as PreviewJson;
  }

  refresh(extra: string[] = []) {
    return this.pulumi(["refresh", "--yes", "--skip-preview", ...extra]);
  }

  destroy(extra: string[] = []) {
    return this.pulumi(["destroy", "--yes", "--skip-preview", ...extra]);
  }

  async stackExport(): Promise<{ raw: string; deployment: StackDeployment }> {
    const { stdout } = await this.pulumi(["stack", "export"]);
    return { raw: stdout, deployment: (JSON.parse(stdout) as { deployment: StackDeployment }).deployment };
  }

  async outputs(): Promise<Record<string, unknown>> {
    const { stdout } = await this.pulumi(["stack", "output", "--json", "--show-secrets"]);
    return JSON.parse(stdout) as Record<string, unknown>;
  }
}

export interface PreviewStep {
  op: string;
  urn: string;
  diffReasons?: string[];
  replaceReasons?: string[];
  oldState?: { inputs?: Record<string, unknown>; outputs?: Record<string, unknown> };
  newState?: { inputs?: Record<string, unknown>; outputs?: Record<string, unknown> };
}
export interface PreviewJson {
  steps: PreviewStep[];
  changeSummary: Record<string, number>;
  diagnostics?: { message: string; severity: string }[];
}
export interface StackDeployment {
  resources?: {
    urn: string;
    type: string;
    id?: string;
    inputs?: Record<string, unknown>;
    outputs?: Record<string, unknown>;
  }[];
}

/** Steps that change resources of our package: not "same", nor the reads of `--refresh` (the stack is left out). */
export function changedSteps(preview: PreviewJson): PreviewStep[] {
  return preview.steps.filter((s) => s.op !== "same" && s.op !== "refresh" && s.urn.includes("dynamic/elevenlabs:"));
}
