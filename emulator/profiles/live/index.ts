import type { Profile } from "../profile";
import { seedProfile } from "../seed";
import { liveAgentRoutes } from "./agents";
import { renderLiveError } from "./errors";
import { liveKnowledgeBaseRoutes } from "./knowledge-base";
import { liveToolRoutes } from "./tools";

/** The live ElevenLabs API as `shared/api/live-vs-seed.md` maps it; §6 choices in the README. */
export const liveProfile: Profile = {
  name: "live",
  routes(router) {
    for (const register of [liveAgentRoutes, liveToolRoutes, liveKnowledgeBaseRoutes]) register(router);
  },
  renderError: renderLiveError,
  // No per-minute limit is documented for the live API; its limits are on concurrency.
  defaults: { rateLimit: 0 },
  conversation: seedProfile.conversation,
};
