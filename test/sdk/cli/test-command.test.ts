/**
 * `pulumi-elevenlabs test`, the built CLI as a pipeline runs it: a child process, the API key in
 * ELEVENLABS_API_KEY, a YAML script, the emulator over real sockets. Exit codes 0/1/2, the report
 * on stdout, progress on stderr, JUnit and JSON files.
 */
import { execFile, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createShopAgent } from "../../support/shop-agent";
import { TestEmulator } from "../../support/test-emulator";

const root = resolve(__dirname, "../../..");
const cli = join(root, "dist/sdk/cli/index.js");
const dir = mkdtempSync(join(tmpdir(), "smoke-cli-"));
let t: TestEmulator;
let agentId: string;

beforeAll(async () => {
  // tsc emits even when someone else's file mid-edit has a type error; what matters is the CLI.
  const started = Date.now();
  spawnSync(process.execPath, [join(root, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.build.json"], {
    cwd: root,
  });
  if (!existsSync(cli) || statSync(cli).mtimeMs < started - 1000) throw new Error(`build did not produce ${cli}`);
  t = await TestEmulator.start({ conversationStepMs: 20 });
  // A private agent: the CLI must fetch a signed URL with the key from the environment.
  agentId = await createShopAgent(t, {
    conversation_config: { agent: { first_message: "" } },
    platform_settings: { auth: { enable_auth: true } },
  });
}, 120_000);
afterAll(() => t?.close());

function pulumiElevenlabs(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [cli, ...args],
      { cwd: dir, env: { ...process.env, ELEVENLABS_API_KEY: t.apiKey, ELEVENLABS_BASE_URL: t.baseUrl } },
      (error, stdout, stderr) => done({ code: error ? Number(error.code) : 0, stdout, stderr }),
    );
  });
}

function scriptFile(name: string, yaml: string): string {
  const path = join(dir, name);
  writeFileSync(path, yaml);
  return path;
}

describe("pulumi-elevenlabs test", () => {
  it("a passing script exits 0 with the report on stdout, progress on stderr, and JUnit and JSON files", async () => {
    const script = scriptFile(
      "smoke.yaml",
      ["steps:", "  - text: Are returns accepted?", "  - expectAgent:", "      contains: thirty days", ""].join("\n"),
    );
    const run = await pulumiElevenlabs([
      "test",
      "--agent",
      agentId,
      "--script",
      script,
      "--junit",
      "reports/junit.xml",
      "--json",
      "reports/report.json",
      "--speed",
      "max",
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`Conversation smoke test PASSED: agent ${agentId}`);
    expect(run.stderr).toMatch(/^connected: conversation conv_/m);
    expect(run.stderr).toContain("step 2/2 passed");
    const junit = readFileSync(join(dir, "reports/junit.xml"), "utf8");
    expect(junit).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="pulumi-elevenlabs" tests="3" failures="0">/,
    );
    expect(junit.match(/<testcase /g)).toHaveLength(3);
    expect(junit).toContain('name="01 text: text &quot;Are returns accepted?&quot;"');
    expect(JSON.parse(readFileSync(join(dir, "reports/report.json"), "utf8"))).toMatchObject({ passed: true, agentId });
    expect(run.stdout + run.stderr + junit).not.toContain(t.apiKey);
  });

  it("a failing script exits 1 with the failing step, its layer and the transcript, and a JUnit <failure>", async () => {
    const script = scriptFile(
      "failing.yaml",
      [
        `agentId: ${agentId}`,
        "limits: { stepTimeoutMs: 3000 }",
        "steps:",
        "  - text: Are returns accepted?",
        "  - expectAgent: { contains: midnight }",
        "  - text: goodbye",
        "",
      ].join("\n"),
    );
    const run = await pulumiElevenlabs(["test", "--script", script, "--junit", "failing.xml"]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("failed at step 2 (expectAgent)");
    expect(run.stdout).toContain("layer:      agent");
    expect(run.stdout).toMatch(/user: +Are returns accepted\?/);
    const junit = readFileSync(join(dir, "failing.xml"), "utf8");
    expect(junit).toContain('failures="1"');
    expect(junit).toMatch(/<failure message="agent: no response that contains &quot;midnight&quot;" type="agent">/);
    expect(junit).toContain('<skipped message="an earlier step failed"/>');
  });

  it("usage errors exit 2: no script, an unknown option, an invalid script (each problem at file:line:column)", async () => {
    expect((await pulumiElevenlabs(["test", "--agent", agentId])).code).toBe(2);
    expect((await pulumiElevenlabs(["test", "--script", "x.yaml", "--nope"])).stderr).toContain(
      "Unknown option '--nope'",
    );
    expect((await pulumiElevenlabs(["frobnicate"])).code).toBe(2);
    const script = scriptFile(
      "invalid.yaml",
      [
        "steps:",
        "  - say: hi",
        "  - expectToolCall:",
        "      name: w",
        "      parameters:",
        "        city: {}",
        "",
      ].join("\n"),
    );
    const run = await pulumiElevenlabs(["test", "--agent", agentId, "--script", script]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      `${script}:6:15 steps[1].expectToolCall.parameters.city: give one of exact, regex, any`,
    );
    expect(run.stdout).toBe("");
  });
});
