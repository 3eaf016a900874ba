import { execFile } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { TestEmulator } from "../support/test-emulator";

const run = promisify(execFile);
const repo = resolve(__dirname, "../..");

/**
 * `npm install && npm run demo` is what a newcomer runs first: it must deploy the YAML definitions
 * (a smoke test among them) and print the objects, the widget embed code, the smoke test's report
 * and next commands that work as printed; a second run must change nothing.
 */
describe("the demo (`npm run demo`)", () => {
  // Its own data directory, stack and copy of the definitions, so a developer's own .demo/, `dev`
  // stack and examples/demo/definitions stay untouched.
  const dir = mkdtempSync(join(tmpdir(), "pulumi-elevenlabs-demo-"));
  const demoDir = join(dir, "demo");
  cpSync(join(repo, "examples/demo"), join(dir, "example"), { recursive: true });
  const definitions = join(dir, "example/definitions");
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DEMO_DIR: demoDir,
    DEMO_STACK: `e2e-${process.pid}`,
    DEMO_DEFINITIONS: definitions,
  };
  delete env.ELEVENLABS_API_KEY;
  delete env.ELEVENLABS_BASE_URL;
  /** A command as a person pastes it into a shell in the repo. */
  const shell = async (command: string) =>
    (await run("bash", ["-c", command], { cwd: repo, env, maxBuffer: 16 * 1024 * 1024 })).stdout;
  const timed = async (command: string) => {
    const started = Date.now();
    const out = await shell(command);
    return { out, seconds: (Date.now() - started) / 1000 };
  };
  let nextCommands: string[] = [];
  /** The printed edit: from, to, file. */
  let edit: string[] = [];

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("deploys every definition, runs the smoke test, and prints the table, embed code, report and next commands", async () => {
    const { out, seconds } = await timed("npm run demo");
    console.log(`demo, cold (new data directory and stack): ${seconds.toFixed(1)} s`);
    expect(out).toMatch(/\+ 13 created/);
    const table = out.slice(out.indexOf("demo: objects in the stack"), out.indexOf("demo: widget embed code"));
    for (const [kind, name, id] of [
      ["agent", "support", "agent_"],
      ["agent_knowledge_base_index", "support-index", "agent_"],
      ["conversation_smoke_test", "support", "smoke_"],
      ["knowledge_base_document", "faq", "doc_"],
      ["knowledge_base_document", "opening-hours", "doc_"],
      ["phone_number", "support-line", "pn_"],
      ["tool", "check-order-status", "tool_"],
      ["tool", "get-weather", "tool_"],
      ["widget", "support", "widget_"],
      ["workspace_secret", "weather-api-key", "secret_"],
      ["workspace_settings", "settings", "ws_"],
    ]) {
      expect(table).toMatch(new RegExp(`^  ${kind} +${name} +${id}\\w+$`, "m"));
    }
    expect(out).toMatch(/demo: widget embed code\n<script src='[^']+' data-agent-id='agent_[a-z0-9]+'><\/script>/);
    expect(out).toContain("Conversation smoke test PASSED");
    expect(out).toMatch(/expectToolCall +passed/);
    expect(out).toMatch(/expectKnowledgeBase +passed .* retrieved from FAQ/);
    nextCommands = [...out.matchAll(/^ {2}(npm run demo -- .+)$/gm)].map((m) => m[1] as string);
    expect(nextCommands).toEqual([
      "npm run demo -- preview --diff",
      "npm run demo -- drift",
      "npm run demo -- preview --refresh --diff",
      "npm run demo -- pull",
      "npm run demo -- destroy",
    ]);
    edit = /change a YAML field \(`(.+)` to `(.+)` in (\S+)\)/.exec(out)?.slice(1) ?? [];
    expect(edit).toEqual(["stability: 0.5", "stability: 0.6", join(definitions, "agents/support.yaml")]);
  });

  it("a second run is a no-op update against the same persistent emulator data", async () => {
    const { out, seconds } = await timed("npm run demo");
    console.log(`demo, warm (second run): ${seconds.toFixed(1)} s`);
    expect(out).toMatch(/13 unchanged/);
    expect(out).not.toMatch(/ (created|updated|replaced|deleted)\b/);
    expect(out).toContain("Conversation smoke test PASSED");
  });

  it("the printed YAML edit previews exactly that field (and the smoke test that will run again)", async () => {
    const [from, to, file] = edit as [string, string, string];
    const original = readFileSync(file, "utf8");
    expect(original.split(from), "the printed field is in the file once").toHaveLength(2);
    writeFileSync(file, original.replace(from, to));
    expect(readFileSync(file, "utf8")).toContain(to);
    try {
      const out = await shell(nextCommands[0] as string);
      expect(out).toMatch(/~ stability +: 0\.5 => 0\.6/);
      expect(out).toMatch(/~ 2 to update/);
      expect(out).toMatch(/~ pulumi-nodejs:dynamic\/elevenlabs:Agent: \(update\)/);
      expect(out).toMatch(/~ pulumi-nodejs:dynamic\/elevenlabs:ConversationSmokeTest: \(update\)/);
    } finally {
      writeFileSync(file, original);
    }
  });

  it("the printed drift commands edit the agent outside Pulumi and the refresh preview shows it", async () => {
    const drift = await shell(nextCommands[1] as string);
    expect(drift).toMatch(/first message is now "Edited in the dashboard at /);
    const out = await shell(nextCommands[2] as string);
    expect(out).toMatch(
      /~ firstMessage: "Hello! Welcome to ACME support\. How can I help\?" => "Edited in the dashboard at /,
    );
    expect(out).toMatch(/~ pulumi-nodejs:dynamic\/elevenlabs:Agent: \(update\)/);
  });

  it("the printed pull command writes the workspace as YAML definitions", async () => {
    const out = await shell(nextCommands[3] as string);
    expect(out).toContain("wrote 9 definitions");
    const pulled = join(demoDir, "pulled");
    expect((readdirSync(pulled, { recursive: true }) as string[]).filter((f) => f.endsWith(".yaml")).sort()).toEqual([
      "agents/acme-support.yaml",
      "knowledge-base/faq.yaml",
      "knowledge-base/opening-hours.yaml",
      expect.stringMatching(/^phone-numbers\/1415\d{7}\.yaml$/),
      "secrets/weather-api-key.yaml",
      "tools/check-order-status.yaml",
      "tools/get-weather.yaml",
      "widgets/acme-support.yaml",
      "workspace/settings.yaml",
    ]);
    expect(readFileSync(join(pulled, "agents/acme-support.yaml"), "utf8")).toMatch(/^adopt_id: agent_/m);
  });

  it("the printed destroy command removes everything", async () => {
    const out = await shell(nextCommands[4] as string);
    expect(out).toMatch(/- 13 deleted/);
    // The emulator's persistent data, read by an emulator of its own: no object is left.
    const emu = await TestEmulator.start({ dataDir: join(demoDir, "emulator-data") });
    try {
      for (const [path, key] of [
        ["/agents", "agents"],
        ["/tools", "tools"],
        ["/phone-numbers", "phone_numbers"],
        ["/workspace/secrets", "secrets"],
      ] as const) {
        expect(await emu.listAll(path, key), path).toEqual([]);
      }
    } finally {
      await emu.close();
    }
    expect(existsSync(join(demoDir, "state/.pulumi/stacks/elevenlabs-demo", `${env.DEMO_STACK}.json`))).toBe(false);
  });
});
