import type { dynamic } from "@pulumi/pulumi";
import { beforeAll, describe, expect, it } from "vitest";
import { handlers } from "../../../provider/handlers/registry";
import type { ResourceKind } from "../../../provider/models/spec";
import { checked, token, useEmulator } from "./harness";

const ctx = useEmulator();
let agentId: string;
let documentId: string;

beforeAll(async () => {
  agentId = (await ctx.emulator.api("POST", "/agents", { name: "Fault owner" })).body.agent_id;
  const doc = await ctx.emulator.api("POST", `/agents/${agentId}/knowledge-base/text`, {
    name: "D",
    text: "Some fact.",
  });
  documentId = doc.body.document_id;
});

interface Case {
  inputs: Record<string, unknown>;
  /** Where the kind updates in place: a change to apply. */
  change?: Record<string, unknown>;
  /** The kind's delete removes nothing server-side (the widget and the index go with their agent). */
  deleteCallsNothing?: true;
}

const cases: Record<ResourceKind, () => Case> = {
  Agent: () => ({ inputs: { name: "Faulty" }, change: { name: "Faulty 2" } }),
  Tool: () => ({
    inputs: { type: "client", name: "faulty_tool", clientTool: { parameters: [] } },
    change: { description: "now described" },
  }),
  KnowledgeBaseDocument: () => ({ inputs: { agentId, name: "Faulty doc", text: "Open 9 to 5." } }),
  AgentKnowledgeBaseIndex: () => ({
    inputs: { agentId, documentIds: [documentId] },
    change: { documentIds: [] },
    deleteCallsNothing: true,
  }),
  PhoneNumber: () => ({ inputs: { agentId, country: "US", areaCode: "415" }, change: { greetingMessage: "Hello" } }),
  Widget: () => ({ inputs: { agentId }, deleteCallsNothing: true }),
  WorkspaceSecret: () => ({ inputs: { name: "FAULTY_SECRET", value: "v" } }),
  WorkspaceSettings: () => ({
    inputs: { settings: { dataRetentionDays: 7 } },
    change: { settings: { dataRetentionDays: 8 } },
  }),
};

/** The next request of whatever the handler does is refused with 429, the one after fails with 503. */
async function stormThenOutage() {
  await ctx.emulator.setFaults({
    rateLimitStorm: { count: 1 },
    errorBurst: { count: 1 },
    errorStatus: 503,
    retryAfterSeconds: 0,
  });
}

describe.each(Object.keys(cases) as ResourceKind[])(
  "%s handler under a 429 and a 503 before every operation",
  (kind) => {
    const h = handlers[kind] as Required<dynamic.ResourceProvider>;

    it("create, read, update and delete all succeed, retrying through both", async () => {
      const { inputs, change, deleteCallsNothing } = cases[kind]();
      const checkedInputs = await checked(h, { ...inputs, creationToken: token(kind) });
      await ctx.emulator.resetStats();

      await stormThenOutage();
      const created = await h.create(checkedInputs);
      expect(created.id).toBeTruthy();

      await stormThenOutage();
      const read = await h.read(created.id, created.outs);
      expect(read.id).toBe(created.id);

      let outs = created.outs;
      if (change) {
        const news = await checked(h, { ...checkedInputs, ...change });
        expect((await h.diff(created.id, outs, news)).changes).toBe(true);
        await stormThenOutage();
        outs = (await h.update(created.id, outs, news)).outs;
        expect((await h.read(created.id, outs)).inputs).toMatchObject(change);
      }

      await stormThenOutage();
      await h.delete(created.id, outs);

      const stats = await ctx.emulator.stats();
      // Every operation that calls the API met its 429 and its 503 and got through both.
      const operations = 2 + (change ? 1 : 0) + (deleteCallsNothing ? 0 : 1);
      expect(stats.byStatus["429"]).toBe(operations);
      expect(stats.byStatus["503"]).toBe(operations);
      // One object per kind at most, whatever the faults: creates never duplicated.
      if (kind === "Tool") expect((await ctx.emulator.api("GET", "/tools")).body.tools).toEqual([]);
      if (kind === "Agent")
        expect((await ctx.emulator.api("GET", "/agents?page_size=100")).body.agents).toHaveLength(1);
      if (kind === "WorkspaceSecret")
        expect((await ctx.emulator.api("GET", "/workspace/secrets")).body.secrets).toEqual([]);
    });
  },
);
