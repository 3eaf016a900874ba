import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestEmulator } from "../support/test-emulator";
import { waitFor } from "../support/wait-for";
import { startStack } from "./harness/emulator";
import type { PulumiProject } from "./harness/pulumi-project";

const COUNT = 20;
const program = `
const el = require("pulumi-elevenlabs");
for (let i = 0; i < ${COUNT}; i++) {
  new el.Tool("tool-" + i, { type: "client", name: "client_tool_" + i, clientTool: { eventName: "event_" + i, parameters: [] } });
}
`;

describe("an engine killed in the middle of an up", () => {
  let emu: TestEmulator;
  let project: PulumiProject;

  beforeAll(async () => {
    ({ emu, project } = await startStack("crash-recovery", program));
  });
  afterAll(async () => {
    // The killed engine's language host and provider outlive it (as they would on a runner that
    // kills only the engine): reap them.
    project?.killLeftovers();
    await emu?.close();
  });

  it(`leaves exactly ${COUNT} objects after the next up, with no duplicate`, async () => {
    // Slow every API answer so the kill lands while creates are in flight.
    await emu.setFaults({ latencyMs: 250 });
    const engine = project.spawn(["up", "--yes", "--skip-preview"]);
    const exited = new Promise((r) => engine.once("exit", r));
    await waitFor(async () => ((await emu.stats()).byRoute["POST /v1/convai/tools"] ?? 0) >= 5, 120_000);
    engine.kill("SIGKILL");
    await exited;
    // The killed engine leaves its provider process running: stop it, so it sends nothing more,
    // then let what it already sent land (the emulator finishes work whose client is gone).
    project.killLeftovers();
    await waitFor(async () => (await emu.stats()).inFlight === 0, 30_000);
    const afterCrash = await emu.listAll("/tools", "tools");
    expect(afterCrash.length).toBeGreaterThan(0);
    expect(afterCrash.length).toBeLessThanOrEqual(COUNT);

    await emu.clearFaults();
    // What a user does after a CI job died mid-update: release the dead engine's stack lock.
    await project.pulumi(["cancel", "--yes"]);
    // The crash must have left objects the state does not know, or this test proves nothing.
    const known = (await project.stackExport()).deployment.resources?.filter((r) => r.type.endsWith("elevenlabs:Tool"));
    expect(afterCrash.length).toBeGreaterThan(known?.length ?? 0);
    await project.up();
    const tools = await emu.listAll("/tools", "tools");
    expect(tools).toHaveLength(COUNT);
    expect(new Set(tools.map((t) => t.name)).size).toBe(COUNT);
    const { deployment } = await project.stackExport();
    const ids = (deployment.resources ?? []).filter((r) => r.type.endsWith("elevenlabs:Tool")).map((r) => r.id);
    expect(new Set(ids)).toEqual(new Set(tools.map((t) => t.tool_id)));
  });
});
