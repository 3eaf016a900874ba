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
  /** The kind's delete removes nothing server-side (the widget and the index go with their agent). */
  deleteCallsNothing?: true;
}

/** Every kind that manages an API object (the smoke test manages none: it holds a conversation). */
type ObjectKind = Exclude<ResourceKind, "ConversationSmokeTest">;
const cases: Record<ObjectKind, () => Case> = {
  Agent: () => ({ inputs: { name: "Faulty" } }),
  Tool: () => ({ inputs: { type: "client", name: "faulty_tool", clientTool: { parameters: [] } } }),
  KnowledgeBaseDocument: () => ({ inputs: { agentId, name: "Faulty doc", text: "Open 9 to 5." } }),
  AgentKnowledgeBaseIndex: () => ({ inputs: { agentId, documentIds: [documentId] }, deleteCallsNothing: true }),
  PhoneNumber: () => ({ inputs: { agentId, country: "US", areaCode: "415" } }),
  Widget: () => ({ inputs: { agentId }, deleteCallsNothing: true }),
  WorkspaceSecret: () => ({ inputs: { name: "FAULTY_SECRET", value: "v" } }),
  WorkspaceSettings: () => ({ inputs: { settings: { dataRetentionDays: 7 } } }),
};

/** Kinds that update in place: a change to apply. */
const changes: Partial<Record<ObjectKind, Record<string, unknown>>> = {
  Agent: { name: "Faulty 2" },
  Tool: { description: "now described" },
  AgentKnowledgeBaseIndex: { documentIds: [] },
  PhoneNumber: { greetingMessage: "Hello" },
  WorkspaceSettings: { settings: { dataRetentionDays: 8 } },
};

/** Kinds whose create makes an object: how many of those the test made exist now. */
const instances: Partial<Record<ObjectKind, () => Promise<number>>> = {
  Agent: async () => (await ctx.emulator.listAll("/agents", "agents")).filter((a) => a.name === "Faulty").length,
  Tool: async () => (await ctx.emulator.listAll("/tools", "tools")).length,
  KnowledgeBaseDocument: async () =>
    (await ctx.emulator.listAll(`/agents/${agentId}/knowledge-base`, "documents")).filter(
      (d) => d.name === "Faulty doc",
    ).length,
  PhoneNumber: async () => (await ctx.emulator.listAll("/phone-numbers", "phone_numbers")).length,
  WorkspaceSecret: async () => (await ctx.emulator.listAll("/workspace/secrets", "secrets")).length,
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

/** Each operation met exactly one 429 and one 503 and got through both. */
async function expectEachFaultOnce(operations: number) {
  const stats = await ctx.emulator.stats();
  expect(stats.byStatus["429"]).toBe(operations);
  expect(stats.byStatus["503"]).toBe(operations);
}

async function createUnderFaults(kind: ObjectKind, h: Required<dynamic.ResourceProvider>) {
  const inputs = await checked(h, { ...cases[kind]().inputs, creationToken: token(kind) });
  await ctx.emulator.resetStats();
  await stormThenOutage();
  const created = await h.create(inputs);
  return { inputs, id: created.id, outs: created.outs };
}

describe.each(Object.keys(cases) as ObjectKind[])("%s handler under a 429 and a 503 before every operation", (kind) => {
  const h = handlers[kind] as Required<dynamic.ResourceProvider>;

  it("create, read and delete all succeed, retrying through both", async () => {
    const created = await createUnderFaults(kind, h);
    expect(created.id).toEqual(expect.any(String));
    await stormThenOutage();
    expect((await h.read(created.id, created.outs)).id).toBe(created.id);
    await stormThenOutage();
    await h.delete(created.id, created.outs);
    await expectEachFaultOnce(cases[kind]().deleteCallsNothing ? 2 : 3);
  });
});

describe.each(Object.keys(changes) as ObjectKind[])("%s handler under faults, updating", (kind) => {
  const h = handlers[kind] as Required<dynamic.ResourceProvider>;

  it("an update retries through a 429 and a 503 and applies the change", async () => {
    const created = await createUnderFaults(kind, h);
    const change = changes[kind] as Record<string, unknown>;
    const news = await checked(h, { ...created.inputs, ...change });
    expect((await h.diff(created.id, created.outs, news)).changes).toBe(true);
    await stormThenOutage();
    const { outs } = await h.update(created.id, created.outs, news);
    await expectEachFaultOnce(2);
    expect((await h.read(created.id, outs)).inputs).toMatchObject(change);
    await h.delete(created.id, outs);
  });
});

describe.each(Object.keys(instances) as ObjectKind[])("%s handler under faults, counting objects", (kind) => {
  const h = handlers[kind] as Required<dynamic.ResourceProvider>;

  it("a create through a 429 and a 503 makes exactly one object, and delete leaves none", async () => {
    const count = instances[kind] as () => Promise<number>;
    const created = await createUnderFaults(kind, h);
    expect(await count()).toBe(1);
    await stormThenOutage();
    await h.delete(created.id, created.outs);
    expect(await count()).toBe(0);
  });
});
