import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { TestEmulator } from "../support/test-emulator";
import { changedPaths } from "./harness/changed-paths";
import { changedSteps, PulumiProject } from "./harness/pulumi-project";
import { runStep, workflowStep } from "./harness/workflow";

const example = resolve(__dirname, "../../examples/gitops");
const WEATHER_KEY = "weather-key-must-not-leak-0123456789";
const WEATHER_AUTH = "Bearer weather-authorization-must-not-leak";
const STACKS = ["dev", "prod"] as const;
type Stack = (typeof STACKS)[number];

/**
 * examples/gitops as a user runs it: the example copied into a project of the e2e workspace (which
 * installed the packed package), compiled by Pulumi from index.ts, stacks dev and prod each on an
 * emulator of its own (one ElevenLabs workspace per environment).
 */
describe("the gitops example, through the real engine", () => {
  let project: PulumiProject;
  const emulators = {} as Record<Stack, TestEmulator>;
  const file = (path: string) => join(project.dir, path);
  const pulumi = (stack: Stack, args: string[], opts?: { allowFailure?: boolean }) =>
    project.pulumi([...args, "--stack", stack], opts);
  const agentOf = async (stack: Stack) => {
    const [summary] = await emulators[stack].listAll("/agents", "agents");
    return (await emulators[stack].api("GET", `/agents/${summary.agent_id}`)).body;
  };

  beforeAll(async () => {
    const dir = mkdtempSync(join(inject("e2e").workspace, "gitops-"));
    cpSync(example, dir, { recursive: true });
    project = await PulumiProject.init(dir, "prod");
    await project.pulumi(["stack", "init", "dev"]);
    for (const stack of STACKS) {
      emulators[stack] = await TestEmulator.start();
      const set = (key: string, value: string, secret = false) =>
        pulumi(stack, ["config", "set", key, value, secret ? "--secret" : "--plaintext"]);
      await set("elevenlabs:baseUrl", emulators[stack].baseUrl);
      await set("elevenlabs:apiKey", emulators[stack].apiKey, true);
      await set("weatherApiKey", WEATHER_KEY, true);
      await set("weatherApiAuthorization", WEATHER_AUTH, true);
    }
  });
  afterAll(async () => {
    for (const emu of Object.values(emulators)) await emu.close();
  });

  it("previews a new stack: every definition a create, ids still unknown", async () => {
    const steps = changedSteps(await project.preview(["--stack", "dev"]));
    expect(steps.map((s) => s.op)).toEqual(Array(9).fill("create"));
    expect((await emulators.dev.stats()).total).toBe(0);
  });

  it("deploys both stacks, which differ where overlays/prod says", async () => {
    for (const stack of STACKS) await pulumi(stack, ["up", "--yes", "--skip-preview"]);
    const [dev, prod] = [await agentOf("dev"), await agentOf("prod")];
    expect(dev.conversation_config.agent.first_message).toBe("Hi! This is ACME support (development). How can I help?");
    expect(prod.conversation_config.agent.first_message).toBe("Hi! This is ACME support. How can I help?");
    expect(dev.conversation_config.tts.voice_settings).toEqual({ stability: 0.5, similarity_boost: 0.75 });
    expect(prod.conversation_config.tts.voice_settings).toEqual({ stability: 0.8, similarity_boost: 0.75 });
    expect([dev, prod].map((a) => a.conversation_config.conversation.max_duration_seconds)).toEqual([300, 900]);
    // Everything the overlay leaves alone is the definition's.
    expect(prod.conversation_config.agent.prompt.prompt).toBe(dev.conversation_config.agent.prompt.prompt);
    const retention = await Promise.all(
      STACKS.map(async (s) => (await emulators[s].api("GET", "/workspace/settings")).body.settings.data_retention_days),
    );
    expect(retention).toEqual([30, 365]);

    for (const stack of STACKS) {
      const emu = emulators[stack];
      const { ids } = (await pulumi(stack, ["stack", "output", "--json", "--show-secrets"]).then((r) =>
        JSON.parse(r.stdout),
      )) as { ids: Record<string, Record<string, string>> };
      const agent = await agentOf(stack);
      expect(ids.agent?.support).toBe(agent.agent_id);
      // References became ids: the agent's tools, the document's agent, the phone number's agent.
      expect([...agent.conversation_config.agent.prompt.tool_ids].sort()).toEqual(
        [ids.tool?.["get-weather"], ids.tool?.["lookup-order"]].sort(),
      );
      const docs = await emu.listAll(`/agents/${agent.agent_id}/knowledge-base`, "documents");
      expect(docs.map((d) => d.document_id)).toEqual([ids.knowledge_base_document?.["opening-hours"]]);
      const phone = await emu.api("GET", `/phone-numbers/${ids.phone_number?.["main-line"]}`);
      expect(phone.body.agent_id).toBe(agent.agent_id);
      expect((await emu.listAll("/workspace/secrets", "secrets")).map((s) => s.name)).toEqual(["WEATHER_API_KEY"]);
      const weather = await emu.api("GET", `/tools/${ids.tool?.["get-weather"]}`);
      expect(weather.body.server_tool.headers).toEqual({
        "Content-Type": "application/json",
        Authorization: WEATHER_AUTH,
      });
    }
  });

  it("keeps the config secrets out of the state", async () => {
    for (const stack of STACKS) {
      const { stdout } = await pulumi(stack, ["stack", "export"]);
      expect(stdout).not.toContain(WEATHER_KEY);
      expect(stdout).not.toContain(WEATHER_AUTH);
    }
  });

  it("a preview with nothing edited shows no change and makes no API call", async () => {
    for (const stack of STACKS) {
      await emulators[stack].resetStats();
      expect(changedSteps(await project.preview(["--stack", stack]))).toEqual([]);
      expect((await emulators[stack].stats()).total).toBe(0);
    }
  });

  it("editing one YAML field previews exactly that field, in the stacks it reaches", async () => {
    const path = file("definitions/agents/support.yaml");
    const original = readFileSync(path, "utf8");
    writeFileSync(path, original.replace("stability: 0.5", "stability: 0.6"));
    try {
      const steps = changedSteps(await project.preview(["--stack", "dev"]));
      expect(steps.map((s) => [s.op, s.urn.split("::").pop()])).toEqual([["update", "convai-support"]]);
      expect(changedPaths(steps[0]?.oldState?.inputs, steps[0]?.newState?.inputs)).toEqual([
        "conversationConfig.tts.voiceSettings.stability",
      ]);
      // prod's overlay sets the stability itself: the edit does not reach it.
      expect(changedSteps(await project.preview(["--stack", "prod"]))).toEqual([]);
    } finally {
      writeFileSync(path, original);
    }
  });

  it("a file with three mistakes reports all three with file:line:column and field path; nothing is deployed or sent", async () => {
    const broken = file("definitions/agents/broken.yaml");
    writeFileSync(
      broken,
      [
        "kind: agent",
        "name: broken",
        "spec:",
        "  name: Broken",
        "  conversation_config:",
        "    agent:",
        "      first_mesage: Hello",
        "      prompt:",
        "        tool_ids: [ref:tool/no-such-tool]",
        "    tts:",
        "      voice_settings: { stability: loud }",
        "",
      ].join("\n"),
    );
    try {
      const before = (await pulumi("dev", ["stack", "export"])).stdout;
      await emulators.dev.resetStats();
      const up = await pulumi("dev", ["up", "--yes", "--skip-preview"], { allowFailure: true });
      expect(up.code).not.toBe(0);
      const output = up.stdout + up.stderr;
      expect(output).toContain("workspace definitions: 3 problems, nothing was deployed:");
      expect(output).toContain(
        "definitions/agents/broken.yaml:7:7: spec.conversation_config.agent.first_mesage: is not a property of agent: did you mean first_message?",
      );
      expect(output).toContain(
        'definitions/agents/broken.yaml:9:20: spec.conversation_config.agent.prompt.tool_ids[0]: refers to tool "no-such-tool", which no file defines',
      );
      expect(output).toContain(
        'definitions/agents/broken.yaml:11:25: spec.conversation_config.tts.voice_settings.stability: expected a number between 0 and 1, got "loud"',
      );
      expect(output).not.toMatch(/at (Object|new|Module)\./); // the problems, not a stack trace
      expect((await emulators.dev.stats()).total).toBe(0);
      expect(await emulators.dev.listAll("/agents", "agents")).toHaveLength(1);
      const after = (await pulumi("dev", ["stack", "export"])).stdout;
      // Secrets are encrypted afresh on every export: compare what each resource is and when it last changed.
      const summary = (exported: string) =>
        (JSON.parse(exported).deployment.resources as { urn: string; id?: string; modified?: string }[]).map(
          ({ urn, id, modified }) => ({ urn, id, modified }),
        );
      expect(summary(after)).toEqual(summary(before));
    } finally {
      rmSync(broken);
    }
  });

  it("the pipeline's drift check exits zero without drift and non-zero after an edit outside git", async () => {
    const drift = workflowStep(join(example, ".github/workflows/drift.yml"), "drift");
    expect(drift).toContain("--expect-no-changes");
    expect((await runStep(project, drift, { STACK: "dev" })).code).toBe(0);

    const agent = await agentOf("dev");
    await emulators.dev.api("PATCH", `/agents/${agent.agent_id}`, {
      conversation_config: { agent: { first_message: "Edited in the dashboard" } },
    });
    const drifted = await runStep(project, drift, { STACK: "dev" });
    expect(drifted.code).not.toBe(0);
    expect(drifted.stdout).toMatch(/~ .*convai-support/);
    // prod was not touched: its check still passes.
    expect((await runStep(project, drift, { STACK: "prod" })).code).toBe(0);

    // The deploy pipeline's `up` puts the definition back; the check passes again.
    await pulumi("dev", ["up", "--yes", "--skip-preview", "--refresh"]);
    expect((await agentOf("dev")).conversation_config.agent.first_message).toBe(
      "Hi! This is ACME support (development). How can I help?",
    );
    expect((await runStep(project, drift, { STACK: "dev" })).code).toBe(0);
  });
});
