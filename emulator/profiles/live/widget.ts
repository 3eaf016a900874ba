import { isPlainObject } from "../../merge-patch";
import type { Router } from "../../router";
import { ok, requireAgent } from "../../routes/resource";
import { avatarUrl, serveAvatar, storeAvatar } from "../../routes/widget";

/** What GET shows for keys the agent's `platform_settings.widget` leaves out (PYT `widget_config_response.py`). */
const WIDGET_DEFAULTS = {
  variant: "full",
  placement: "bottom-right",
  expandable: "never",
  avatar: { type: "orb", color_1: "#2792dc", color_2: "#9ce6e6" },
  bg_color: "#ffffff",
  text_color: "#000000",
  btn_color: "#000000",
  btn_text_color: "#ffffff",
  border_color: "#e1e1e1",
  focus_color: "#000000",
  mic_muting_enabled: false,
  transcript_enabled: false,
  text_input_enabled: true,
  text_only: false,
  supports_text_only: true,
  language: "en",
  supported_language_overrides: [],
};

const AVATAR = "/agents/{agent_id}/avatar";

/**
 * Live widget (live-vs-seed.md §2.7): written through the agent's PATCH of
 * `platform_settings.widget`; read-only `GET …/widget`; the avatar at `POST …/avatar` (`avatar_file`).
 */
export function liveWidgetRoutes(router: Router): void {
  router
    .add("GET", "/agents/{agent_id}/widget", ({ app, params }) => {
      const agent = requireAgent(app, params.agent_id as string);
      const own = agent.platform_settings?.widget;
      const language = agent.conversation_config?.agent?.language ?? "en";
      const firstMessage = agent.conversation_config?.agent?.first_message ?? "";
      const uploaded = app.store.get("avatars", agent.agent_id)
        ? { avatar: { type: "image", url: avatarUrl(app.url, agent.agent_id, AVATAR) } }
        : {};
      return ok({
        agent_id: agent.agent_id,
        widget_config: {
          ...WIDGET_DEFAULTS,
          language,
          first_message: firstMessage,
          ...uploaded,
          ...(isPlainObject(own) ? own : {}),
        },
      });
    })
    .add("POST", AVATAR, async ({ app, req, params }) => {
      const { agent_id } = requireAgent(app, params.agent_id as string);
      await storeAvatar(app, agent_id, req, "avatar_file");
      return ok({ agent_id, avatar_url: avatarUrl(app.url, agent_id, AVATAR) });
    })
    // Not in the live API: serves the uploaded image so `avatar_url` resolves.
    .add("GET", AVATAR, serveAvatar);
}
