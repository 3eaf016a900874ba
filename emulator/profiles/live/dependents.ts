import type { App } from "../../app";
import { isPlainObject, type JsonObject } from "../../merge-patch";
import type { AgentRecord } from "../../models/agent";
import type { Op } from "../../store/store";
import { newVersionId } from "./agent-model";

type Prompt = { tool_ids?: string[]; knowledge_base?: { id: string }[] };

const promptOf = (agent: AgentRecord): Prompt | undefined => {
  const prompt = (agent as JsonObject & { conversation_config?: { agent?: { prompt?: unknown } } }).conversation_config
    ?.agent?.prompt;
  return isPlainObject(prompt) ? (prompt as Prompt) : undefined;
};

/** Agents whose prompt uses the tool (`tool_ids`) or the document (`knowledge_base`). */
export function dependentAgents(app: App, what: "tool" | "document", id: string): AgentRecord[] {
  return app.store.list("agents").filter((agent) => {
    const prompt = promptOf(agent);
    if (what === "tool") return prompt?.tool_ids?.includes(id) ?? false;
    return prompt?.knowledge_base?.some((k) => k.id === id) ?? false;
  });
}

/** `force=true`: the object leaves each agent's prompt, as a new version of the agent. */
export function detach(agents: AgentRecord[], what: "tool" | "document", id: string): Op[] {
  return agents.map((agent) => {
    const copy = structuredClone(agent);
    const prompt = promptOf(copy) as Prompt;
    if (what === "tool") prompt.tool_ids = (prompt.tool_ids ?? []).filter((t) => t !== id);
    else prompt.knowledge_base = (prompt.knowledge_base ?? []).filter((k) => k.id !== id);
    const value = { ...copy, version_id: newVersionId(), updated_at: new Date().toISOString() };
    return { op: "put", kind: "agents", id: agent.agent_id, value } as Op;
  });
}
