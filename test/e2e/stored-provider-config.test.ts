import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestEmulator } from "../support/test-emulator";
import { startStack } from "./harness/emulator";
import { changedSteps, type PulumiProject } from "./harness/pulumi-project";

const program = `
const elevenlabs = require("pulumi-elevenlabs");
const agent = new elevenlabs.Agent("support", { name: "Support" });
exports.agentId = agent.agentId;
`;
const WRONG_KEY = "wrong-key-must-not-leak-31";

/**
 * What the README's Troubleshooting says about the provider config, proven with the real engine:
 * the stack config is stored with the default provider in the state, refresh and destroy use that
 * stored copy, `pulumi up` replaces it, `--run-program` uses the current config, and a no-op
 * preview never calls the API (so it cannot notice a wrong key).
 */
describe("the provider config stored in the state", () => {
  let emu: TestEmulator;
  let project: PulumiProject;
  let agentId: string;

  const output = (r: { stdout: string; stderr: string }) => r.stdout + r.stderr;
  const setKey = (key: string) => project.setConfig("elevenlabs:apiKey", key, { secret: true });

  beforeAll(async () => {
    ({ emu, project } = await startStack("stored-config", program));
    await project.up();
    agentId = String((await project.outputs()).agentId);
  });
  afterAll(async () => {
    await emu?.close();
  });

  it("holds the API key encrypted, never in plain text", async () => {
    const { raw, deployment } = await project.stackExport();
    const provider = deployment.resources?.find((r) => r.type === "pulumi:providers:pulumi-nodejs");
    expect(provider?.inputs?.["elevenlabs:apiKey"]).toMatchObject({ ciphertext: expect.any(String) });
    expect(provider?.inputs?.["elevenlabs:baseUrl"]).toBe(emu.baseUrl);
    expect(raw).not.toContain(emu.apiKey);
  });

  it("a wrong key in config passes a no-op preview, which makes no API call", async () => {
    await setKey(WRONG_KEY);
    await emu.resetStats();
    expect(changedSteps(await project.preview())).toEqual([]);
    expect((await emu.stats()).total).toBe(0);
  });

  it("refresh and preview --refresh read with the stored key, not the wrong one in config", async () => {
    await emu.resetStats();
    await project.refresh();
    await project.preview(["--refresh"]);
    const stats = await emu.stats();
    expect(stats.total).toBeGreaterThanOrEqual(2);
    expect(stats.byStatus?.["401"] ?? 0).toBe(0);
  });

  it("preview --refresh --run-program reads with the current config: the wrong key fails with 401", async () => {
    const result = await project.pulumi(["preview", "--refresh", "--run-program"], { allowFailure: true });
    expect(result.code).not.toBe(0);
    expect(output(result)).toContain("401 AUTHENTICATION_ERROR");
    expect(output(result)).not.toContain(WRONG_KEY);
  });

  it("up stores the current config even with no resource change; after the fix, up again makes refresh work", async () => {
    await project.up(); // nothing to change: no API call, so the wrong key goes unnoticed and is stored
    expect(String(await project.refresh().catch((e: Error) => e))).toContain("401 AUTHENTICATION_ERROR");

    await setKey(emu.apiKey); // config fixed, the state still holds the wrong key
    expect(String(await project.refresh().catch((e: Error) => e))).toContain("401 AUTHENTICATION_ERROR");
    await project.up();
    await project.refresh();
  });

  it("destroy uses the stored config too: a wrong key in config does not stop it", async () => {
    await setKey(WRONG_KEY);
    await project.destroy();
    expect((await emu.api("GET", `/agents/${agentId}`)).status).toBe(404);
  });
});
