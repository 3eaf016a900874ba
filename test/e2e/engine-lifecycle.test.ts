import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestEmulator } from "../support/test-emulator";
import { changedPaths } from "./harness/changed-paths";
import { startStack } from "./harness/emulator";
import { changedSteps, type PulumiProject } from "./harness/pulumi-project";

// Issue 2's proof: a resource of the packed package goes through the real engine end to end.
const program = `
const pulumi = require("@pulumi/pulumi");
const elevenlabs = require("pulumi-elevenlabs");
const cfg = new pulumi.Config();
const agent = new elevenlabs.Agent("lifecycle", { name: cfg.require("agentName") });
exports.agentId = agent.agentId;
`;

describe("the real Pulumi engine drives a packed-package resource", () => {
  let emu: TestEmulator;
  let project: PulumiProject;

  beforeAll(async () => {
    ({ emu, project } = await startStack("lifecycle", program));
    await project.setConfig("agentName", "First name");
  });
  afterAll(async () => {
    await emu?.close();
  });

  it("up creates the object in the API", async () => {
    await project.up();
    const { agentId } = await project.outputs();
    expect(typeof agentId).toBe("string");
    const live = await emu.api("GET", `/agents/${agentId}`);
    expect(live.status).toBe(200);
    expect(live.body.name).toBe("First name");
  });

  it("a second preview reports no changes and makes no API call", async () => {
    await emu.resetStats();
    const preview = await project.preview();
    expect(changedSteps(preview)).toEqual([]);
    expect((await emu.stats()).total).toBe(0);
  });

  it("the stored __provider is a shim under 1 KiB that requires the runtime by package name", async () => {
    const { deployment } = await project.stackExport();
    const resources = (deployment.resources ?? []).filter((r) => r.type.includes("dynamic/elevenlabs:"));
    expect(resources.length).toBe(1);
    for (const r of resources) {
      const shim = String(r.inputs?.__provider);
      expect(Buffer.byteLength(shim)).toBeLessThan(1024);
      expect(shim).toContain('require("pulumi-elevenlabs/provider")');
      expect(shim).not.toContain(emu.apiKey);
    }
  });

  it("a changed input previews as an update of exactly that input, and up applies it", async () => {
    await project.setConfig("agentName", "Second name");
    const steps = changedSteps(await project.preview());
    expect(steps.map((s) => s.op)).toEqual(["update"]);
    expect(changedPaths(steps[0]?.oldState?.inputs, steps[0]?.newState?.inputs)).toEqual(["name"]);
    await project.up();
    const { agentId } = await project.outputs();
    expect((await emu.api("GET", `/agents/${agentId}`)).body.name).toBe("Second name");
  });

  it("destroy removes the object", async () => {
    const { agentId } = await project.outputs();
    await project.destroy();
    expect((await emu.api("GET", `/agents/${agentId}`)).status).toBe(404);
    expect(await emu.listAll("/agents", "agents")).toEqual([]);
  });
});
