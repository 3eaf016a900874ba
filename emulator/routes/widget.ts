import type { IncomingMessage } from "node:http";
import type { App } from "../app";
import { EmulatorError, invalid } from "../errors";
import { readForm } from "../http-io";
import { nowIso } from "../ids";
import { isPlainObject } from "../merge-patch";
import type { Handler, Router } from "../router";
import { ok, requireAgent } from "./resource";

const IMAGE_TYPES: Record<string, string> = {
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  gif: "image/gif",
};

/** Defaults of `config`; an agent's `platform_settings.widget` object overrides them (README). */
const WIDGET_DEFAULTS = { position: "bottom-right", theme: "dark", launcher_text: "Chat with us" };

export function widgetRoutes(router: Router): void {
  router
    .add("GET", "/agents/{agent_id}/widget", ({ app, params }) => {
      const agent = requireAgent(app, params.agent_id as string);
      const own = agent.platform_settings?.widget;
      const avatar = app.store.get("avatars", agent.agent_id);
      return ok({
        widget_id: `widget_${agent.agent_id.replace(/^agent_/, "")}`,
        agent_id: agent.agent_id,
        embed_code: `<script src='https://widget.elevenlabs.io/v1/embed.js' data-agent-id='${agent.agent_id}'></script>`,
        config: {
          ...WIDGET_DEFAULTS,
          avatar_url: avatar ? avatarUrl(app.url, agent.agent_id, AVATAR) : null,
          ...(isPlainObject(own) ? own : {}),
        },
      });
    })
    .add("POST", `${AVATAR}`, async ({ app, req, params }) => {
      const { agent_id } = requireAgent(app, params.agent_id as string);
      await storeAvatar(app, agent_id, req, "file");
      return ok({ agent_id, avatar_url: avatarUrl(app.url, agent_id, AVATAR) });
    })
    // Not in the contract: serves the uploaded image so `avatar_url` resolves.
    .add("GET", AVATAR, serveAvatar);
}

const AVATAR = "/agents/{agent_id}/widget/avatar";

/** Stores the image of the multipart part `field` as the agent's avatar (PNG, JPEG or GIF). */
export async function storeAvatar(app: App, agentId: string, req: IncomingMessage, field: string): Promise<void> {
  const file = (await readForm(req)).get(field);
  if (!(file instanceof File)) throw invalid(field, `is required (a file part named ${field})`);
  const ext = /\.([A-Za-z]+)$/.exec(file.name)?.[1]?.toLowerCase() ?? "";
  const mime = Object.values(IMAGE_TYPES).includes(file.type) ? file.type : IMAGE_TYPES[ext];
  if (!mime) throw invalid(field, "must be a PNG, JPEG or GIF image");
  const bytes = Buffer.from(await file.arrayBuffer());
  if (bytes.length === 0) throw invalid(field, "is empty");
  app.store.put("avatars", agentId, {
    agent_id: agentId,
    mime_type: mime,
    bytes_base64: bytes.toString("base64"),
    updated_at: nowIso(),
  });
}

/** The uploaded image, so an `avatar_url` resolves (a route of ours in both profiles). */
export const serveAvatar: Handler = ({ app, params }) => {
  const { agent_id } = requireAgent(app, params.agent_id as string);
  const avatar = app.store.get("avatars", agent_id);
  if (!avatar)
    throw new EmulatorError(404, "NOT_FOUND", `agent ${agent_id} has no avatar`, {
      resource: "avatar",
      id: agent_id,
    });
  return { status: 200, raw: Buffer.from(avatar.bytes_base64, "base64"), contentType: avatar.mime_type };
};

/** Where `serveAvatar` is mounted for `agentId` (`template` is its route). */
export const avatarUrl = (base: string, agentId: string, template: string) =>
  `${base}/v1/convai${template.replace("{agent_id}", encodeURIComponent(agentId))}`;
