import { describe, expect, it } from "vitest";
import { agentHandler } from "../../../provider/handlers/agent";
import { knowledgeBaseDocumentHandler } from "../../../provider/handlers/knowledge-base-document";
import { toolHandler } from "../../../provider/handlers/tool";
import { CREATION_TOKEN_METADATA_KEY } from "../../../provider/models/spec";
import { checked, token, useEmulator } from "./harness";

const ctx = useEmulator();
const LIST_TOOLS = "GET /v1/convai/tools";
const CREATE_TOOL = "POST /v1/convai/tools";

const clientTool = (name: string, creationToken: string) => ({
  type: "client",
  name,
  clientTool: { eventName: `${name}_event`, parameters: [] },
  creationToken,
});

// The first test must run first: it needs the provider's first listing of tools in this file.
describe("create: crash recovery and lost answers", () => {
  it("finds orphans a crashed run left, listing the kind once for all creates rather than once per create", async () => {
    const tokens = Array.from({ length: 6 }, (_, i) => token(`tool${i}`));
    // What a run killed after its POSTs reached the API leaves behind: objects no state knows.
    const orphans: string[] = [];
    for (const i of [0, 1]) {
      const body = { type: "client", name: `tool_${i}`, metadata: { [CREATION_TOKEN_METADATA_KEY]: tokens[i] } };
      orphans.push((await ctx.emulator.api("POST", "/tools", body)).body.tool_id);
    }
    await ctx.emulator.resetStats();
    // One after the other, as creates spread over a deployment with dependencies are.
    const created = [];
    for (const [i, t] of tokens.entries()) {
      created.push(await toolHandler.create(await checked(toolHandler, clientTool(`tool_${i}`, t))));
    }
    expect(created.slice(0, 2).map((c) => c.id)).toEqual(orphans);
    const stats = await ctx.emulator.stats();
    expect(stats.byRoute[LIST_TOOLS]).toBe(1);
    expect(stats.byRoute[CREATE_TOOL]).toBe(4);
    const { body } = await ctx.emulator.api("GET", "/tools?page_size=100");
    expect(body.tools.map((t: { tool_id: string }) => t.tool_id).sort()).toEqual(created.map((c) => c.id).sort());
  });

  it("creates whose answers are lost (dropped or 504) are found, never made twice", async () => {
    const made: Record<string, { id: string }[]> = {};
    for (const lostResponseAs of ["drop", 504] as const) {
      // Four of the eight creates are applied and their answers lost: half take the recovery path, half not.
      await ctx.emulator.setFaults({ lostResponseBurst: { count: 4 }, lostResponseAs, routes: [CREATE_TOOL] });
      await ctx.emulator.resetStats();
      made[lostResponseAs] = await Promise.all(
        Array.from({ length: 8 }, async (_, i) =>
          toolHandler.create(await checked(toolHandler, clientTool(`${lostResponseAs}_${i}`, token("lost")))),
        ),
      );
      const stats = await ctx.emulator.stats();
      // Four answers lost, each followed by a fresh listing (the scope was listed by an earlier test)
      // that found the object: no POST repeated.
      expect(stats.byRoute[CREATE_TOOL]).toBe(8);
      expect(stats.byRoute[LIST_TOOLS]).toBe(4);
      expect(stats.byStatus["504"] ?? 0).toBe(lostResponseAs === 504 ? 4 : 0);
    }
    await ctx.emulator.clearFaults();
    const { body } = await ctx.emulator.api("GET", "/tools?page_size=100");
    for (const [prefix, created] of Object.entries(made)) {
      const live = body.tools.filter((t: { name: string }) => t.name.startsWith(`${prefix}_`));
      expect(live).toHaveLength(8);
      expect(new Set(created.map((m) => m.id))).toEqual(new Set(live.map((t: { tool_id: string }) => t.tool_id)));
    }
  });

  it("agents (listed as summaries without metadata) are recovered through their full object", async () => {
    await ctx.emulator.setFaults({ lostResponseRate: 1, routes: ["POST /v1/convai/agents"] });
    const inputs = await checked(agentHandler, { name: "Lost in transit", creationToken: token("agent") });
    const created = await agentHandler.create(inputs);
    await ctx.emulator.clearFaults();
    const { body } = await ctx.emulator.api("GET", "/agents?page_size=100");
    const named = body.agents.filter((a: { name: string }) => a.name === "Lost in transit");
    expect(named.map((a: { agent_id: string }) => a.agent_id)).toEqual([created.id]);
  });

  it("knowledge-base documents (a custom create) are recovered too, then waited for", async () => {
    const agentId = (await ctx.emulator.api("POST", "/agents", { name: "KB owner" })).body.agent_id;
    await ctx.emulator.setFaults({
      lostResponseRate: 1,
      lostResponseAs: 502,
      routes: ["POST /v1/convai/agents/{agent_id}/knowledge-base/text"],
    });
    const inputs = await checked(knowledgeBaseDocumentHandler, {
      agentId,
      name: "Hours",
      text: "Open 9 to 5.",
      creationToken: token("doc"),
    });
    const created = await knowledgeBaseDocumentHandler.create(inputs);
    await ctx.emulator.clearFaults();
    expect(created.outs).toMatchObject({ status: "ready" });
    const { body } = await ctx.emulator.api("GET", `/agents/${agentId}/knowledge-base`);
    expect(body.documents.map((d: { document_id: string }) => d.document_id)).toEqual([created.id]);
  });

  it("without a creation token an ambiguous create is not retried (nothing could tell whether it landed)", async () => {
    await ctx.emulator.setFaults({ lostResponseRate: 1, lostResponseAs: 503, routes: [CREATE_TOOL] });
    const inputs = await checked(toolHandler, { type: "client", name: "untracked", clientTool: { parameters: [] } });
    await expect(toolHandler.create(inputs)).rejects.toMatchObject({ status: 503 });
    await ctx.emulator.clearFaults();
    const { body } = await ctx.emulator.api("GET", "/tools?page_size=100");
    expect(body.tools.filter((t: { name: string }) => t.name === "untracked")).toHaveLength(1);
  });
});
