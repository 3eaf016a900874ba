import type { RouteSpec } from "../../client/routes";

/** Every endpoint of the contract (`shared/api/convai-api.md`). */
export const seedRoutes = {
  "agents.create": { method: "POST", path: "/agents" },
  "agents.get": { method: "GET", path: "/agents/{agent_id}" },
  "agents.update": { method: "PATCH", path: "/agents/{agent_id}" },
  "agents.delete": { method: "DELETE", path: "/agents/{agent_id}" },
  "agents.list": { method: "GET", path: "/agents", items: "agents" },
  "agents.signedUrl": { method: "GET", path: "/agents/{agent_id}/signed-url" },

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
  "knowledgeBase.content": {
    method: "GET",
    path: "/agents/{agent_id}/knowledge-base/{document_id}/content",
    answerField: "content",
  },
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
