import { serverMessage } from "../conversation/protocol";
import { envelope } from "../errors";
import type { AgentRecord } from "../models/agent";
import type { ToolRecord } from "../models/tool";
import { agentRoutes } from "../routes/agents";
import { conversationRoutes } from "../routes/conversations";
import { knowledgeBaseRoutes } from "../routes/knowledge-base";
import { phoneNumberRoutes } from "../routes/phone-numbers";
import { toolRoutes } from "../routes/tools";
import { widgetRoutes } from "../routes/widget";
import { workspaceRoutes } from "../routes/workspace";
import type { Profile, ToolParameter, ToolSpec } from "./profile";

/** The documented contract (`shared/api/convai-api.md`): the emulator's original API. */
export const seedProfile: Profile = {
  name: "seed",
  routes(router) {
    for (const register of [
      agentRoutes,
      conversationRoutes,
      toolRoutes,
      knowledgeBaseRoutes,
      phoneNumberRoutes,
      widgetRoutes,
      workspaceRoutes,
    ]) {
      register(router);
    }
  },
  renderError: (error, requestId) => ({ status: error.status, body: envelope(error, requestId) }),
  defaults: { rateLimit: 100 },
  conversation: {
    signatureParam: "token",
    agent: (agent: AgentRecord) => ({
      toolIds: agent.conversation_config?.agent?.prompt?.tool_ids ?? [],
      builtInTools: agent.conversation_config?.agent?.prompt?.built_in_tools ?? [],
      timeoutSeconds: agent.conversation_config?.conversation?.timeout_seconds ?? 30,
      enableAuth: agent.platform_settings?.auth?.enable_auth ?? false,
      allowedOrigins: agent.platform_settings?.auth?.allowed_origins ?? [],
      hostOnly: false,
      turn: (agent.conversation_config as { turn?: Record<string, number | undefined> } | undefined)?.turn ?? {},
    }),
    tool: seedToolSpec,
    documents: (store, agent) => store.list("documents").filter((d) => d.agent_id === agent.agent_id),
    // The contract allows every override.
    refusedOverride: () => undefined,
    error: (code, message, details) => serverMessage.error(code, message, details),
  },
};

function seedToolSpec(tool: ToolRecord): ToolSpec {
  const server = (tool.server_tool ?? {}) as {
    url?: string;
    method?: string;
    headers?: Record<string, string>;
    timeout_seconds?: number;
  };
  const client = tool.client_tool as { expects_response?: boolean } | undefined;
  return {
    tool_id: tool.tool_id,
    name: tool.name,
    description: tool.description ?? "",
    type: tool.type,
    kind: tool.type,
    url: server.url,
    method: server.method ?? "GET",
    headers: server.headers ?? {},
    timeoutSeconds: server.timeout_seconds ?? 20,
    parameters: ((tool.type === "server" ? tool.server_tool?.parameters : tool.client_tool?.parameters) ??
      []) as ToolParameter[],
    expectsResponse: client?.expects_response ?? false,
  };
}
