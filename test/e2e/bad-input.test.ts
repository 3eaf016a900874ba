import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestEmulator } from "../support/test-emulator";
import { pointStackAt } from "./harness/emulator";
import { PulumiProject } from "./harness/pulumi-project";

const invalidProgram = `
const el = require("pulumi-elevenlabs");
new el.Agent("bad-agent", { name: "Bad", conversationConfig: { tts: { voiceSettings: { stability: "high" } } } });
`;

const typoProgram = `
const el = require("pulumi-elevenlabs");
new el.Agent("typo-agent", { name: "Typo", conversationConfig: { agent: { firstMesage: "Hi" } } });
`;

const apiErrorProgram = `
const el = require("pulumi-elevenlabs");
new el.PhoneNumber("orphan-line", { agentId: "agent_does_not_exist", country: "US", areaCode: "415" });
`;

const output = (r: { stdout: string; stderr: string }) => `${r.stdout}\n${r.stderr}`;

describe("bad input through the real engine", () => {
  let emu: TestEmulator;

  beforeAll(async () => {
    emu = await TestEmulator.start();
  });
  afterAll(async () => {
    await emu?.close();
  });

  it("invalid config fails at check with the property path and a reason, before any API call", async () => {
    const project = await PulumiProject.create("bad-input", invalidProgram);
    await pointStackAt(project, emu);
    await emu.resetStats();
    const result = await project.pulumi(["preview"], { allowFailure: true });
    expect(result.code).not.toBe(0);
    const text = output(result);
    expect(text).toContain(
      'conversationConfig.tts.voiceSettings.stability: expected a number between 0 and 1, got "high"',
    );
    // The engine shows a nested property's value as <nil> when the path is not in the reason itself.
    expect(text).not.toContain("<nil>");
    expect((await emu.stats()).total).toBe(0);

    // Models are open (unknown fields pass through), but a near miss of a known field is a typo.
    project.writeProgram(typoProgram);
    const typo = await project.pulumi(["preview"], { allowFailure: true });
    expect(typo.code).not.toBe(0);
    expect(output(typo)).toContain(
      "conversationConfig.agent.firstMesage: is not a property of Agent: did you mean firstMessage?",
    );
    expect((await emu.stats()).total).toBe(0);
  });

  it("an API error surfaces with status, code, message and request id, and never the API key", async () => {
    const project = await PulumiProject.create("api-error", apiErrorProgram);
    await pointStackAt(project, emu);
    const result = await project.pulumi(["up", "--yes", "--skip-preview"], { allowFailure: true });
    expect(result.code).not.toBe(0);
    const text = output(result);
    expect(text).toMatch(/POST \/phone-numbers failed: 400 VALIDATION_ERROR: .*agent_id/);
    expect(text).toMatch(/request id req_[a-z0-9]+/);
    expect(text).not.toContain(emu.apiKey);
    expect(await emu.listAll("/phone-numbers", "phone_numbers")).toEqual([]);
  });

  it("a stack with no API key fails with a message naming both ways to set one", async () => {
    const project = await PulumiProject.create("no-key", apiErrorProgram);
    await project.setConfig("elevenlabs:baseUrl", emu.baseUrl);
    const result = await project.pulumi(["up", "--yes", "--skip-preview"], { allowFailure: true });
    expect(result.code).not.toBe(0);
    expect(output(result)).toMatch(/pulumi config set --secret elevenlabs:apiKey.*ELEVENLABS_API_KEY/s);
  });
});
