import { type ChildProcess, execFile, execFileSync, spawn } from "node:child_process";
import { once } from "node:events";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { promisify } from "node:util";
import { afterAll, afterEach, describe, expect, inject, it } from "vitest";
import packageJson from "../../package.json";
import { waitFor } from "../support/wait-for";
import { PulumiProject } from "./harness/pulumi-project";

const run = promisify(execFile);
const readme = readFileSync(resolve(__dirname, "../../README.md"), "utf8");
const section = readme.slice(readme.indexOf("## Use it in your own project"), readme.indexOf("## Using the provider"));

/** The content of a file the README's "Use it in your own project" shows as "`name`:" and a code block. */
function readmeFile(name: string): string {
  const block = new RegExp(`\`${name.replace(".", "\\.")}\`:\\n\\n\`\`\`\\w*\\n([\\s\\S]*?)\`\`\`\\n`).exec(section);
  if (!block?.[1]) throw new Error(`README: no "\`${name}\`:" code block in "Use it in your own project"`);
  return block[1];
}

/** The oldest and the newest @pulumi/pulumi that the package's range allows and npm serves today. */
const range = packageJson.dependencies["@pulumi/pulumi"];
const served: string[] = JSON.parse(
  execFileSync("npm", ["view", `@pulumi/pulumi@${range}`, "version", "--json"], { encoding: "utf8" }),
);
const versions = [...new Set([served[0], served[served.length - 1]])] as string[];

const API_KEY = "test-key"; // the emulator's default key, as the README says

/** `npx elevenlabs-emulator --port 0` in its own process group (so Ctrl-C's SIGINT reaches the emulator itself). */
async function startEmulator(project: PulumiProject): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn("npx", ["elevenlabs-emulator", "--port", "0"], {
    cwd: project.dir,
    env: project.env,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  // Its request log (stderr) is kept for the error below, not printed among the test results.
  let log = "";
  child.stderr?.on("data", (chunk) => {
    log += chunk;
  });
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  for await (const line of lines) {
    const match = /^listening on (http:\/\/127\.0\.0\.1:\d+)$/.exec(line);
    if (match?.[1]) return { child, url: match[1] };
  }
  throw new Error(`npx elevenlabs-emulator exited without printing its address:\n${log}`);
}

/** Ctrl-C in the terminal: SIGINT to the whole process group (npx and the emulator under it). */
async function stopEmulator(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, "exit");
  process.kill(-(child.pid as number), "SIGINT");
  await exited;
}

async function get(url: string, path: string): Promise<{ status: number; body: any }> {
  const res = await fetch(`${url}/v1/convai${path}`, { headers: { "xi-api-key": API_KEY } });
  return { status: res.status, body: await res.json() };
}

/**
 * The README's "Use it in your own project", step by step, outside the repo: a new directory with
 * the README's own files, the packed package installed by npm with @pulumi/pulumi and typescript,
 * the emulator started from the installed package with npx, stack config, `pulumi up`, `pulumi
 * destroy`. Once with the oldest and once with the newest @pulumi/pulumi of the range.
 */
describe.each(versions)("a new TypeScript project with @pulumi/pulumi %s, as the README says", (version) => {
  const dirs: string[] = [];
  let emulator: ChildProcess | undefined;
  afterEach(async () => {
    if (emulator) await stopEmulator(emulator);
  });
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it("installs, deploys to the emulator started with npx, and destroys", async () => {
    // Not below the e2e workspace: its node_modules must not stand in for a broken install.
    const dir = mkdtempSync(join(tmpdir(), "pulumi-elevenlabs-own-project-"));
    dirs.push(dir);
    for (const file of ["Pulumi.yaml", "package.json", "tsconfig.json", "index.ts"]) {
      writeFileSync(join(dir, file), readmeFile(file));
    }
    await run(
      "npm",
      [
        "install",
        "--prefer-offline",
        "--no-audit",
        "--no-fund",
        "--loglevel=error",
        inject("e2e").tarball,
        `@pulumi/pulumi@${version}`,
        "typescript",
      ],
      { cwd: dir },
    );
    const installed = (name: string) =>
      JSON.parse(readFileSync(join(dir, "node_modules", name, "package.json"), "utf8")).version as string;
    // One copy of the SDK, the project's: the package's range accepts it, so npm nests none.
    expect(installed("@pulumi/pulumi")).toBe(version);
    expect(existsSync(join(dir, "node_modules/pulumi-elevenlabs/node_modules/@pulumi"))).toBe(false);
    expect(installed("typescript")).toMatch(/^[56]\./);

    const project = await PulumiProject.init(dir, "dev");
    const started = await startEmulator(project);
    emulator = started.child;
    await project.setConfig("elevenlabs:apiKey", API_KEY, { secret: true });
    // The URL exactly as the emulator prints it: the host alone is the API under /v1/convai.
    await project.setConfig("elevenlabs:baseUrl", started.url);

    const up = await project.pulumi(["up", "--yes"]);
    expect(up.stdout).toMatch(/\+ 3 created/);
    const { agentId, toolId } = (await project.outputs()) as { agentId: string; toolId: string };
    const agent = await get(started.url, `/agents/${agentId}`);
    expect(agent.status).toBe(200);
    expect(agent.body.name).toBe("Support");
    expect(agent.body.conversation_config.agent.prompt.tool_ids).toEqual([toolId]);
    expect((await get(started.url, `/tools/${toolId}`)).status).toBe(200);

    const destroy = await project.pulumi(["destroy", "--yes"]);
    expect(destroy.stdout).toMatch(/- 3 deleted/);
    expect((await get(started.url, `/agents/${agentId}`)).status).toBe(404);
    expect((await get(started.url, `/tools/${toolId}`)).status).toBe(404);

    await stopEmulator(started.child);
    // Stopped for real, not just npx: its port stops answering.
    await waitFor(() =>
      fetch(started.url).then(
        () => false,
        () => true,
      ),
    );
  });
});
