/**
 * `adoptId` through the real engine, in both API profiles: an agent, a tool and a secret made
 * outside the program (the dashboard) by raw API call are declared with `adoptId`, the agent and
 * the tool with a config that differs in one field (the secret's value cannot be read back).
 * Adoption is a create in the engine's terms, makes no object, and converges each to the program;
 * after it the stack behaves as if it had made them (no-op preview with zero API calls, no drift on
 * refresh, destroy deletes them). An id that does not exist fails the `up` naming it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROFILES } from "../support/profile-fixtures";
import type { TestEmulator } from "../support/test-emulator";
import { startStack } from "./harness/emulator";
import { changedSteps, type PulumiProject } from "./harness/pulumi-project";

const SECRET_NAME = "WEATHER_API_KEY";
const SECRET_VALUE = "sk-adopted-secret-must-not-leak-5";

describe.each(PROFILES)(
  "adopting objects made outside the program, through the real engine ($profile API profile)",
  (fx) => {
    const program = `
const pulumi = require("@pulumi/pulumi");
const el = require("pulumi-elevenlabs");
const cfg = new pulumi.Config();
const agent = new el.Agent("dashboard-agent", { ...${JSON.stringify(fx.adopting.agent)}, adoptId: cfg.require("agentId") });
const tool = new el.Tool("dashboard-tool", { ...${JSON.stringify(fx.adopting.tool)}, adoptId: cfg.require("toolId") });
const secret = new el.WorkspaceSecret("dashboard-secret", { name: "${SECRET_NAME}", value: "${SECRET_VALUE}", adoptId: cfg.require("secretId") });
exports.agentId = agent.agentId;
exports.toolId = tool.toolId;
exports.secretId = secret.secretId;
`;
    let emu: TestEmulator;
    let project: PulumiProject;
    let agentId: string;
    let toolId: string;
    let secretId: string;

    const ids = async () => ({
      agents: (await emu.listAll("/agents", "agents")).map((a) => a.agent_id),
      tools: (await emu.listAll("/tools", "tools")).map((t) => t.tool_id ?? t.id),
      secrets: (await emu.listAll(fx.paths.secrets, "secrets")).map((t) => t.secret_id),
    });
    const steps = async (extra: string[] = []) =>
      changedSteps(await project.preview(extra))
        .map((s) => `${s.op} ${s.urn.split("::").pop()}`)
        .sort();

    beforeAll(async () => {
      ({ emu, project } = await startStack(`adoption-${fx.profile}`, program, { profile: fx.profile }));
      agentId = await fx.makeAgentOutOfBand(emu);
      toolId = await fx.makeToolOutOfBand(emu);
      secretId = await fx.makeSecretOutOfBand(emu, SECRET_NAME);
      await project.setConfig("agentId", agentId);
      await project.setConfig("toolId", toolId);
      await project.setConfig("secretId", secretId);
    });
    afterAll(async () => {
      await emu?.close();
    });

    it("the preview shows adoption as creates, with zero API calls", async () => {
      await emu.resetStats();
      expect(await steps()).toEqual(["create dashboard-agent", "create dashboard-secret", "create dashboard-tool"]);
      expect((await emu.stats()).total).toBe(0);
    });

    it("up makes no object and converges each to the program: the differing field written, the rest kept", async () => {
      await emu.resetStats();
      await project.up();
      const creates = Object.keys((await emu.stats()).byRoute).filter((route) => route.startsWith("POST "));
      expect(creates).toEqual([]);
      expect(await ids()).toEqual({ agents: [agentId], tools: [toolId], secrets: [secretId] });
      expect(await project.outputs()).toEqual({ agentId, toolId, secretId });
      const agent = (await emu.api("GET", fx.paths.agent(agentId))).body;
      expect(agent.name).toBe(fx.adopting.agent.name);
      expect(agent.conversation_config.agent).toMatchObject({
        first_message: "Hello!",
        prompt: { prompt: "You are helpful." },
      });
      const tool = (await emu.api("GET", fx.paths.tool(toolId))).body;
      expect(fx.rawToolDescription(tool)).toBe("Current weather");
      expect(JSON.stringify(tool)).toContain("https://api.example.com/weather");
    });

    it("a second preview shows no changes and makes zero API calls", async () => {
      await emu.resetStats();
      expect(await steps()).toEqual([]);
      expect((await emu.stats()).total).toBe(0);
    });

    it("a refresh reads the adopted objects back with no drift", async () => {
      expect(await steps(["--refresh"])).toEqual([]);
      await project.refresh();
      expect(await steps()).toEqual([]);
      expect(await project.outputs()).toEqual({ agentId, toolId, secretId });
      expect((await project.stackExport()).raw).not.toContain(SECRET_VALUE);
    });

    it("destroy deletes the adopted objects", async () => {
      await project.destroy();
      expect((await emu.api("GET", fx.paths.agent(agentId))).status).toBe(404);
      expect((await emu.api("GET", fx.paths.tool(toolId))).status).toBe(404);
      expect(await ids()).toEqual({ agents: [], tools: [], secrets: [] });
    });

    it("adoptId of an id that does not exist fails the up, naming the id, and creates nothing", async () => {
      const missingAgent = agentId.replace(/.{6}$/, "000000");
      await project.setConfig("agentId", missingAgent);
      // --continue-on-error: the engine starts no new step after a failure, so without it the tool
      // is tried only when its create happened to start before the agent's failed.
      const up = await project.pulumi(["up", "--yes", "--skip-preview", "--continue-on-error"], { allowFailure: true });
      const output = up.stdout + up.stderr;
      expect(up.code).not.toBe(0);
      expect(output).toContain(`Agent: adoptId "${missingAgent}" does not exist`);
      // The tool adopted before and deleted by destroy: gone as well, and said so.
      expect(output).toContain(`Tool: adoptId "${toolId}" does not exist`);
      expect(await ids()).toEqual({ agents: [], tools: [], secrets: [] });
      const ours = (await project.stackExport()).deployment.resources?.filter((r) => r.type.includes("elevenlabs:"));
      expect(ours).toEqual([]);
    });
  },
);
