import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ProfileName } from "../../provider/profiles/types";
import type { TestEmulator } from "../support/test-emulator";
import { waitFor } from "../support/wait-for";
import { startStack } from "./harness/emulator";
import type { PulumiProject } from "./harness/pulumi-project";

const COUNT = 20;
/** Client tools in each profile's shape. Live tools keep no creation token: they are found by name and configuration. */
const TOOL: Record<ProfileName, string> = {
  seed: `{ type: "client", name: "client_tool_" + i, clientTool: { eventName: "event_" + i, parameters: [] } }`,
  live: `{ toolConfig: { type: "client", name: "client_tool_" + i, description: "Event " + i, expectsResponse: false } }`,
};
/** Live text documents keep no token either: they are found by name and content. */
const DOCS = 5;
const program = (profile: ProfileName) => `
const el = require("pulumi-elevenlabs");
${profile === "live" ? `for (let i = 0; i < ${DOCS}; i++) new el.KnowledgeBaseDocument("doc-" + i, { name: "Doc " + i, text: "Fact " + i + "." });` : ""}
for (let i = 0; i < ${COUNT}; i++) {
  new el.Tool("tool-" + i, ${TOOL[profile]});
}
`;
const nameOf = (tool: { name?: string; tool_config?: { name: string } }) => tool.name ?? tool.tool_config?.name;
const idOf = (tool: { tool_id?: string; id?: string }) => tool.tool_id ?? tool.id;

describe.each(["seed", "live"] as const)("an engine killed in the middle of an up (%s API profile)", (profile) => {
  let emu: TestEmulator;
  let project: PulumiProject;
  const tools = () => emu.listAll("/tools", "tools");

  beforeAll(async () => {
    ({ emu, project } = await startStack(`crash-recovery-${profile}`, program(profile), { profile }));
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
    // (Live: and some documents, or the crash would leave none to find.)
    const docsPosted = profile === "live" ? 2 : 0;
    await waitFor(async () => {
      const { byRoute } = await emu.stats();
      return (
        (byRoute["POST /v1/convai/tools"] ?? 0) >= 5 &&
        (byRoute["POST /v1/convai/knowledge-base/text"] ?? 0) >= docsPosted
      );
    }, 120_000);
    engine.kill("SIGKILL");
    await exited;
    // The killed engine leaves its provider process running: stop it, so it sends nothing more,
    // then let what it already sent land (the emulator finishes work whose client is gone).
    project.killLeftovers();
    await waitFor(async () => (await emu.stats()).inFlight === 0, 30_000);
    const afterCrash = await tools();
    const docsAfterCrash = profile === "live" ? await emu.listAll("/knowledge-base", "documents") : [];
    expect(afterCrash.length).toBeGreaterThan(0);
    expect(afterCrash.length).toBeLessThanOrEqual(COUNT);

    await emu.clearFaults();
    // What a user does after a CI job died mid-update: release the dead engine's stack lock.
    await project.pulumi(["cancel", "--yes"]);
    // The crash must have left objects the state does not know, or this test proves nothing.
    const known = (await project.stackExport()).deployment.resources?.filter((r) => r.type.endsWith("elevenlabs:Tool"));
    expect(afterCrash.length).toBeGreaterThan(known?.length ?? 0);
    const knownDocs = (await project.stackExport()).deployment.resources?.filter((r) =>
      r.type.endsWith("elevenlabs:KnowledgeBaseDocument"),
    );
    if (profile === "live") expect(docsAfterCrash.length).toBeGreaterThan(knownDocs?.length ?? 0);
    await project.up();
    const after = await tools();
    expect(after).toHaveLength(COUNT);
    expect(new Set(after.map(nameOf)).size).toBe(COUNT);
    const { deployment } = await project.stackExport();
    const ids = (deployment.resources ?? []).filter((r) => r.type.endsWith("elevenlabs:Tool")).map((r) => r.id);
    expect(new Set(ids)).toEqual(new Set(after.map(idOf)));
    if (profile === "live") {
      const docs = await emu.listAll("/knowledge-base", "documents");
      expect(docs.map((d) => d.name).sort()).toEqual(Array.from({ length: DOCS }, (_, i) => `Doc ${i}`));
      const docIds = (deployment.resources ?? []).filter((r) => r.type.endsWith("elevenlabs:KnowledgeBaseDocument"));
      expect(new Set(docIds.map((r) => r.id))).toEqual(new Set(docs.map((d) => d.id)));
    }
  });
});
