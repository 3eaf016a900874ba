/**
 * Every endpoint of the ConvAI contract (`shared/api/convai-api.md`), in one table, so that a
 * second API profile (the live service differs in places) is a contained change.
 * Paths are relative to the base URL (`…/v1/convai`); `{name}` segments are filled by
 * `buildPath`, which percent-encodes them.
 */
export const routes = {
  "agents.create": { method: "POST", path: "/agents" },
  "agents.get": { method: "GET", path: "/agents/{agent_id}" },
  "agents.update": { method: "PATCH", path: "/agents/{agent_id}" },
  "agents.delete": { method: "DELETE", path: "/agents/{agent_id}" },
  "agents.list": { method: "GET", path: "/agents", items: "agents" },
  "agents.signedUrl": { method: "GET", path: "/agents/{agent_id}/signed-url" },
  /** The live service's signed-URL route (`?agent_id=…`, answer `{signed_url}`); not in the contract. */
  "conversation.signedUrl": { method: "GET", path: "/conversation/get-signed-url" },

  "conversations.get": { method: "GET", path: "/conversations/{conversation_id}" },
  "conversations.list": { method: "GET", path: "/conversations", items: "conversations" },
  "conversations.feedback": { method: "POST", path: "/conversations/{conversation_id}/feedback" },
  "conversations.outboundCall": { method: "POST", path: "/conversations/outbound-call" },

  "tools.create": { method: "POST", path: "/tools" },
  "tools.get": { method: "GET", path: "/tools/{tool_id}" },
  "tools.update": { method: "PATCH", path: "/tools/{tool_id}" },
  "tools.delete": { method: "DELETE", path: "/tools/{tool_id}" },
  "tools.list": { method: "GET", path: "/tools", items: "tools" },

  "knowledgeBase.createFromFile": { method: "POST", path: "/agents/{agent_id}/knowledge-base/file" },
  "knowledgeBase.createFromUrl": { method: "POST", path: "/agents/{agent_id}/knowledge-base/url" },
  "knowledgeBase.createFromText": { method: "POST", path: "/agents/{agent_id}/knowledge-base/text" },
  "knowledgeBase.list": { method: "GET", path: "/agents/{agent_id}/knowledge-base", items: "documents" },
  "knowledgeBase.get": { method: "GET", path: "/agents/{agent_id}/knowledge-base/{document_id}" },
  "knowledgeBase.delete": { method: "DELETE", path: "/agents/{agent_id}/knowledge-base/{document_id}" },
  "knowledgeBase.computeIndex": { method: "POST", path: "/agents/{agent_id}/knowledge-base/compute-index" },
  "knowledgeBase.content": { method: "GET", path: "/agents/{agent_id}/knowledge-base/{document_id}/content" },
  "knowledgeBase.chunk": {
    method: "GET",
    path: "/agents/{agent_id}/knowledge-base/{document_id}/chunks/{chunk_id}",
  },

  "phoneNumbers.create": { method: "POST", path: "/phone-numbers" },
  "phoneNumbers.list": { method: "GET", path: "/phone-numbers", items: "phone_numbers" },
  "phoneNumbers.get": { method: "GET", path: "/phone-numbers/{phone_number_id}" },
  "phoneNumbers.update": { method: "PATCH", path: "/phone-numbers/{phone_number_id}" },
  "phoneNumbers.delete": { method: "DELETE", path: "/phone-numbers/{phone_number_id}" },

  "widget.get": { method: "GET", path: "/agents/{agent_id}/widget" },
  "widget.uploadAvatar": { method: "POST", path: "/agents/{agent_id}/widget/avatar" },

  "workspace.getSettings": { method: "GET", path: "/workspace/settings" },
  "workspace.updateSettings": { method: "PATCH", path: "/workspace/settings" },
  "workspace.listSecrets": { method: "GET", path: "/workspace/secrets", items: "secrets" },
  "workspace.createSecret": { method: "POST", path: "/workspace/secrets" },
  "workspace.deleteSecret": { method: "DELETE", path: "/workspace/secrets/{secret_id}" },
} as const satisfies Record<string, RouteSpec>;

export interface RouteSpec {
  method: "GET" | "POST" | "PATCH" | "DELETE";
  path: string;
  /** For list routes: the key of the array in the response body. */
  items?: string;
}

export type RouteName = keyof typeof routes;
export type ListRouteName = { [K in RouteName]: (typeof routes)[K] extends { items: string } ? K : never }[RouteName];

/** Fills `{name}` segments, percent-encoding each value; a missing value is a programming error. */
export function buildPath(template: string, params: Record<string, string> = {}): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined || value === "") throw new TypeError(`missing path parameter "${name}" for ${template}`);
    return encodeURIComponent(value);
  });
}
