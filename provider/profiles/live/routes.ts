import type { RouteTable } from "../../client/routes";

/**
 * The live service's ConvAI endpoints (`shared/api/live-vs-seed.md` §2, from the vendor's
 * generated SDKs). Relative to `…/v1/convai`. Routes the live API does not have are absent:
 * calling one fails with a NOT_SUPPORTED error naming the profile.
 * Path parameters keep the contract's names (`document_id` where the vendor says
 * `documentation_id`): a name never reaches the wire, so callers stay profile-free.
 */
export const liveRoutes: RouteTable = {
  "agents.create": { method: "POST", path: "/agents/create" },
  "agents.get": { method: "GET", path: "/agents/{agent_id}" },
  // §6: whether PATCH merges nested objects is unknown; whole top-level objects are right either way.
  "agents.update": { method: "PATCH", path: "/agents/{agent_id}", update: "whole-objects" },
  "agents.delete": { method: "DELETE", path: "/agents/{agent_id}" },
  "agents.list": { method: "GET", path: "/agents", items: "agents", paging: "cursor" },
  "agents.signedUrl": { method: "GET", path: "/conversation/get-signed-url", query: ["agent_id"] },

  "conversations.get": { method: "GET", path: "/conversations/{conversation_id}" },
  "conversations.list": { method: "GET", path: "/conversations", items: "conversations", paging: "cursor" },
  "conversations.feedback": { method: "POST", path: "/conversations/{conversation_id}/feedback" },
  // `/twilio/outbound-call` or `/sip-trunk/outbound-call`, after the calling number's provider.
  "conversations.outboundCall": { method: "POST", path: "/{telephony}/outbound-call" },

  "tools.create": { method: "POST", path: "/tools" },
  "tools.get": { method: "GET", path: "/tools/{tool_id}" },
  "tools.update": { method: "PATCH", path: "/tools/{tool_id}", update: "whole" },
  "tools.delete": { method: "DELETE", path: "/tools/{tool_id}" },
  "tools.list": { method: "GET", path: "/tools", items: "tools", paging: "cursor" },

  "knowledgeBase.createFromFile": { method: "POST", path: "/knowledge-base/file" },
  "knowledgeBase.createFromUrl": { method: "POST", path: "/knowledge-base/url" },
  "knowledgeBase.createFromText": { method: "POST", path: "/knowledge-base/text" },
  "knowledgeBase.list": { method: "GET", path: "/knowledge-base", items: "documents", paging: "cursor" },
  "knowledgeBase.get": { method: "GET", path: "/knowledge-base/{document_id}" },
  "knowledgeBase.delete": { method: "DELETE", path: "/knowledge-base/{document_id}" },
  // The document's text itself (text/plain), not JSON.
  "knowledgeBase.content": { method: "GET", path: "/knowledge-base/{document_id}/content", answers: "text" },
  // A signed URL (not the API's host, no API key) of an uploaded file's original bytes.
  "knowledgeBase.sourceFileUrl": { method: "GET", path: "/knowledge-base/{document_id}/source-file-url" },
  "knowledgeBase.chunk": { method: "GET", path: "/knowledge-base/{document_id}/chunk/{chunk_id}" },

  "phoneNumbers.create": { method: "POST", path: "/phone-numbers" },
  "phoneNumbers.list": { method: "GET", path: "/phone-numbers", paging: "array" },
  "phoneNumbers.get": { method: "GET", path: "/phone-numbers/{phone_number_id}" },
  "phoneNumbers.update": { method: "PATCH", path: "/phone-numbers/{phone_number_id}" },
  "phoneNumbers.delete": { method: "DELETE", path: "/phone-numbers/{phone_number_id}" },

  // The widget is the agent's `platform_settings.widget`: read from the agent, written by its PATCH.
  // (The read-only GET /agents/{id}/widget answers a derived `widget_config`, not what was written.)
  "widget.get": { method: "GET", path: "/agents/{agent_id}" },
  "widget.update": { method: "PATCH", path: "/agents/{agent_id}", update: "whole-objects" },
  "widget.uploadAvatar": { method: "POST", path: "/agents/{agent_id}/avatar", fileField: "avatar_file" },

  "workspace.getSettings": { method: "GET", path: "/settings" },
  "workspace.updateSettings": { method: "PATCH", path: "/settings" },
  "workspace.listSecrets": { method: "GET", path: "/secrets", items: "secrets", paging: "cursor" },
  "workspace.getSecret": { method: "GET", path: "/secrets/{secret_id}" },
  "workspace.createSecret": { method: "POST", path: "/secrets", constants: { type: "new" } },
  "workspace.updateSecret": {
    method: "PATCH",
    path: "/secrets/{secret_id}",
    update: "whole",
    constants: { type: "update" },
  },
  "workspace.deleteSecret": { method: "DELETE", path: "/secrets/{secret_id}" },
};
