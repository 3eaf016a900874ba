import type { Profile } from "../profile";
import { liveAgentRoutes } from "./agents";
import { liveConversationCodec } from "./conversation";
import { liveConversationRoutes } from "./conversations";
import { renderLiveError } from "./errors";
import { liveKnowledgeBaseRoutes } from "./knowledge-base";
import { livePhoneNumberRoutes } from "./phone-numbers";
import { liveSecretRoutes } from "./secrets";
import { liveSettingsRoutes } from "./settings";
import { liveToolRoutes } from "./tools";
import { liveWidgetRoutes } from "./widget";

/** The live ElevenLabs API as `shared/api/live-vs-seed.md` maps it; §6 choices in the README. */
export const liveProfile: Profile = {
  name: "live",
  routes(router) {
    for (const register of [
      liveAgentRoutes,
      liveConversationRoutes,
      liveToolRoutes,
      liveKnowledgeBaseRoutes,
      livePhoneNumberRoutes,
      liveWidgetRoutes,
      liveSettingsRoutes,
      liveSecretRoutes,
    ]) {
      register(router);
    }
  },
  renderError: renderLiveError,
  // No per-minute limit is documented for the live API; its limits are on concurrency.
  defaults: { rateLimit: 0 },
  conversation: liveConversationCodec,
};
