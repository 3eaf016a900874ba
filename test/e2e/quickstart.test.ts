import { cpSync, mkdtempSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { TestEmulator } from "../support/test-emulator";
import { PulumiProject } from "./harness/pulumi-project";

const example = resolve(__dirname, "../../examples/quickstart");
const WEATHER_KEY = "quickstart-weather-key-must-not-leak";

/**
 * examples/quickstart as a user runs it: copied into a project of the e2e workspace (which
 * installed the packed package), compiled by Pulumi from index.ts, deployed to an emulator. The
 * smoke test it holds speaks its question, so `up` passing proves the agent answered from the
 * knowledge base and called the tool.
 */
describe("the quickstart example, through the real engine", () => {
  let project: PulumiProject;
  let emu: TestEmulator;

  beforeAll(async () => {
    const dir = mkdtempSync(join(inject("e2e").workspace, "quickstart-"));
    cpSync(example, dir, { recursive: true });
    project = await PulumiProject.init(dir, "dev");
    emu = await TestEmulator.start();
    await project.setConfig("elevenlabs:baseUrl", emu.baseUrl);
    await project.setConfig("elevenlabs:apiKey", emu.apiKey, { secret: true });
    await project.setConfig("weatherApiKey", WEATHER_KEY, { secret: true });
  });
  afterAll(async () => {
    await emu?.close();
  });

  it("`pulumi up` creates one of each resource and the smoke test passes", async () => {
    const up = await project.up();
    expect(up.stdout).toMatch(/\+ 11 created/);
    const out = await project.outputs();
    expect(out.smokeTestPassed).toBe(true);
    expect(out.smokeTestReport).toContain("Conversation smoke test PASSED");
    expect(out.smokeTestReport).toMatch(/expectKnowledgeBase +passed .* retrieved from Shipping FAQ/);
    expect(out.smokeTestReport).toMatch(/expectToolCall +passed .* check_order_status\(\{"order_number":"12345"\}\)/);
    expect(out.widgetEmbedCode).toContain(`data-agent-id='${out.agentId}'`);
    expect(out.phoneNumber).toMatch(/^\+1415/);
    const [tool] = await emu.listAll("/tools?type=server", "tools");
    expect((await emu.api("GET", `/tools/${tool.id ?? tool.tool_id}`)).body.server_tool.headers).toEqual({
      Authorization: `Bearer ${WEATHER_KEY}`,
    });
    expect((await project.stackExport()).raw).not.toContain(WEATHER_KEY);
  });

  it("a second preview expects no changes and gets none", async () => {
    const preview = await project.pulumi(["preview", "--expect-no-changes"]);
    expect(preview.stdout).toMatch(/11 unchanged/);
  });

  it("`pulumi destroy` removes everything", async () => {
    const destroy = await project.destroy();
    expect(destroy.stdout).toMatch(/- 11 deleted/);
    expect(await emu.listAll("/agents", "agents")).toEqual([]);
    expect(await emu.listAll("/tools", "tools")).toEqual([]);
    expect(await emu.listAll("/phone-numbers", "phone_numbers")).toEqual([]);
    expect(await emu.listAll("/workspace/secrets", "secrets")).toEqual([]);
  });
});
