import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestEmulator } from "../support/test-emulator";
import { startStack } from "./harness/emulator";
import { changedSteps, type PulumiProject } from "./harness/pulumi-project";

const program = `
const el = require("pulumi-elevenlabs");
const agent = new el.Agent("support", { name: "Support", conversationConfig: { agent: { firstMessage: "Hi" } } });
new el.Tool("lookup", { type: "client", name: "lookup" });
new el.KnowledgeBaseDocument("faq", { agentId: agent.agentId, name: "FAQ", text: "Open 9 to 5." });
new el.PhoneNumber("line", { agentId: agent.agentId, country: "US", areaCode: "415" });
new el.WorkspaceSecret("key", { name: "LOOKUP_KEY", value: "v" });
`;

const ourUrns = async (project: PulumiProject) =>
  ((await project.stackExport()).deployment.resources ?? [])
    .filter((r) => r.type.startsWith("pulumi-nodejs:dynamic/elevenlabs:"))
    .map((r) => `${r.urn}=${r.id}`)
    .sort();

/**
 * The newcomer's sequence that used to cost the whole state: the emulator prints
 * `listening on http://127.0.0.1:PORT`, that URL (without /v1/convai) goes into the config, and a
 * refresh read the emulator's "no route" 404s as "every object was deleted".
 */
describe("a wrong base URL never costs state", () => {
  let emu: TestEmulator;
  let project: PulumiProject;
  let before: string[];

  beforeAll(async () => {
    ({ emu, project } = await startStack("base-url", program));
    await project.up();
    before = await ourUrns(project);
    expect(before).toHaveLength(5);
  });
  afterAll(async () => {
    await project?.destroy();
    await emu?.close();
  });

  it("the host alone, as the emulator prints it, is the API: refresh keeps everything and sees no drift", async () => {
    await project.setConfig("elevenlabs:baseUrl", emu.url);
    await project.refresh();
    expect(await ourUrns(project)).toEqual(before);
    expect(changedSteps(await project.preview())).toEqual([]);
  });

  it("a base URL with a wrong path fails the refresh with the URL and the setting named, and the state stays", async () => {
    // Without a stored baseUrl the provider reads ELEVENLABS_BASE_URL at call time: the refresh
    // certainly talks to the wrong path (stack config, by contrast, may be the one stored at the last up).
    await project.pulumi(["config", "rm", "elevenlabs:baseUrl"]);
    // Without a base URL the host default is the vendor's, whose default profile is live: this
    // stack's program is in the contract's shape, so it says so.
    await project.setConfig("elevenlabs:apiProfile", "seed");
    await project.up();
    for (const wrong of [`${emu.url}/v2`, `${emu.url}/v1/convai/agents`]) {
      project.env.ELEVENLABS_BASE_URL = wrong;
      await emu.resetStats();
      const result = await project.pulumi(["refresh", "--yes", "--skip-preview"], { allowFailure: true });
      expect(result.code).not.toBe(0);
      const output = `${result.stdout}\n${result.stderr}`;
      expect(output).toContain(`${wrong}/agents/`);
      expect(output).toContain("answered 404");
      expect(output).toContain("elevenlabs:baseUrl");
      expect((await emu.stats()).byStatus?.["200"] ?? 0).toBe(0);
      expect(await ourUrns(project)).toEqual(before);
    }
    project.env.ELEVENLABS_BASE_URL = emu.url;
    // Nothing was lost: the next up creates nothing and the emulator holds exactly one of each.
    expect(changedSteps(await project.preview(["--refresh"]))).toEqual([]);
    expect(await emu.listAll("/agents", "agents")).toHaveLength(1);
    expect(await emu.listAll("/tools", "tools")).toHaveLength(1);
    expect(await emu.listAll("/workspace/secrets", "secrets")).toHaveLength(1);
  });
});
