/**
 * The stack the reliability suite deploys under a fault, per API profile: the same
 * {@link STACK_SIZE} resources written in each profile's shape (profile-fixtures.ts), and how to
 * read back, by raw API call, what the emulator then holds, as one profile-free {@link Holding}
 * the harness compares with {@link expected}.
 */
import type { ProfileName } from "../../../provider/profiles/types";
import type { TestEmulator } from "../../support/test-emulator";

const AGENTS = 5;
const TOOLS_PER_AGENT = 2;
const DOCS_PER_AGENT = 2;
const SECRETS = 2;
const PHONE_NUMBERS = 3;
export const STACK_SIZE = AGENTS * (1 + TOOLS_PER_AGENT + DOCS_PER_AGENT) + SECRETS + PHONE_NUMBERS;

const range = (n: number) => Array.from({ length: n }, (_, i) => i);
const toolName = (a: number, t: number) => `tool_${a}_${t}`;
const agentName = (a: number) => `Agent ${a}`;
const docName = (a: number, d: number) => `Doc ${a}.${d}`;
const secretName = (s: number) => `SECRET_${s}`;

/** What the emulator holds, whatever the profile's shapes: ids and names, sorted where a set. */
export interface Holding {
  tools: Named[];
  agents: (Named & { toolIds: string[]; documentIds: string[] })[];
  /** `ready` is undefined where the profile does not show processing (live). */
  documents: (Named & { ready?: boolean })[];
  secrets: Named[];
  phoneNumbers: { id: string }[];
}
interface Named {
  id: string;
  name: string;
}

/** What the emulator must hold afterwards, by name: sorted, so a duplicate or a missing one shows. */
export const expected = {
  tools: range(AGENTS)
    .flatMap((a) => range(TOOLS_PER_AGENT).map((t) => toolName(a, t)))
    .sort(),
  agents: range(AGENTS).map(agentName).sort(),
  /** Agent `a`'s tools and documents, in the program's order. */
  toolsOf: (a: number) => range(TOOLS_PER_AGENT).map((t) => toolName(a, t)),
  docsOf: (a: number) => range(DOCS_PER_AGENT).map((d) => docName(a, d)),
  secrets: range(SECRETS).map(secretName).sort(),
  phoneNumbers: PHONE_NUMBERS,
};

/** The agent number `a` in "Agent a". */
export const agentNumber = (name: string) => Number(name.split(" ")[1]);

interface FaultStack {
  program: string;
  /** Reads what the emulator holds, faults off. */
  holding(emu: TestEmulator): Promise<Holding>;
}

const loops = `
const el = require("pulumi-elevenlabs");
const A = ${AGENTS}, T = ${TOOLS_PER_AGENT}, D = ${DOCS_PER_AGENT}, S = ${SECRETS}, P = ${PHONE_NUMBERS};
const range = (n) => Array.from({ length: n }, (_, i) => i);
`;

/** Agent `a`'s tools: even ones run in the client, odd ones call a webhook with a secret header. */
const seedProgram = `${loops}
const agents = range(A).map((a) => {
  const tools = range(T).map((t) => {
    const name = "tool_" + a + "_" + t;
    return t % 2 === 0
      ? new el.Tool(name, { type: "client", name, clientTool: { eventName: name, parameters: [] } })
      : new el.Tool(name, {
          type: "server", name, description: "Looks up order " + a,
          serverTool: { url: "https://api.example.com/orders/{id}", parameters: [{ name: "id", type: "string", location: "path", required: true }] },
          secretHeaders: { Authorization: "Bearer token-" + a },
        });
  });
  const agent = new el.Agent("agent-" + a, {
    name: "Agent " + a,
    conversationConfig: { agent: { firstMessage: "Hi from " + a, prompt: { prompt: "You help with orders.", toolIds: tools.map((t) => t.toolId) } } },
  });
  for (const d of range(D)) {
    new el.KnowledgeBaseDocument("doc-" + a + "-" + d, { agentId: agent.agentId, name: "Doc " + a + "." + d, text: "Fact " + d + " about agent " + a + "." });
  }
  return agent;
});
for (const s of range(S)) new el.WorkspaceSecret("secret-" + s, { name: "SECRET_" + s, value: "value-" + s });
for (const p of range(P)) new el.PhoneNumber("phone-" + p, { country: "US", agentId: agents[p % A].agentId });
`;

/**
 * The live shapes (profile-fixtures.ts FIXTURES.live): tools as `toolConfig`, documents of the
 * workspace listed in the agent's prompt, Twilio numbers imported.
 */
const liveProgram = `${loops}
const agents = range(A).map((a) => {
  const tools = range(T).map((t) => {
    const name = "tool_" + a + "_" + t;
    return t % 2 === 0
      ? new el.Tool(name, { toolConfig: { type: "client", name, description: "Shows order " + a, expectsResponse: false } })
      : new el.Tool(name, {
          toolConfig: {
            type: "webhook", name, description: "Looks up order " + a,
            apiSchema: {
              url: "https://api.example.com/orders", method: "GET",
              queryParamsSchema: { properties: { id: { type: "string", description: "Order id" } }, required: ["id"] },
            },
          },
          secretHeaders: { Authorization: "Bearer token-" + a },
        });
  });
  const docs = range(D).map((d) => ({
    name: "Doc " + a + "." + d,
    doc: new el.KnowledgeBaseDocument("doc-" + a + "-" + d, { name: "Doc " + a + "." + d, text: "Fact " + d + " about agent " + a + "." }),
  }));
  return new el.Agent("agent-" + a, {
    name: "Agent " + a,
    conversationConfig: {
      agent: {
        firstMessage: "Hi from " + a,
        prompt: {
          prompt: "You help with orders.",
          toolIds: tools.map((t) => t.toolId),
          knowledgeBase: docs.map(({ name, doc }) => ({ type: "text", name, id: doc.documentId, usageMode: "auto" })),
        },
      },
    },
  });
});
for (const s of range(S)) new el.WorkspaceSecret("secret-" + s, { name: "SECRET_" + s, value: "value-" + s });
for (const p of range(P)) {
  new el.PhoneNumber("phone-" + p, {
    provider: "twilio", phoneNumber: "+1415555010" + p, label: "Line " + p,
    sid: "AC0123456789abcdef0123456789abcde" + p, token: "twilio-token-" + p, agentId: agents[p % A].agentId,
  });
}
`;

type Raw = Record<string, any>;
const named =
  (idKey: string, nameOf: (r: Raw) => string = (r) => r.name) =>
  (r: Raw) => ({
    id: String(r[idKey]),
    name: String(nameOf(r)),
  });

export const FAULT_STACKS: Record<ProfileName, FaultStack> = {
  seed: {
    program: seedProgram,
    async holding(emu) {
      const agents: Holding["agents"] = [];
      const documents: Holding["documents"] = [];
      for (const summary of await emu.listAll("/agents", "agents")) {
        const agent = (await emu.api("GET", `/agents/${summary.agent_id}`)).body;
        // Seed documents belong to their agent: listed under it, not in its prompt.
        const docs = await emu.listAll(`/agents/${agent.agent_id}/knowledge-base`, "documents");
        documents.push(...docs.map((d) => ({ ...named("document_id")(d), ready: d.status === "ready" })));
        agents.push({
          ...named("agent_id")(agent),
          toolIds: agent.conversation_config.agent.prompt.tool_ids ?? [],
          documentIds: docs.map((d) => String(d.document_id)),
        });
      }
      return {
        tools: (await emu.listAll("/tools", "tools")).map(named("tool_id")),
        agents,
        documents,
        secrets: (await emu.listAll("/workspace/secrets", "secrets")).map(named("secret_id")),
        phoneNumbers: (await emu.listAll("/phone-numbers", "phone_numbers")).map((p) => ({
          id: String(p.phone_number_id),
        })),
      };
    },
  },
  live: {
    program: liveProgram,
    async holding(emu) {
      const agents: Holding["agents"] = [];
      for (const summary of await emu.listAll("/agents", "agents")) {
        const agent = (await emu.api("GET", `/agents/${summary.agent_id}`)).body;
        const prompt = agent.conversation_config.agent.prompt;
        agents.push({
          ...named("agent_id")(agent),
          toolIds: prompt.tool_ids ?? [],
          documentIds: (prompt.knowledge_base ?? []).map((k: Raw) => String(k.id)),
        });
      }
      return {
        tools: (await emu.listAll("/tools", "tools")).map(named("id", (t) => t.tool_config.name)),
        agents,
        documents: (await emu.listAll("/knowledge-base", "documents")).map(named("id")),
        secrets: (await emu.listAll("/secrets", "secrets")).map(named("secret_id")),
        // A bare array, unpaged (listAll answers it as is).
        phoneNumbers: (await emu.listAll("/phone-numbers", "phone_numbers")).map((p) => ({
          id: String(p.phone_number_id),
        })),
      };
    },
  },
};
